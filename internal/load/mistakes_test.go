package load

import (
	"strings"
	"testing"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/diag"
)

// chinese sets the language to Chinese for one test.
func chinese(t *testing.T) {
	old := catalog.SetCurrent(catalog.Chinese)
	t.Cleanup(func() { catalog.SetCurrent(old) })
}

// problemsOf loads a site with one notice whose front matter is fm and
// returns its problems as the build prints them.
func problemsOf(t *testing.T, fm string) string {
	t.Helper()
	dir := site(t, map[string]string{"content/notices/a.md": "+++\n" + fm + "+++\n正文。\n"})
	var dl diag.List
	Site(dir, Options{Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}, &dl)
	var lines []string
	for _, p := range dl.Problems() {
		lines = append(lines, p.Error())
	}
	return strings.Join(lines, "\n")
}

// TestCommonMistakesInChinese checks that each of a clerk's common typing
// mistakes gets a Chinese message naming the line, the character and what
// to type, instead of the TOML decoder's English.
func TestCommonMistakesInChinese(t *testing.T) {
	chinese(t)
	for _, c := range []struct {
		name, fm string
		want     []string
	}{
		{"Word quotes", "title = “关于召开年会的通知”\ndate = 2024-01-02\n",
			[]string{"content/notices/a.md:2: 第2行：引号“”是中文引号", `请改为英文双引号 "…"`}},
		{"straight then curly", "title = \"关于召开年会的通知”\ndate = 2024-01-02\n",
			[]string{"content/notices/a.md:2: 第2行：这段文字以英文引号 \" 开始，却以中文引号 ” 结束", `两头都用英文双引号 "…"`}},
		{"full-width equals", "title ＝ \"通知\"\ndate = 2024-01-02\n",
			[]string{"a.md:2: 第2行：“＝”是全角（中文）字符", "请改为英文半角的“=”"}},
		{"Chinese colon", "title：\"通知\"\ndate = 2024-01-02\n",
			[]string{"a.md:2: 第2行：用了中文冒号“：”连接设置项和值", `title = "…"`}},
		{"Chinese comma", "title = \"通知\"\ndate = 2024-01-02\ntags = [\"联盟\"，\"年会\"]\n",
			[]string{"a.md:4: 第4行：“，”是全角（中文）字符", "请改为英文半角的“,”"}},
		{"Chinese brackets", "title = \"通知\"\ndate = 2024-01-02\n【contact】\nname = \"王老师\"\n",
			[]string{"a.md:4: 第4行：“【”是全角（中文）字符", "请改为英文半角的“[”"}},
		{"full-width brackets", "title = \"通知\"\ndate = 2024-01-02\ntags = ［\"联盟\"］\n",
			[]string{"a.md:4: 第4行：“［”是全角（中文）字符", "请改为英文半角的“[”"}},
		{"full-width braces", "title = \"通知\"\ndate = 2024-01-02\n[contact]\nphone = ｛ number = \"0632-3317000\", public = true ｝\n",
			[]string{"a.md:5: 第5行：“｛”是全角（中文）字符", "请改为英文半角的“{”"}},
		{"key in Chinese", "标题 = \"关于召开年会的通知\"\ndate = 2024-01-02\n",
			[]string{"a.md:2: ", "标题", "title"}},
		{"text without quotes", "title = 关于召开年会的通知\ndate = 2024-01-02\n",
			[]string{"a.md:2: 第2行：文字“关于召开年会的通知”没有放在引号中", "英文双引号"}},
		{"date without zero padding", "title = \"通知\"\ndate = 2024-5-1\n",
			[]string{"a.md:3: 第3行：日期 2024-5-1 的月和日要写两位数", "请写作 2024-05-01"}},
		{"misspelt key", "title = \"通知\"\ndate = 2024-01-02\nisuer = \"某局\"\n",
			[]string{"a.md:4: 未知的设置项 \"isuer\"：是不是要写 issuer？", "[params]"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := problemsOf(t, c.fm)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems lack %q:\n%s", w, got)
				}
			}
			if strings.Contains(got, "invalid TOML") || strings.Contains(got, "TOML 写法有误") {
				t.Errorf("the decoder's message is shown instead of the mistake:\n%s", got)
			}
		})
	}
}

// TestParamsAreOpen checks that keys of the clerk's own under [params] are
// accepted and reach the model for custom layouts.
func TestParamsAreOpen(t *testing.T) {
	dir := site(t, map[string]string{"content/notices/a.md": "+++\ntitle = \"通知\"\ndate = 2024-01-02\n[params]\ncolour = \"red\"\n+++\n正文。\n"})
	s := loadOK(t, dir)
	if len(s.Notices) != 1 || s.Notices[0].Params["colour"] != "red" {
		t.Fatalf("params not in the model: %+v", s.Notices)
	}
}

