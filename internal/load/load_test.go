package load

import (
	"strings"
	"testing"
	"time"

	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/testkit/testfs"
)

// site writes files into a fresh site folder.
func site(t testing.TB, files map[string]string) string {
	dir := t.TempDir()
	files["site.toml"] = "title = \"测试站\"\nbase_url = \"https://example.org/sub/\"\n"
	testfs.WriteAll(t, dir, files)
	return dir
}

func loadOK(t *testing.T, dir string) *model.Site {
	t.Helper()
	var dl diag.List
	s := Site(dir, Options{Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}, &dl)
	if err := dl.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSlugs(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/Hunan-Call.md":   "+++\ntitle = \"甲\"\ndate = 2024-03-17\n+++\n",
		"content/notices/关于联盟的通知.md":      "+++\ntitle = \"乙\"\ndate = 2024-03-17\n+++\n",
		"content/notices/关于联盟的通知二.md":     "+++\ntitle = \"丙\"\ndate = 2024-03-17\n+++\n",
		"content/notices/中文名.md":          "+++\ntitle = \"丁\"\ndate = 2024-03-18\nslug = \"named\"\n+++\n",
		"content/notices/bundle/index.md": "+++\ntitle = \"戊\"\ndate = 2024-03-19\n+++\n",
	})
	s := loadOK(t, dir)
	got := map[string]string{}
	for _, n := range s.Notices {
		got[n.Title] = n.URL
	}
	want := map[string]string{
		"甲": "notices/hunan-call/",
		"乙": "notices/2024-03-17/",
		"丙": "notices/2024-03-17-2/",
		"丁": "notices/named/",
		"戊": "notices/bundle/",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: URL %q, want %q", k, got[k], v)
		}
	}
}

