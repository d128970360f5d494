package check

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"alliance/internal/build"
	"alliance/internal/diag"
	"alliance/internal/testkit/testfs"
)

var now = time.Date(2024, 4, 1, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

// site writes a site folder with the example site's theme and the given files.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["site.toml"]; !ok {
		files["site.toml"] = "title = \"测试站\"\nbase_url = \"https://example.org/sub/\"\n"
	}
	testfs.WriteAll(t, dir, files)
	copyTree(t, filepath.Join("..", "..", "themes", "default"), filepath.Join(dir, "themes", "default"))
	return dir
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// notice is a published notice with front and body. Unless front names
// one, the issuer check requires is added after the keys of front, before
// its first table: lines of front keep their number, the body's move by one.
func notice(front, body string) string {
	if !strings.Contains(front, "issuer") {
		i := strings.Index("\n"+front, "\n[")
		if i < 0 {
			i = len(front)
		}
		front = front[:i] + "issuer = \"某局\"\n" + front[i:]
	}
	return "+++\ntitle = \"关于联盟的通知\"\ndate = 2024-03-01\n" + front + "+++\n" + body
}

// problems runs the checks and returns the problems of one file.
func problems(t *testing.T, dir, file string) []diag.Problem {
	t.Helper()
	var out []diag.Problem
	for _, p := range Run(Options{Source: dir, Now: now}).Problems() {
		if p.File == file {
			out = append(out, p)
		}
	}
	return out
}

// expect checks that file has exactly the warnings whose messages contain
// want, on the given lines.
func expect(t *testing.T, dir, file string, want map[int]string) {
	t.Helper()
	got := problems(t, dir, file)
	if len(got) != len(want) {
		t.Errorf("%s: %d problems, want %d:\n%s", file, len(got), len(want), list(got))
		return
	}
	for _, p := range got {
		w, ok := want[p.Line]
		if !ok || !strings.Contains(p.Msg, w) || !p.Warning {
			t.Errorf("%s: unexpected %s; want on line %d: %q", file, p.Error(), p.Line, w)
		}
	}
}

func list(ps []diag.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.Error() + "\n")
	}
	return b.String()
}

func TestDocNumberWarning(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/good.md":   notice("doc_number = \"枣教字〔2021〕10号\"\n", ""),
		"content/notices/zero.md":   notice("doc_number = \"枣教字〔2021〕010号\"\n", ""),
		"content/notices/hao.md":    notice("doc_number = \"枣教字〔2021〕10\"\n", ""),
		"content/notices/small.md":  notice("issuer = \"市教育局\"\ndoc_number = \"枣教字﹝2021﹞10号\"\n", ""),
		"content/notices/square.md": notice("doc_number = \"枣教字[2021]10号\"\n", ""),
	})
	expect(t, dir, "content/notices/good.md", nil)
	expect(t, dir, "content/notices/zero.md", map[int]string{4: "pads its serial number with zeros"})
	expect(t, dir, "content/notices/hao.md", map[int]string{4: "does not end in 号"})
	expect(t, dir, "content/notices/small.md", map[int]string{5: "six-sided brackets 〔〕"})
	// [] is the loader's warning, reported once.
	expect(t, dir, "content/notices/square.md", map[int]string{4: "uses [] or ()"})
}

