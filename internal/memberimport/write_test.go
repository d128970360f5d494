package memberimport

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"alliance/internal/diag"
	"alliance/internal/load"
	"alliance/internal/model"
	"alliance/internal/phone"
	"alliance/internal/testkit/testfs"
)

func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"测试\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func smallDirectory() *model.Directory {
	lead := model.Member{Name: "甲\"园\"", District: "市直", Tier: model.TierCity, Role: model.RoleLead,
		Phone: phone.Number{Raw: "13812345678"}, Joined: time.Date(2021, 3, 16, 0, 0, 0, 0, time.UTC)}
	return &model.Directory{Groups: []model.Group{{Tier: model.TierCity, District: "市直", Lead: lead, Partners: []model.Member{
		{Name: "乙园", District: "市直", Tier: model.TierCity, Role: model.RolePartner, Phone: phone.Number{Raw: "0632-3317000", Public: true}},
		{Name: "丙园", District: "薛城区", Tier: model.TierCity, Role: model.RolePartner, Address: "a\\b"},
	}}}}
}

const smallTOML = `# Member directory, see README.md (Member directories).
# Members imported from 名单.xlsx by ` + "`alliance import members`" + `.
name = "枣庄联盟"

[[groups]]
tier = "市级"
district = "市直"
[groups.lead]
name = "甲\"园\""
phone = "13812345678"
joined = 2021-03-16
[[groups.partners]]
name = "乙园"
phone = { number = "0632-3317000", public = true }
[[groups.partners]]
name = "丙园"
district = "薛城区"
address = "a\\b"
`

