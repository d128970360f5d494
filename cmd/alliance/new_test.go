package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"alliance/internal/check"
	"alliance/internal/diag"
	"alliance/internal/load"
)

func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"测试站\"\nbase_url = \"https://example.org/\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	newNow = func() time.Time { return time.Date(2024, 3, 31, 20, 0, 0, 0, time.UTC) } // 2024-04-01 in Beijing
	t.Cleanup(func() { newNow = time.Now })
	return dir
}

func runNewT(args ...string) (int, string, string) {
	var o, e bytes.Buffer
	code := runNew(args, &o, &e)
	return code, o.String(), e.String()
}

func TestNewNoticeLoadsCleanly(t *testing.T) {
	dir := newSite(t)
	code, out, errOut := runNewT("notice", `关于召开2024年“联盟”年会的通知`, "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := filepath.Join(dir, "content", "notices", "2024-04-01-zhao-kai-2024-nian-lian-meng-nian-hui.md")
	if !strings.Contains(out, want) {
		t.Fatalf("output %q does not name %s", out, want)
	}
	checkSkeleton(t, want)

	// As a draft it is held back, with no problem reported.
	var dl diag.List
	s := load.Site(dir, load.Options{}, &dl)
	if ps := dl.Problems(); len(ps) > 0 {
		t.Fatalf("the new notice has problems: %v", ps)
	}
	if len(s.Notices) != 0 || s.Held["draft"] != 1 {
		t.Fatalf("the new notice should be held back as a draft: %d notices, held %v", len(s.Notices), s.Held)
	}
	// With --drafts it loads with its title and date.
	s = load.Site(dir, load.Options{Drafts: true}, &dl)
	if ps := dl.Problems(); len(ps) > 0 {
		t.Fatalf("the new notice has problems: %v", ps)
	}
	if len(s.Notices) != 1 || s.Notices[0].Title != `关于召开2024年“联盟”年会的通知` || s.Notices[0].Date.Format("2006-01-02") != "2024-04-01" {
		t.Fatalf("loaded %+v", s.Notices)
	}
}

func TestNewReportLoadsCleanly(t *testing.T) {
	dir := newSite(t)
	code, _, errOut := runNewT("report", `宜昌"产教联盟"年会\召开`, "--source", dir, "--date", "2023-12-17")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	p := filepath.Join(dir, "content", "reports", "2023-12-17-yi-chang-chan-jiao-lian-meng-nian-hui.md")
	checkSkeleton(t, p)
	var dl diag.List
	s := load.Site(dir, load.Options{Drafts: true}, &dl)
	if ps := dl.Problems(); len(ps) > 0 {
		t.Fatalf("the new report has problems: %v", ps)
	}
	if len(s.Reports) != 1 || s.Reports[0].Title != `宜昌"产教联盟"年会\召开` {
		t.Fatalf("loaded %+v", s.Reports)
	}
}

func TestNewNeverOverwrites(t *testing.T) {
	dir := newSite(t)
	var paths []string
	for i := 0; i < 3; i++ {
		code, out, errOut := runNewT("notice", "关于联盟的通知", "--source", dir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		paths = append(paths, strings.Fields(out)[1])
	}
	for i, suffix := range []string{"lian-meng.md", "lian-meng-2.md", "lian-meng-3.md"} {
		if filepath.Base(paths[i]) != "2024-04-01-"+suffix {
			t.Errorf("file %d is %s, want 2024-04-01-%s", i+1, paths[i], suffix)
		}
	}
	// A folder notice of the same name is not shadowed either.
	if err := os.MkdirAll(filepath.Join(dir, "content", "reports", "2024-04-01-nian-hui"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, out, _ := runNewT("report", "年会", "--source", dir)
	if !strings.Contains(out, "2024-04-01-nian-hui-2.md") {
		t.Errorf("want 2024-04-01-nian-hui-2.md beside the folder, got %q", out)
	}
}

func TestNewUsage(t *testing.T) {
	dir := newSite(t)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "say what to create"},
		{[]string{"notice"}, 2, "say what to create"},
		{[]string{"memo", "标题"}, 2, "unknown kind"},
		{[]string{"notice", " "}, 2, "title is empty"},
		{[]string{"notice", "标题", "--date", "2024/4/1", "--source", dir}, 2, "--date"},
		{[]string{"notice", "标题", "--source", t.TempDir()}, 1, "no site.toml"},
	} {
		code, _, errOut := runNewT(c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("new %q: exit %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.msg)
		}
	}
	// A title with no letters, digits or Han characters still gets a file.
	code, out, _ := runNewT("notice", "！！", "--source", dir)
	if code != 0 || !strings.Contains(out, "2024-04-01.md") {
		t.Errorf("untitled: exit %d, %q", code, out)
	}
}

// checkSkeleton checks that every key of the front matter, set or commented
// out, carries a Chinese comment, and that the file starts as a draft.
func checkSkeleton(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fm := strings.SplitN(string(data), "+++", 3)[1]
	if !strings.Contains(fm, "\ndraft = true") {
		t.Error("the new file is not a draft")
	}
	keys := 0
	for _, line := range strings.Split(fm, "\n") {
		code := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "#"))
		if !keyLine.MatchString(code) {
			continue
		}
		keys++
		i := strings.Index(code, "   # ")
		if i < 0 || !hasHan(code[i:]) {
			t.Errorf("key without a Chinese comment: %q", line)
		}
	}
	if keys < 15 {
		t.Errorf("only %d keys found in the front matter", keys)
	}
}

// keyLine matches a TOML key or table header at the start of a line.
var keyLine = regexp.MustCompile(`^(\[\[?[a-z_.]+\]\]?|[a-z_]+ = )`)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestNewNoticePassesStrictCheck checks that a fresh notice, a draft, passes
// `check --drafts --strict` untouched, and that once published as it is,
// check says what is unfinished: the placeholder text and the issuer.
func TestNewNoticePassesStrictCheck(t *testing.T) {
	dir := newSite(t)
	copyDir(t, filepath.Join("..", "..", "themes"), filepath.Join(dir, "themes"))
	if code, _, errOut := runNewT("notice", "关于召开联盟年会的通知", "--source", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(noticeSkeleton, check.Placeholder) || !strings.Contains(noticeSkeleton, `phone = { number = "0632-3317000", public = true }`) {
		t.Fatal("the scaffold lacks the placeholder check looks for, or the example of a public office phone")
	}
	code, out, _ := runCheckT("--source", dir, "--drafts", "--strict")
	if code != 0 {
		t.Fatalf("a fresh scaffold fails check --drafts --strict (exit %d):\n%s", code, out)
	}

	// Published untouched: errors for the placeholder and the issuer.
	files, _ := filepath.Glob(filepath.Join(dir, "content", "notices", "*.md"))
	if len(files) != 1 {
		t.Fatalf("files: %v", files)
	}
	b, _ := os.ReadFile(files[0])
	src := strings.Replace(string(b), "\ndraft = true", "\ndraft = false", 1)
	if err := os.WriteFile(files[0], []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCheckT("--source", dir)
	if code != 1 || !strings.Contains(out, "still has the placeholder text") || !strings.Contains(out, "without an issuer") {
		t.Fatalf("a published scaffold: exit %d, want 1 with the placeholder and the issuer:\n%s", code, out)
	}

	// With the text and issuer written, a masked mobile as the only contact
	// is a warning.
	src = strings.Replace(src, "在此撰写正文。", "定于五月召开年会。", 1)
	src = strings.Replace(src, `issuer = ""`, `issuer = "某某市教育局"`, 1)
	src = strings.Replace(src, "# [contact]", "[contact]", 1)
	src = strings.Replace(src, `# phone = { number = "0632-3317000", public = true }`, `phone = "13800001234"`, 1)
	if err := os.WriteFile(files[0], []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCheckT("--source", dir)
	if code != 0 || strings.Contains(out, ": error:") || !strings.Contains(out, "the only contact number is a personal mobile") || !strings.Contains(out, "public = true") {
		t.Fatalf("a masked mobile as the only contact: exit %d, want 0 with a warning naming public = true:\n%s", code, out)
	}
}
