package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"alliance/internal/output"
)

// After each change, the session's folder holds exactly what a full build of
// the changed sources writes, byte for byte; an edit to a notice renders
// only some pages and names the notice's page among those to reload; a
// broken file leaves the previous build in place. A preview, asked for
// before each build, shows the pages of an edited file as the build then
// writes them, and is refused for every change it cannot stand for.
func TestSessionMatchesFullBuild(t *testing.T) {
	src, s := builtSession(t)
	file := func(rel string) string { return filepath.Join(src, filepath.FromSlash(rel)) }
	edit := func(rel, old, new string) {
		b, err := os.ReadFile(file(rel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %q", rel, old)
		}
		if err := os.WriteFile(file(rel), bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const hunan = "content/notices/hunan-alliance-invitation.md"
	const zz = "content/notices/zaozhuang-alliance-plan.md"
	const km = "content/notices/kunming-community-invitation/index.md"
	const added = "content/notices/added-notice.md"
	steps := []struct {
		name    string
		change  func()
		paths   []string
		page    string // a page that must be among those to reload
		problem string
		preview bool // Preview shows the changed file's pages
	}{
		{"title", func() { edit(hunan, `title = "`, `title = "（修订）`) }, []string{hunan}, "notices/hunan-alliance-invitation/index.html", "", true},
		{"publish date moves it first", func() { edit(zz, "publish_date = 2021-03-16", "publish_date = 2024-03-18") }, []string{zz}, "index.html", "", true},
		{"new tag", func() { edit(hunan, `tags = [`, `tags = ["新标签", `) }, []string{hunan}, "notices/hunan-alliance-invitation/index.html", "", false},
		{"tag dropped", func() { edit(hunan, `tags = ["新标签", `, `tags = [`) }, []string{hunan}, "notices/hunan-alliance-invitation/index.html", "", false},
		{"new notice", func() {
			os.WriteFile(file(added), []byte("+++\ntitle = \"新增的通知\"\ndate = 2022-05-01\ntags = [\"联盟\"]\n+++\n正文。\n"), 0o644)
		}, []string{added}, "notices/index.html", "", false},
		{"attached file changed", func() {
			os.WriteFile(file("content/notices/kunming-community-invitation/canjian-zhengming.txt"), []byte("新的附件内容\n"), 0o644)
		}, []string{"content/notices/kunming-community-invitation/canjian-zhengming.txt"}, "", "", false},
		{"deadline", func() { edit(km, `deadline = "2023-12-31 17:00"`, `deadline = "2024-12-31 17:00"`) }, []string{km}, "notices/kunming-community-invitation/index.html", "", true},
		{"broken", func() { edit(added, `title = "新增的通知"`, `titel = "新增的通知"`) }, []string{added}, "", "title is missing", false},
		{"fixed", func() { edit(added, `titel = "新增的通知"`, `title = "新增的通知（改）"`) }, []string{added}, "notices/index.html", "", true},
		{"draft", func() { edit(zz, "+++\n", "+++\ndraft = true\n") }, []string{zz}, "notices/zaozhuang-alliance-plan/index.html", "", false},
		{"removed", func() { os.Remove(file(added)) }, []string{added}, "notices/index.html", "", false},
		{"report", func() { edit("content/reports/jiaolianti-background.md", `title = "`, `title = "改`) }, []string{"content/reports/jiaolianti-background.md"}, "index.html", "", true},
	}
	want := filepath.Join(t.TempDir(), "public")
	for _, st := range steps {
		st.change()
		preview := s.Preview(st.paths)
		if (preview != nil) != st.preview {
			t.Errorf("%s: preview of %d pages, want one: %v", st.name, len(preview), st.preview)
		}
		ch, err := s.Apply(st.paths)
		if st.problem != "" {
			if err == nil || !strings.Contains(err.Error(), st.problem) {
				t.Fatalf("%s: error %v, want %q", st.name, err, st.problem)
			}
			compareTrees(t, st.name, s, want) // the previous build, as it was
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if ch.Full || ch.Summary.Rendered >= ch.Summary.Counts["html"] {
			t.Errorf("%s: %d of %d pages rendered; want not all", st.name, ch.Summary.Rendered, ch.Summary.Counts["html"])
		}
		if st.page != "" && !slices.Contains(ch.Pages, st.page) {
			t.Errorf("%s: %s is not among the pages to reload %v", st.name, st.page, ch.Pages)
		}
		if ch.Styles != nil {
			t.Errorf("%s: stylesheets to swap %v", st.name, ch.Styles)
		}
		os.RemoveAll(want)
		if _, err := Run(Options{Source: src, Destination: want, Now: fixedNow}); err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		compareTrees(t, st.name, s, want)
		for _, f := range preview {
			if b, _ := os.ReadFile(filepath.Join(want, filepath.FromSlash(f.Path))); !bytes.Equal(f.Data, b) {
				t.Errorf("%s: the preview of %s differs from the built page", st.name, f.Path)
			}
		}
	}
}

// compareTrees fails when the session's folder differs from the folder want.
func compareTrees(t *testing.T, step string, s *Session, want string) {
	t.Helper()
	wanted := map[string]bool{}
	filepath.WalkDir(want, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, p)
		wanted[filepath.ToSlash(rel)] = true
		return nil
	})
	got := s.Dir()
	for rel := range wanted {
		a, err := os.ReadFile(filepath.Join(got, filepath.FromSlash(rel)))
		if err != nil {
			t.Errorf("%s: %s is missing", step, rel)
			continue
		}
		if rel == output.Marker {
			continue // its manifest records file times, which differ between two builds
		}
		b, _ := os.ReadFile(filepath.Join(want, filepath.FromSlash(rel)))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: %s differs from a full build", step, rel)
		}
	}
	filepath.WalkDir(got, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(got, p)
		if !wanted[filepath.ToSlash(rel)] {
			t.Errorf("%s: %s is left over", step, filepath.ToSlash(rel))
		}
		return nil
	})
}

