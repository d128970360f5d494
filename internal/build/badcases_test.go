package build

import (
	"os"
	"path/filepath"
	"testing"

	"alliance/internal/testkit/testfs"
)

// badCase breaks the example site by writing one file; the build must fail
// with an error line naming the file and saying what is wrong.
type badCase struct {
	name string
	file string // relative to the site
	body string
	want []string // each must appear in one error line
}

// write writes the case's file into the site folder src. It skips the test
// when the folder then holds no file of exactly that name: a file system that
// ignores case wrote it over another file, so the case is not the one meant.
func (c badCase) write(t *testing.T, src string) {
	t.Helper()
	target := filepath.Join(src, filepath.FromSlash(c.file))
	testfs.Write(t, target, c.body)
	entries, err := os.ReadDir(filepath.Dir(target))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == filepath.Base(target) {
			return
		}
	}
	t.Skipf("this file system wrote %s over a file whose name differs only in case", c.file)
}

// badCases are every kind of bad input the build must refuse, for
// TestBadInput and for the test that check finds what build refuses.
var badCases = []badCase{
	{"unknown key, misspelt", "content/notices/bad.md", "+++\ntitle = \"拼错\"\ndate = 2024-01-02\nisuer = \"某局\"\n+++\n",
		[]string{"content/notices/bad.md:4:", `unknown key "isuer": did you mean issuer?`, "[params]"}},
	{"unknown key", "content/notices/bad.md", "+++\ntitle = \"拼错\"\ndate = 2024-01-02\ncolour = \"red\"\n+++\n",
		[]string{"content/notices/bad.md:4:", `unknown key "colour"`}},
	{"unknown key in site.toml", "site.toml", "title = \"站\"\nbase_url = \"https://example.org/\"\ntitel = \"x\"\n",
		[]string{"site.toml:3:", `unknown key "titel": did you mean title?`}},
	{"malformed front matter", "content/notices/bad.md", "+++\ntitle = \"缺引号\ndate = 2024-01-02\n+++\n正文\n",
		[]string{"content/notices/bad.md:2:", "invalid TOML"}},
	{"no front matter", "content/notices/bad.md", "只有正文\n",
		[]string{"content/notices/bad.md:1:", "+++"}},
	{"missing title", "content/notices/bad.md", "+++\ndate = 2024-01-02\n+++\n正文\n",
		[]string{"content/notices/bad.md:1:", "title is missing"}},
	{"missing date", "content/notices/bad.md", "+++\ntitle = \"无日期\"\n+++\n正文\n",
		[]string{"content/notices/bad.md:1:", "date is missing"}},
	{"unparseable date", "content/notices/bad.md", "+++\ntitle = \"日期错\"\ndate = \"2024-13-45\"\n+++\n",
		[]string{"content/notices/bad.md:3:", `cannot read "2024-13-45" as a date`}},
	{"unparseable deadline", "content/notices/bad.md", "+++\ntitle = \"截止错\"\ndate = 2024-01-02\ndeadline = \"下周五\"\n+++\n",
		[]string{"content/notices/bad.md:4:", "deadline"}},
	{"missing attachment file", "content/notices/bad.md", "+++\ntitle = \"附件\"\ndate = 2024-01-02\n[[attachments]]\ntitle = \"附件1\"\nfile = \"nope.pdf\"\n+++\n",
		[]string{"content/notices/bad.md:4:", `attachment file "nope.pdf" does not exist`}},
	{"unknown directory", "content/notices/bad.md", "+++\ntitle = \"名录\"\ndate = 2024-01-02\n[[attachments]]\ndirectory = \"nope\"\n+++\n",
		[]string{"content/notices/bad.md:4:", `no member directory "nope"`, "zaozhuang"}},
	{"unknown template", "content/notices/bad.md", "+++\ntitle = \"模板\"\ndate = 2024-01-02\n[[attachments]]\ntemplate = \"nope\"\n+++\n",
		[]string{"content/notices/bad.md:4:", `no application template "nope"`, "hunan-application"}},
	{"same URL twice", "content/notices/zaozhuang-copy.md", "+++\ntitle = \"重复\"\ndate = 2024-01-02\nslug = \"zaozhuang-alliance-plan\"\n+++\n",
		[]string{"content/notices/zaozhuang-copy.md", "content/notices/zaozhuang-alliance-plan.md", "which is also"}},
	{"slug of a year list", "content/notices/y.md", "+++\ntitle = \"年\"\ndate = 2024-01-02\nslug = \"2021\"\n+++\n",
		[]string{"content/notices/y.md", "/notices/2021/index.html", "notice list of 2021"}},
	{"page over the feed", "content/feed.md", "+++\ntitle = \"订阅\"\nslug = \"feed.xml\"\n+++\n",
		[]string{"content/feed.md", "/feed.xml is a file"}},
	{"not UTF-8 and not Chinese", "content/notices/bad.md", "+++\ntitle = \"\xff\xfe\xfd\"\ndate = 2024-01-02\n+++\n",
		[]string{"content/notices/bad.md:2:", "not UTF-8", "UTF-8"}},
	{"bad site.toml", "site.toml", "title = \"站点\nbase_url = 1\n",
		[]string{"site.toml:1:", "invalid TOML"}},
	{"bad directory TOML", "data/alliances/broken.toml", "name = \"联盟\"\n[[members]]\nname = \n",
		[]string{"data/alliances/broken.toml:3:", "invalid TOML"}},
	{"unknown tier", "data/alliances/broken.toml", "name = \"联盟\"\n[[members]]\nname = \"某园\"\ntier = \"省级\"\n",
		[]string{"data/alliances/broken.toml:2:", `unknown tier "省级"`}},
	{"table does not fill its grid", "data/templates/broken.toml", "title = \"表\"\n[[blocks]]\ntype = \"table\"\ncolumns = 3\n[[blocks.rows]]\ncells = [{ label = \"甲\", rowspan = 2 }, { label = \"乙\" }, { blank = \"丙\" }]\n[[blocks.rows]]\ncells = [{ label = \"丁\" }]\n",
		[]string{"data/templates/broken.toml:2:", "row 2 fills 2 of the 3 columns"}},
	{"blank not closed", "data/templates/broken.toml", "title = \"信\"\n[[blocks]]\ntype = \"paragraph\"\ntext = \"我代表{市市\"\n",
		[]string{"data/templates/broken.toml:2:", "not closed"}},
	{"data file names that differ only in case", "data/alliances/YiChang.toml", "name = \"宜昌联盟\"\n",
		[]string{"data/alliances/YiChang.toml", "data/alliances/yichang.toml", "directories/yichang/index.html", "two outputs want the same file"}},
	{"script that does not parse", "static/js/broken.js", "function ( {\n",
		[]string{"static/js/broken.js", "cannot minify"}},
	{"static file over the search index", "static/search/meta.json", "{}\n",
		[]string{"static/search/meta.json", "search/meta.json", "two outputs want the same file"}},
	{"static file where pages need a folder", "static/notices", "x\n",
		[]string{"static/notices", "is a file", "must go in a folder"}},
	{"static file names that differ only in case", "static/Favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
		[]string{"static/Favicon.svg", "themes/default/static/favicon.svg", "upper and lower case"}},
}
