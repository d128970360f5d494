package memberimport

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"alliance/internal/model"
	"alliance/internal/phone"
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
	var f file
	md, err := toml.Decode(string(got), &f)
	if err != nil || len(md.Undecoded()) != 0 {
		t.Fatalf("decode: %v, undecoded %v", err, md.Undecoded())
	}
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
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(existing), 0o644); err != nil {
		t.Fatal(err)
	}
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
	var f struct {
		file
		Description string `toml:"description"`
		Governance  []struct {
			Name string `toml:"name"`
		} `toml:"governance"`
	}
	if _, err := toml.Decode(got, &f); err != nil {
		t.Fatal(err)
	}
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
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("name = \"x\"\nmembers = [{ name = \"a\" }]\n"), 0o644)
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