// A template called for by a notice takes the notice's title into its Word
// file: after each edit of the title, the Word file the session serves names
// the notice by its latest title.
func TestSessionRelinksTemplates(t *testing.T) {
	src, s := builtSession(t)
	const hunan = "content/notices/hunan-alliance-invitation.md"
	const docx = "templates/hunan-application/hunan-application.docx"
	path := filepath.Join(src, hunan)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, mark := range []string{"（一）", "（二）", "（三）"} {
		b := bytes.Replace(orig, []byte("联盟的函\""), []byte("联盟的函"+mark+"\""), 1)
		if bytes.Equal(b, orig) {
			t.Fatal("the Hunan notice's title no longer ends in 联盟的函")
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		ch, err := s.Apply([]string{hunan})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(ch.Summary.Written, docx) {
			t.Errorf("edit %s: the Word file was not written again; written: %v", mark, ch.Summary.Written)
		}
		data, err := os.ReadFile(filepath.Join(s.Dir(), filepath.FromSlash(docx)))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, part := range unzipAll(t, data) {
			if bytes.Contains(part, []byte("联盟的函"+mark)) {
				found = true
			}
		}
		if !found {
			t.Errorf("edit %s: the Word file does not name the notice by its latest title", mark)
		}
	}
}

// An edit to a stylesheet and nothing else tells where the stylesheet was
// published, for open pages to swap it; an edit to anything else with it
// does not.
func TestSessionStyles(t *testing.T) {
	src, s := builtSession(t)
	const css = "themes/default/static/css/main.css"
	p := filepath.Join(src, filepath.FromSlash(css))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, "\nbody{outline:1px solid red}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	ch, err := s.Apply([]string{css})
	if err != nil {
		t.Fatal(err)
	}
	published := ch.Styles["css/main.css"]
	if len(ch.Styles) != 1 || !hashed.MatchString(published) || !strings.HasPrefix(published, "css/main.") {
		t.Fatalf("stylesheets to swap %v, want css/main.css → its hashed path", ch.Styles)
	}
	if got, err := os.ReadFile(filepath.Join(s.Dir(), published)); err != nil || !bytes.Contains(got, []byte("outline:1px solid red")) {
		t.Errorf("%s does not hold the edited stylesheet (%v)", published, err)
	}
	if err := os.WriteFile(p, append(b, "\nbody{outline:2px solid blue}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	ch, err = s.Apply([]string{css, "content/notices/hunan-alliance-invitation.md"})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Styles != nil {
		t.Errorf("a stylesheet and a notice changed: stylesheets to swap %v, want pages reloaded", ch.Styles)
	}
	if !ch.Full {
		t.Error("after a change to the theme's stylesheet not every page was rendered again")
	}
}

// styles names nothing to swap unless every changed file is a stylesheet
// that was written.
func TestStyles(t *testing.T) {
	written := []string{"css/main.0123456789.css", "css/print.abcdef0123.css", "index.html"}
	for _, c := range []struct {
		changed []string
		want    map[string]string
	}{
		{[]string{"themes/default/static/css/main.css"}, map[string]string{"css/main.css": "css/main.0123456789.css"}},
		{[]string{"static/css/print.css", "themes/default/static/css/main.css"}, map[string]string{"css/print.css": "css/print.abcdef0123.css", "css/main.css": "css/main.0123456789.css"}},
		{[]string{"themes/other/static/css/main.css"}, nil},
		{[]string{"static/css/gone.css"}, nil},
		{[]string{"static/js/site.js"}, nil},
		{[]string{"static/css/main.css", "site.toml"}, nil},
		{nil, nil},
	} {
		if got := styles(c.changed, "default", written); !reflect.DeepEqual(got, c.want) {
			t.Errorf("styles(%v) = %v, want %v", c.changed, got, c.want)
		}
	}
}

// builtSession makes a session over a copy of the example site, closed when
// the test ends, and builds it once.
func builtSession(t *testing.T) (string, *Session) {
	t.Helper()
	src := copySite(t)
	s, err := NewSession(Options{Source: src, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ch, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	if !ch.Full || ch.Styles != nil {
		t.Fatalf("first build: every page rendered %v, stylesheets %v", ch.Full, ch.Styles)
	}
	return src, s
}