// TestBrokenDataFileIsNotMissing checks that a notice naming a template or
// directory whose file exists but has errors says so, instead of asking the
// clerk to create a file that is already there.
func TestBrokenDataFileIsNotMissing(t *testing.T) {
	for _, c := range []struct{ kind, file, key string }{
		{"template", "data/templates/t.toml", "template"},
		{"directory", "data/alliances/t.toml", "directory"},
	} {
		t.Run(c.kind, func(t *testing.T) {
			dir := site(t, map[string]string{
				c.file:                 "title = \"表\nname = \"x\n",
				"content/notices/a.md": "+++\ntitle = \"通知\"\ndate = 2024-01-02\n[[attachments]]\n" + c.key + " = \"t\"\n+++\n正文。\n",
			})
			var dl diag.List
			Site(dir, Options{Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}, &dl)
			var got string
			for _, p := range dl.Problems() {
				if p.File == "content/notices/a.md" {
					got += p.Error() + "\n"
				}
			}
			if strings.Contains(got, "create "+c.file) || !strings.Contains(got, c.file+" has errors") {
				t.Errorf("the notice should say %s has errors, not ask to create it:\n%s", c.file, got)
			}
		})
	}
}

// TestTOMLErrorsInChinese checks that the decoder's own errors, past the
// common mistakes, are said in Chinese with the line in the file and what
// to type, and that none of its English reaches the clerk.
func TestTOMLErrorsInChinese(t *testing.T) {
	chinese(t)
	for _, c := range []struct {
		name, fm string
		want     []string
	}{
		{"key twice", "title = \"甲\"\ntitle = \"乙\"\ndate = 2024-01-02\n", []string{"a.md:3: TOML 写法有误：title 写了两次，只留一处"}},
		{"table twice", "title = \"甲\"\ndate = 2024-01-02\n[contact]\nname = \"甲\"\n[contact]\nname = \"乙\"\n", []string{"a.md:6: TOML 写法有误：contact 写了两次"}},
		{"quote not closed", "title = \"甲\ndate = 2024-01-02\n", []string{"a.md:2: TOML 写法有误：引号里的文字没有在本行结束"}},
		{"long text not closed", "title = \"\"\"甲\ndate = 2024-01-02\n", []string{"TOML 写法有误：以 \"\"\" 开头的长文字没有结束"}},
		{"backslash", "title = \"甲\"\ndate = 2024-01-02\n[[attachments]]\ntitle = \"表\"\nfile = \"附件\\报名表.docx\"\n", []string{"a.md:6: TOML 写法有误：双引号里的反斜杠会被当作转义（\\报）", "请改用 /"}},
		{"not a date", "title = \"甲\"\ndate = 2024-13-01\n", []string{"a.md:3: TOML 写法有误：2024-13-01 不是日期", "2024-04-30"}},
		{"two texts", "title = \"甲\" \"乙\"\ndate = 2024-01-02\n", []string{"a.md:2: TOML 写法有误：这一行的值后面还有内容"}},
		{"no equals", "title \"甲\"\ndate = 2024-01-02\n", []string{"a.md:2: TOML 写法有误：键和值之间缺少 ="}},
		{"no value", "title = \"甲\"\ndate =\n", []string{"a.md:3: TOML 写法有误：缺少值，或值的写法不对（行尾）"}},
		{"list without comma", "title = \"甲\"\ndate = 2024-01-02\ntags = [\"甲\" \"乙\"]\n", []string{"a.md:4: TOML 写法有误：列表各项之间用英文逗号隔开"}},
		{"table name not closed", "title = \"甲\"\ndate = 2024-01-02\n[contact\nname = \"甲\"\n", []string{"a.md:4: TOML 写法有误：表名要在本行以 ] 结束"}},
		{"text for a list", "title = \"甲\"\ndate = 2024-01-02\ntags = \"培训\"\n", []string{"a.md:4: TOML 写法有误：tags 是列表，要写在 [ ] 里，如 tags = [\"…\", \"…\"]"}},
		{"text for tables", "title = \"甲\"\ndate = 2024-01-02\nattachments = \"表\"\n", []string{"a.md:4: TOML 写法有误：attachments 是若干个表，每个表前单独一行写 [[attachments]]"}},
		{"text for yes or no", "title = \"甲\"\ndate = 2024-01-02\ndraft = \"是\"\n", []string{"a.md:4: TOML 写法有误：draft 只能写 true 或 false"}},
		{"text for a table", "title = \"甲\"\ndate = 2024-01-02\ncontact = \"王老师\"\n", []string{"a.md:4: TOML 写法有误：contact 是表：单独一行写 [contact]"}},
		{"control character", "title = \"甲\x01\"\ndate = 2024-01-02\n", []string{"a.md:2: TOML 写法有误：文字中有看不见的控制字符（0x01）"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := problemsOf(t, c.fm)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems lack %q:\n%s", w, got)
				}
			}
			for _, english := range []string{"toml:", "expected", "unexpected", "invalid", "incompatible", "defined", "newline"} {
				if strings.Contains(got, english) {
					t.Errorf("the decoder's English (%q) reaches the clerk:\n%s", english, got)
				}
			}
		})
	}
}