func TestTagSlugsArePinyin(t *testing.T) {
	cases := map[string]string{"产教融合": "chan-jiao-rong-he", "学前教育": "xue-qian-jiao-yu", "AI 教育": "ai-jiao-yu", "教聯體": "jiao-lian-ti"}
	for in, want := range cases {
		if got := tagSlug(in); got != want {
			t.Errorf("tagSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTemplateModel(t *testing.T) {
	dir := site(t, map[string]string{"data/templates/letter.toml": `title = "申请书"
[[blocks]]
type = "paragraph"
text = "我代表{市:6}市{县}县（{{注}}）"
[[blocks]]
type = "heading"
text = "单位背景"
[[blocks]]
type = "heading"
text = "承诺"
[[blocks]]
type = "fields"
fields = ["联系人", "职务"]
[[blocks]]
type = "table"
columns = 3
[[blocks.rows]]
cells = [{ label = "甲", rowspan = 2, header = true }, { label = "乙" }, { blank = "乙值" }]
[[blocks.rows]]
cells = [{ blank = "丙值", colspan = 2, lines = 3 }]
`})
	s := loadOK(t, dir)
	tp := s.Templates[0]
	runs := tp.Blocks[0].Runs
	if len(runs) != 5 || runs[1].Blank == nil || runs[1].Blank.Label != "市" || runs[1].Blank.Width != 6 || runs[4].Text != "县（{注}）" {
		t.Fatalf("runs = %+v", runs)
	}
	if tp.Blocks[1].Number != "一、" || tp.Blocks[2].Number != "二、" {
		t.Errorf("headings numbered %q, %q", tp.Blocks[1].Number, tp.Blocks[2].Number)
	}
	var ids, labels []string
	for _, f := range tp.Fields {
		ids = append(ids, f.ID)
		labels = append(labels, f.Label)
	}
	if strings.Join(ids, ",") != "f1,f2,f3,f4,f5,f6" || strings.Join(labels, ",") != "市,县,联系人,职务,乙值,丙值" {
		t.Errorf("fields %v %v", ids, labels)
	}
	tab := tp.Blocks[4].Table
	if tab.Rows[0].Cells[0].Rowspan != 2 || tab.Rows[1].Cells[0].Colspan != 2 || tab.Rows[1].Cells[0].Blank.Lines != 3 {
		t.Errorf("table = %+v", tab)
	}
	if tab.Rows[0].Cells[2].Blank.ID != "f5" {
		t.Errorf("table blank id %q, want f5", tab.Rows[0].Cells[2].Blank.ID)
	}
}

func TestChineseNumber(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 11: "十一", 20: "二十", 23: "二十三"} {
		if got := chineseNumber(n); got != want {
			t.Errorf("chineseNumber(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestGroupedMembersInheritAndGetStableAnchors(t *testing.T) {
	dir := site(t, map[string]string{"data/alliances/zz.toml": `name = "联盟"
[[groups]]
tier = "区（市）级"
district = "滕州市"
[groups.lead]
name = "滕州市实验幼儿园"
phone = "13900001111"
[[groups.partners]]
name = "甲幼儿园"
[[groups.partners]]
name = "乙幼儿园"
district = "薛城区"
`})
	s := loadOK(t, dir)
	all := s.Directories[0].AllMembers()
	if len(all) != 3 || all[1].District != "滕州市" || all[1].Tier != "区（市）级" || all[2].District != "薛城区" {
		t.Fatalf("members = %+v", all)
	}
	if all[1].Role != model.RolePartner || all[1].Lead != "滕州市实验幼儿园" || all[0].Role != model.RoleLead {
		t.Errorf("roles = %q %q %q", all[0].Role, all[1].Role, all[1].Lead)
	}
	// Adding a member before it must not change an existing anchor.
	id := all[1].ID
	dir2 := site(t, map[string]string{"data/alliances/zz.toml": "name = \"联盟\"\n[[members]]\nname = \"新园\"\n[[members]]\nname = \"甲幼儿园\"\n"})
	if got := loadOK(t, dir2).Directories[0].Members[1].ID; got != id {
		t.Errorf("anchor changed from %q to %q when a member was added", id, got)
	}
}

func TestMobileNumbersInBodiesAreMasked(t *testing.T) {
	dir := site(t, map[string]string{"content/notices/a.md": "+++\ntitle = \"甲\"\ndate = 2024-03-17\n+++\n咨询电话：13787179805（王老师）\n"})
	n := loadOK(t, dir).Notices[0]
	if strings.Contains(string(n.Body.HTML()), "13787179805") || !strings.Contains(string(n.Body.HTML()), "137****9805") {
		t.Errorf("body = %s", n.Body.HTML())
	}
}

// FuzzNotice loads arbitrary bytes as a notice: whatever the input, loading
// reports problems and never panics.
func FuzzNotice(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"甲\"\ndate = 2024-03-17\n+++\n正文"))
	f.Add([]byte("+++\ntitle = \"甲\"\ndate = \"2024-13-01\"\n[[attachments]]\ndirectory = \"x\"\n+++\n"))
	f.Add([]byte("+++\n+++\n"))
	f.Add([]byte("\xEF\xBB\xBF+++\r\ndeadline = 2023-12-31T17:00:00+08:00\r\n+++\r\n**「重点」**"))
	f.Add([]byte("\xb9\xfa\xb1\xea"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := site(t, map[string]string{"content/notices/fuzz.md": string(data)})
		var dl diag.List
		Site(dir, Options{}, &dl)
	})
}

func TestHugeTableSpansAreErrorsNotPanics(t *testing.T) {
	for _, cells := range []string{
		`[{label="a"}, {label="b", colspan=9223372036854775807}, {label="c"}]`,
		`[{label="a", rowspan=9223372036854775807}, {label="b"}]`,
		`[{blank="a", lines=-3}, {label="b"}]`,
	} {
		dir := site(t, map[string]string{"data/templates/boom.toml": "title = \"表\"\n[[blocks]]\ntype = \"table\"\ncolumns = 2\n[[blocks.rows]]\ncells = " + cells + "\n"})
		var dl diag.List
		Site(dir, Options{}, &dl)
		if !dl.HasErrors() {
			t.Errorf("%s: no error", cells)
		}
	}
	dir := site(t, map[string]string{"data/templates/wide.toml": "title = \"表\"\n[[blocks]]\ntype = \"table\"\ncolumns = 9223372036854775807\n"})
	var dl diag.List
	Site(dir, Options{}, &dl)
	if !dl.HasErrors() {
		t.Error("a table of 2^63 columns was accepted")
	}
}