func TestDocNumberRules(t *testing.T) {
	for in, want := range map[string]string{
		"国办发〔2019〕3号":   "",
		"湘教通〔2024〕125号": "",
		"〔2024〕5号":      "no issuer's code",
		"枣教字〔21〕5号":     "four digits",
		"枣教字〔2021〕号":    "no serial number",
		"枣教字2021年5号":    "six-sided brackets",
		"枣教字〔2021〕5-1号": "other than digits",
		"枣教字":           "no year",
		"宜產教聯〔2024〕3號":  "",
		"臺教高〔2023〕12號":  "",
		"宜產教聯〔2024〕03號": "zeros",
		"宜產教聯〔2024〕3":   "does not end in 号",
	} {
		got, _ := docNumber(in)
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("docNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinkWarnings(t *testing.T) {
	// The body starts on line 8, after six lines of front matter.
	body := strings.Join([]string{
		"## 一、总体要求",
		"见[总体要求](#一总体要求)和[附件](plan.txt)。",
		"见[不存在的小节](#二工作安排)。",
		"见[另一通知](/notices/other/#二名单)。",
		"见[缺失的通知](/notices/missing/)。",
		"见[名录](/directories/zz/#no-such-member)。",
		"见[外站](https://www.moe.gov.cn/)、[邮件](mailto:a@b.cn)、[本站](https://example.org/sub/about/)。",
		"[ref]: ../other/#一名单",
		"```",
		"[代码里的链接](/nowhere/)",
		"```",
		"见注释[^1]。",
		"",
		"[^1]: 注释。",
	}, "\n")
	dir := site(t, map[string]string{
		"content/notices/a/index.md": notice("[[attachments]]\nfile = \"plan.txt\"\n", body),
		"content/notices/a/plan.txt": "plan",
		"content/notices/other.md":   notice("", "## 一、名单\n"),
		"content/about.md":           "+++\ntitle = \"关于\"\n+++\n[首页](/) [通知](/notices/) [通知页](../notices/other) [甲园](/directories/zz/#jia)\n",
		"data/alliances/zz.toml":     "name = \"联盟\"\n[[members]]\nname = \"甲幼儿园\"\nid = \"jia\"\n",
		"site.toml":                  "title = \"测试站\"\nbase_url = \"https://example.org/sub/\"\n[[menu]]\nname = \"通知\"\nurl = \"/notices/\"\n[[menu]]\nname = \"旧栏目\"\nurl = \"/old/\"\n",
	})
	expect(t, dir, "content/notices/a/index.md", map[int]string{
		10: "no heading or anchor #二工作安排 on this page",
		11: "no heading or anchor #二名单 on /notices/other/",
		12: "no page or file /notices/missing/",
		13: "#no-such-member",
	})
	expect(t, dir, "content/about.md", nil)
	expect(t, dir, "site.toml", map[int]string{8: `menu "旧栏目"`})
}

func TestImageWarnings(t *testing.T) {
	dir := site(t, map[string]string{
		"content/reports/r/index.md": "+++\ntitle = \"报道\"\ndate = 2024-03-01\n+++\n" +
			"![开幕式现场](a.svg)\n\n![](a.svg)\n\n![ ](a.svg)\n\n```\n![](in-code.svg)\n```\n",
		"content/reports/r/a.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	})
	expect(t, dir, "content/reports/r/index.md", map[int]string{7: "has no alt text", 9: "has no alt text"})
}

func TestPinnedPastDeadline(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/closed.md": notice("deadline = 2024-03-31\npinned = true\n", ""),
		"content/notices/open.md":   notice("deadline = 2024-04-01T18:00:00+08:00\npinned = true\n", ""),
		"content/notices/plain.md":  notice("deadline = 2024-03-31\n", ""),
	})
	expect(t, dir, "content/notices/closed.md", map[int]string{5: "pinned but its deadline passed on 2024-03-31"})
	expect(t, dir, "content/notices/open.md", nil)
	expect(t, dir, "content/notices/plain.md", nil)
}

func TestPersonalNumbers(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/a.md": notice("[contact]\nphone = \"13800001234\"\n",
			"联系人：王老师，138 0000 1234。\n办公室电话 0632-3317000。\n身份证号 11010519491231002X。\n"+
				"编号 110105194912310021 不是身份证号（校验位不对）。\n"),
	})
	got := problems(t, dir, "content/notices/a.md")
	expect(t, dir, "content/notices/a.md", map[int]string{6: "the only contact number is a personal mobile", 8: "mobile number (138****1234)", 10: "ID-card number (110105********002X)"})
	for _, p := range got {
		if strings.Contains(p.Error(), "13800001234") || strings.Contains(p.Error(), "0000 1234") || strings.Contains(p.Error(), "19491231") {
			t.Errorf("the warning repeats the number: %s", p.Error())
		}
	}
}

func TestPublishBeforeDate(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/early.md": notice("publish_date = 2024-02-28\n", ""),
		"content/notices/same.md":  notice("publish_date = 2024-03-01\n", ""),
	})
	expect(t, dir, "content/notices/early.md", map[int]string{4: "publish_date 2024-02-28 is before date 2024-03-01"})
	expect(t, dir, "content/notices/same.md", nil)
}

// TestErrorsAndWarningsTogether checks that a site that does not build still
// gets the checks of its documents, so every problem is reported at once.
func TestErrorsAndWarningsTogether(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/bad.md":  "+++\ntitle = \"\"\ndate = 2024-03-01\nissuer = \"某局\"\n+++\n",
		"content/notices/warn.md": notice("doc_number = \"枣教字〔2021〕01号\"\n", "电话13800001234\n"),
	})
	ps := Run(Options{Source: dir, Now: now}).Problems()
	var errs, warns int
	for _, p := range ps {
		if p.Warning {
			warns++
		} else {
			errs++
		}
	}
	if errs != 1 || warns != 2 {
		t.Fatalf("want 1 error and 2 warnings, got:\n%s", list(ps))
	}
}

func TestPersonalNumbersInFrontMatter(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/b.md": "+++\ntitle = \"通知\"\ndate = 2024-03-01\nsummary = \"报名请联系13900001111\"\nissuer = \"某局\"\n[contact]\nname = \"王老师\"\nphone = \"13800001234\"\n+++\n正文。\n",
	})
	expect(t, dir, "content/notices/b.md", map[int]string{4: "mobile number (139****1111)", 8: "the only contact number is a personal mobile"})
}