func TestWriteNew(t *testing.T) {
	dir := site(t)
	path, err := Write(dir, "zaozhuang", smallDirectory(), WriteOptions{Name: "枣庄联盟", Source: "名单.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(dir, "data", "alliances", "zaozhuang.toml") {
		t.Errorf("wrote %s", path)
	}
	got, _ := os.ReadFile(path)
	if string(got) != smallTOML {
		t.Errorf("wrote:\n%s\nwant:\n%s", got, smallTOML)
	}
	f := loadFile(t, dir, "zaozhuang")
	if f.Groups[0].Partners[0].Phone != (phone.Number{Raw: "0632-3317000", Public: true}) || f.Groups[0].Lead.Name != `甲"园"` {
		t.Errorf("read back %+v", f)
	}
	noTemp(t, filepath.Dir(path))

	// A new file without a name is named by its ID.
	if _, err := Write(dir, "other", smallDirectory(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(Path(dir, "other")); !strings.Contains(string(b), "\nname = \"other\"\n") {
		t.Errorf("file without --name:\n%s", b)
	}
}

// loadFile reads data/alliances/ID.toml in the site folder dir with the
// site's loader, which must find no problem, not even a warning.
func loadFile(t *testing.T, dir, id string) *model.Directory {
	t.Helper()
	src, err := os.ReadFile(Path(dir, id))
	if err != nil {
		t.Fatal(err)
	}
	var dl diag.List
	d := load.Directory(relPath(id), src, nil, &dl)
	if p := dl.Problems(); len(p) > 0 || d == nil {
		t.Fatalf("loading %s: %v", relPath(id), p)
	}
	return d
}

func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

const existing = `# 枣庄联盟
name = "枣庄联盟"
description = """
多行说明
[[members]]
这一行不是表头
"""

[[governance]]
name = "领导小组"

# 成员：由秘书处维护
[[groups]]
tier = "市级"
[groups.lead]
name = "旧园"
# 旧园的联盟园
[[groups.partners]]
name = "旧联盟园"

# 理事会在名单之后
[[governance]]
name = "理事会"
[[governance.people]]
name = "邓淇"
`

func TestWriteExisting(t *testing.T) {
	dir := site(t)
	path := Path(dir, "zaozhuang")
	testfs.Write(t, path, existing)
	if _, err := Write(dir, "zaozhuang", smallDirectory(), WriteOptions{Name: "新名字"}); !errors.Is(err, ErrExists) {
		t.Fatalf("without force: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(path); string(b) != existing {
		t.Fatal("the existing file changed without force")
	}
	if _, err := Write(dir, "zaozhuang", smallDirectory(), WriteOptions{Force: true, Name: "新名字"}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	got := string(b)
	for _, keep := range []string{"# 枣庄联盟\n", "name = \"枣庄联盟\"", "这一行不是表头", "name = \"领导小组\"",
		"# 理事会在名单之后\n[[governance]]\nname = \"理事会\"", "name = \"邓淇\""} {
		if !strings.Contains(got, keep) {
			t.Errorf("lost %q:\n%s", keep, got)
		}
	}
	for _, gone := range []string{"旧园", "旧联盟园", "# 成员：由秘书处维护", "新名字"} {
		if strings.Contains(got, gone) {
			t.Errorf("kept %q:\n%s", gone, got)
		}
	}
	f := loadFile(t, dir, "zaozhuang")
	if len(f.Governance) != 2 || len(f.Groups) != 1 || len(f.Groups[0].Partners) != 2 || f.Groups[0].Lead.Name != `甲"园"` {
		t.Errorf("read back %+v", f)
	}
	noTemp(t, filepath.Dir(path))
}

func TestWriteRefuses(t *testing.T) {
	dir := site(t)
	for _, id := range []string{"", "../x", "Zaozhuang", "枣庄", "a/b", "-a", "a.toml"} {
		if _, err := Write(dir, id, smallDirectory(), WriteOptions{}); err == nil {
			t.Errorf("ID %q accepted", id)
		}
	}
	if _, err := Write(t.TempDir(), "a", smallDirectory(), WriteOptions{}); err == nil || !strings.Contains(err.Error(), "site.toml") {
		t.Errorf("folder without site.toml: %v", err)
	}
	// Nothing was written anywhere but data/alliances.
	var files []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 1 {
		t.Errorf("files in the site folder: %q", files)
	}
	// An inline members array cannot be replaced without losing it.
	path := Path(dir, "inline")
	testfs.Write(t, path, "name = \"x\"\nmembers = [{ name = \"a\" }]\n")
	if _, err := Write(dir, "inline", smallDirectory(), WriteOptions{Force: true}); err == nil {
		t.Error("replaced an inline members array")
	}
}

func TestQuote(t *testing.T) {
	for _, s := range []string{"", "a", `"`, `\`, "a\nb\tc\r", "\x01\x7f", "汉字“引号”", "'"} {
		var v struct{ S string }
		if _, err := toml.Decode("S = "+quote(s), &v); err != nil || v.S != s {
			t.Errorf("quote(%q) = %s reads back as %q, %v", s, quote(s), v.S, err)
		}
	}
}

func TestReplaceMembersKeepsCommentsThatAreNotTheMembers(t *testing.T) {
	old := "name = \"x\"\n\n# 成员\n[[groups]]\ntier = \"市级\"\n[groups.lead]\nname = \"甲\"\n\n# ---- 以下为治理结构，勿删 ----\n\n[[governance]]\nname = \"理事会\"\n"
	got, err := replaceMembers([]byte(old), "[[members]]\nname = \"乙\"\n")
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	if !strings.Contains(s, "# ---- 以下为治理结构，勿删 ----") {
		t.Errorf("the separated comment was dropped:\n%s", s)
	}
	if strings.Contains(s, "# 成员") || strings.Contains(s, "甲") {
		t.Errorf("the old member table or its comment was kept:\n%s", s)
	}
	if !strings.Contains(s, "[[governance]]") || !strings.Contains(s, "name = \"乙\"") {
		t.Errorf("governance lost or members not written:\n%s", s)
	}
}

// TestWriteChecksWithTheLoader shows that Write reads what it made back
// through the site's loader: a file the build would reject is not written,
// and the error is the loader's, naming the file and line.
func TestWriteChecksWithTheLoader(t *testing.T) {
	dir := site(t)
	bad := &model.Directory{Members: []model.Member{{Name: "甲园", Website: "ftp://example.org"}}}
	_, err := Write(dir, "x", bad, WriteOptions{})
	want := `data/alliances/x.toml:4: member 甲园: website "ftp://example.org" is not a web address (start the address with https:// or http://)`
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("error %v, want one with\n%s", err, want)
	}
	if _, err := os.Stat(Path(dir, "x")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file was written: %v", err)
	}
	noTemp(t, filepath.Dir(Path(dir, "x")))

	// With --force, a problem the existing file has elsewhere stops the
	// import too: the build would reject the file.
	path := Path(dir, "y")
	old := "name = \"乙联盟\"\nterm_start = \"2021-3\"\n\n[[members]]\nname = \"旧园\"\n"
	testfs.Write(t, path, old)
	_, err = Write(dir, "y", smallDirectory(), WriteOptions{Force: true})
	if err == nil || !strings.Contains(err.Error(), `data/alliances/y.toml:2: term_start: cannot read "2021-3" as a year and month`) {
		t.Errorf("error %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != old {
		t.Errorf("the existing file changed:\n%s", b)
	}
}

// TestWriteComparesWhatTheLoaderSees shows the check compares the
// directory as the site's loader sees it with what was imported.
func TestWriteComparesWhatTheLoaderSees(t *testing.T) {
	dir := site(t)
	// The loader trims names, so a name with a space at its end does not
	// come back as imported.
	d := &model.Directory{Members: []model.Member{{Name: "甲园 "}}}
	_, err := Write(dir, "x", d, WriteOptions{})
	want := `data/alliances/x.toml: member 1 (甲园 ) reads back with name "甲园", but "甲园 " was imported`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one with\n%s", err, want)
	}
	if _, err := os.Stat(Path(dir, "x")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file was written: %v", err)
	}

	// A group that reads back with other members is not written.
	if err := check(relPath("x"), []byte("name = \"x\"\n[[members]]\nname = \"甲\"\n"), smallDirectory()); err == nil ||
		!strings.Contains(err.Error(), "data/alliances/x.toml reads back as 1 member(s), but 1 group(s) with 3 member(s) were imported") {
		t.Errorf("error %v", err)
	}

	// A personal number in a text comes back masked, as the site publishes
	// it: that is what was imported.
	d = &model.Directory{Members: []model.Member{{Name: "乙园", Address: "文化路1号，电话13812345678"}}}
	if _, err := Write(dir, "x", d, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if m := loadFile(t, dir, "x").Members[0]; m.Address != "文化路1号，电话138****5678" {
		t.Errorf("address %q", m.Address)
	}
}

// TestWriteKeepsAnchors checks that members imported again under the same
// name keep their anchors on the page, and that only the anchors the new
// file would change are written as ids.
func TestWriteKeepsAnchors(t *testing.T) {
	dir := site(t)
	path := Path(dir, "x")
	testfs.Write(t, path, "name = \"x\"\n\n[[members]]\nid = \"jia\"\nname = \"甲园\"\n\n[[members]]\nid = \"yi-1\"\nname = \"乙园\"\n\n"+
		"[[members]]\nname = \"乙园\"\n\n[[members]]\nname = \"丙园\"\n")
	before := loadFile(t, dir, "x")
	d := &model.Directory{Members: []model.Member{{Name: "丁园"}, {Name: "乙园"}, {Name: "丙园"}, {Name: "乙园"}, {Name: "甲园"}}}
	if _, err := Write(dir, "x", d, WriteOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	after := loadFile(t, dir, "x")
	anchor := func(d *model.Directory, name string, n int) string {
		for _, m := range d.Members {
			if m.Name == name {
				if n == 0 {
					return m.ID
				}
				n--
			}
		}
		return ""
	}
	for _, c := range []struct {
		name string
		n    int
	}{{"甲园", 0}, {"乙园", 0}, {"乙园", 1}, {"丙园", 0}} {
		if a, b := anchor(before, c.name, c.n), anchor(after, c.name, c.n); a != b {
			t.Errorf("%s (%d): anchor %q, was %q", c.name, c.n+1, b, a)
		}
	}
	b, _ := os.ReadFile(path)
	if n := strings.Count(string(b), "id = "); n != 2 || !strings.Contains(string(b), `id = "jia"`) || !strings.Contains(string(b), `id = "yi-1"`) {
		t.Errorf("ids written: %d, want jia and yi-1 only:\n%s", n, b)
	}
	if d.Members[4].ID != "" {
		t.Error("Write changed the caller's directory")
	}
}

// TestImportWritesWhatTheSiteReads: values the site would read otherwise
// are written as it reads them, so that the import passes its check: a
// number typed with full-width digits in ASCII, a website's HTTP:// in lower
// case.
func TestImportWritesWhatTheSiteReads(t *testing.T) {
	res, err := Read("f.csv", []byte("园所名称,联系电话,网址\n甲园,１３８１２３４５６７８,HTTPS://Example.org/A\n乙园,０６３２－３３１７０００,Http://www.example.org\n"), Options{PublicLandlines: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := site(t)
	if _, err := Write(dir, "x", res.Directory, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	ms := loadFile(t, dir, "x").Members
	if ms[0].Phone != (phone.Number{Raw: "13812345678"}) || ms[1].Phone != (phone.Number{Raw: "0632-3317000", Public: true}) {
		t.Errorf("phones %+v, %+v", ms[0].Phone, ms[1].Phone)
	}
	if ms[0].Website != "https://Example.org/A" || ms[1].Website != "http://www.example.org" {
		t.Errorf("websites %q, %q", ms[0].Website, ms[1].Website)
	}
}