// TestPersonalNumbersAsTheReaderSeesThem checks that numbers split by
// Markdown or written with dashes and no-break spaces are found, and that
// data/ is read as well as content/.
func TestPersonalNumbersAsTheReaderSeesThem(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/c.md":  notice("", "王老师 138**0000**1234。\n\n李老师 137–0000–9999，`139 1111 2222`。\n\n张老师 136\u00a00000\u00a05555\n"),
		"data/alliances/d.toml": "name = \"联盟\"\ndescription = \"秘书处 135-0000-6666\"\n[[members]]\nname = \"某园\"\nphone = \"13800001234\"\naddress = \"某路1号\"\nresponsible = \"刘老师 134 0000 7777\"\n",
		"data/templates/t.toml": "title = \"申请表\"\naddressee = \"评审委员会（133—0000—8888）：\"\n[[blocks]]\ntype = \"paragraph\"\ntext = \"正文\"\n[submission]\nnotes = [\"咨询 132 0000 9999\"]\n",
	})
	numbers := func(file string) []string {
		var out []string
		for _, p := range problems(t, dir, file) {
			out = append(out, fmt.Sprintf("%d %s", p.Line, p.Msg[strings.Index(p.Msg, "(")+1:strings.Index(p.Msg, ")")]))
		}
		return out
	}
	for file, want := range map[string]string{
		"content/notices/c.md":  "6 138****1234, 8 137****9999, 8 139****2222, 10 136****5555", // the notice starts with 5 lines of front matter
		"data/alliances/d.toml": "2 135****6666, 7 134****7777",
		"data/templates/t.toml": "2 133****8888, 7 132****9999",
	} {
		if got := strings.Join(numbers(file), ", "); got != want {
			t.Errorf("%s: numbers found %q, want %q", file, got, want)
		}
	}
}

// TestLinksFromTheSyntaxTree checks that links are read from the Markdown
// syntax tree: one in a code span is text, not a link, and anchors that a
// layout or a footnote put on a page are found as well as headings.
func TestLinksFromTheSyntaxTree(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/a.md": notice("", "## 一、名单\n\n写作 `[示例](/nowhere/)` 即可。\n\n见[正文](#main)、[名单](#一名单)和注释[^1]，[回到注释](#fn:1)。\n\n见[缺失](#no-such-anchor)。\n\n[^1]: 注释。\n"),
	})
	// The body starts on line 6.
	expect(t, dir, "content/notices/a.md", map[int]string{12: "no heading or anchor #no-such-anchor on this page"})
}

// TestLayoutErrorsAsTheBuild checks that a layout that fails to render is
// reported as the build reports it, though check renders only a sample of
// the pages.
func TestLayoutErrorsAsTheBuild(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/a.md":  notice("", "正文。\n"),
		"content/notices/b.md":  notice("", "正文。\n"),
		"layouts/notice.html":   "{{define \"main\"}}{{.Notice.NoSuchField}}{{end}}\n",
		"content/reports/r.md":  "+++\ntitle = \"报道\"\ndate = 2024-03-01\n+++\n正文。\n",
		"static/css/extra.css":  "a{color:red}\n",
		"static/js/fine.js":     "var a = 1;\n",
		"data/alliances/z.toml": "name = \"联盟\"\n",
	})
	_, err := build.Run(build.Options{Source: dir, Destination: filepath.Join(t.TempDir(), "public"), Now: now})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	var found []string
	for _, p := range Run(Options{Source: dir, Now: now}).Problems() {
		if !p.Warning {
			found = append(found, p.Error())
		}
	}
	want := diag.Problem{Msg: err.Error()}.Error()
	var errs diag.Errors
	if errors.As(err, &errs) {
		want = errs[0].Error()
	}
	// Pages render in parallel: which of the pages sharing the broken
	// layout fails first differs from run to run, so the page is left out.
	page := regexp.MustCompile(`rendering \S+ `)
	want = page.ReplaceAllString(want, "rendering PAGE ")
	for i := range found {
		found[i] = page.ReplaceAllString(found[i], "rendering PAGE ")
	}
	if !slices.Contains(found, want) {
		t.Errorf("the build reports\n\t%s\nbut check reports\n\t%s", want, strings.Join(found, "\n\t"))
	}
}

// TestNotTextFromTheModel checks that the keys left out of the search for
// personal numbers come from the model's mask tags: ids, slugs, URLs,
// websites and phone fields, but not a report's theme, a free text that
// shares its name with the site's theme setting.
func TestNotTextFromTheModel(t *testing.T) {
	for _, k := range []string{"phone", "slug", "url", "website", "id", "file", "directory", "template"} {
		if !notText[k] {
			t.Errorf("%s is read as a text", k)
		}
	}
	for _, k := range []string{"theme", "name", "summary", "address", "responsible", "title"} {
		if notText[k] {
			t.Errorf("%s is not read as a text", k)
		}
	}
}
