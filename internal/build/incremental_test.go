package build

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"alliance/internal/model"
	"alliance/internal/output"
)

// After each change to notices, the session's folder holds exactly what a
// full build of the changed sources writes, byte for byte, while the change
// was applied without building everything again.
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
		full    bool
		problem string
	}{
		{"title", func() { edit(hunan, `title = "`, `title = "（修订）`) }, []string{hunan}, false, ""},
		{"publish date moves it first", func() { edit(zz, "publish_date = 2021-03-16", "publish_date = 2024-03-18") }, []string{zz}, false, ""},
		{"new tag", func() { edit(hunan, `tags = [`, `tags = ["新标签", `) }, []string{hunan}, false, ""},
		{"tag dropped", func() { edit(hunan, `tags = ["新标签", `, `tags = [`) }, []string{hunan}, false, ""},
		{"new notice", func() {
			os.WriteFile(file(added), []byte("+++\ntitle = \"新增的通知\"\ndate = 2022-05-01\ntags = [\"联盟\"]\n+++\n正文。\n"), 0o644)
		}, []string{added}, false, ""},
		{"attached file changed", func() {
			os.WriteFile(file("content/notices/kunming-community-invitation/canjian-zhengming.txt"), []byte("新的附件内容\n"), 0o644)
		}, []string{"content/notices/kunming-community-invitation/canjian-zhengming.txt"}, false, ""},
		{"deadline", func() { edit(km, `deadline = "2023-12-31 17:00"`, `deadline = "2024-12-31 17:00"`) }, []string{km}, false, ""},
		{"broken", func() { edit(added, `title = "新增的通知"`, `titel = "新增的通知"`) }, []string{added}, false, "title is missing"},
		{"fixed", func() { edit(added, `titel = "新增的通知"`, `title = "新增的通知（改）"`) }, []string{added}, false, ""},
		{"draft", func() { edit(zz, "+++\n", "+++\ndraft = true\n") }, []string{zz}, false, ""},
		{"removed", func() { os.Remove(file(added)) }, []string{added}, false, ""},
		{"report: everything", func() { edit("content/reports/jiaolianti-background.md", `title = "`, `title = "改`) }, []string{"content/reports/jiaolianti-background.md"}, true, ""},
	}
	for _, st := range steps {
		st.change()
		ch, err := s.Apply(st.paths)
		if st.problem != "" {
			if err == nil || !strings.Contains(err.Error(), st.problem) {
				t.Fatalf("%s: error %v, want %q", st.name, err, st.problem)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if ch.Full != st.full {
			t.Errorf("%s: full build %v, want %v", st.name, ch.Full, st.full)
		}
		if !st.full && len(ch.Pages) == 0 {
			t.Errorf("%s: no page rewritten", st.name)
		}
		want := filepath.Join(t.TempDir(), "public")
		if _, err := Run(Options{Source: src, Destination: want, Now: fixedNow}); err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		compareTrees(t, st.name, s, want)
	}
}

// compareTrees fails when the session's folder differs from the folder want,
// after asking the session for every file, as the dev server does.
func compareTrees(t *testing.T, step string, s *Session, want string) {
	t.Helper()
	wanted := map[string]bool{}
	filepath.WalkDir(want, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, p)
		rel = filepath.ToSlash(rel)
		wanted[rel] = true
		if err := s.Ensure(rel); err != nil {
			t.Fatalf("%s: Ensure(%s): %v", step, rel, err)
		}
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

// TestEnsureWhileApplyRelinks asks for a template's Word file while edits to
// the notice that calls for it relink the template; run with -race, nothing
// may read the template while it changes. Apply gets the path as the watcher
// gives it, relative to the site folder, so the change is incremental.
func TestEnsureWhileApplyRelinks(t *testing.T) {
	src, s := builtSession(t)
	const hunan = "content/notices/hunan-alliance-invitation.md"
	path := filepath.Join(src, hunan)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, mark := range []string{"（一）", "（二）", "（三）"} {
		b := bytes.Replace(orig, []byte("联盟的函\""), []byte("联盟的函"+mark+"\""), 1)
		if bytes.Equal(b, orig) {
			t.Fatal("the Hunan notice's title no longer ends in 联盟的函")
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		if i > 0 {
			go func() { done <- s.Ensure("templates/hunan-application/hunan-application.docx") }()
		} else {
			done <- nil
		}
		ch, err := s.Apply([]string{hunan})
		if err != nil {
			t.Fatal(err)
		}
		if ch.Full || len(ch.Pages) == 0 {
			t.Fatalf("edit %d: full build %v, %d pages rewritten; want an incremental change", i, ch.Full, len(ch.Pages))
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Ensure("templates/hunan-application/hunan-application.docx"); err != nil {
		t.Fatal(err)
	}
	docx, err := os.ReadFile(filepath.Join(s.Dir(), "templates/hunan-application/hunan-application.docx"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, part := range unzipAll(t, docx) {
		if bytes.Contains(part, []byte("联盟的函（三）")) {
			found = true
		}
	}
	if !found {
		t.Error("the Word file does not name the notice by its last title")
	}
}

// TestEnsureWhileBuilding writes into the served folder, as Ensure does for
// a stale search index, all the while the whole site is built again; run with
// -race, the writer's minifier may not change under it.
func TestEnsureWhileBuilding(t *testing.T) {
	src, s := builtSession(t)
	const hunan = "content/notices/hunan-alliance-invitation.md"
	path := filepath.Join(src, hunan)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(`title = "`), []byte(`title = "（修订）`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if ch, err := s.Apply([]string{hunan}); err != nil || ch.Full {
		t.Fatalf("Apply: %v; want an incremental change that leaves the search index stale", err)
	}
	built := make(chan error, 1)
	go func() {
		_, err := s.Build()
		built <- err
	}()
	// Ensure's own write happens once per stale output; repeat it, for the
	// served site's generation of the moment, until the build is done.
	page := []output.File{{Path: "probe/index.html", Data: []byte("<p>  探针  </p>")}}
	ensured := false
	for {
		select {
		case err := <-built:
			if err != nil {
				t.Fatal(err)
			}
			if !ensured {
				t.Error("the index was never made while the site was built")
			}
			if _, err := os.Stat(filepath.Join(s.Dir(), "search/meta.json")); err != nil {
				t.Errorf("no search index after the build: %v", err)
			}
			return
		default:
		}
		if !ensured {
			if err := s.Ensure("search/meta.json"); err != nil {
				t.Fatal(err)
			}
			ensured = true
		}
		s.wmu.Lock()
		gen := s.gen
		s.wmu.Unlock()
		if err := s.write(gen, page, nil, nil); err != nil && !errors.Is(err, errSuperseded) {
			t.Fatal(err)
		}
		time.Sleep(time.Millisecond)
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
	if _, err := s.Build(); err != nil {
		t.Fatal(err)
	}
	return src, s
}

// A tag that comes to be shown under its other spelling (more pages write
// 年會 than 年会) changes every page that links it, as a moved URL does.
func TestSameTagURLsSeesAChangedName(t *testing.T) {
	tag := func(name, url string) *model.Tag {
		return &model.Tag{Name: name, Names: []string{"年会", "年會"}, URL: url}
	}
	was := []*model.Tag{tag("年会", "tags/nian-hui/")}
	if !sameTagURLs(was, []*model.Tag{tag("年会", "tags/nian-hui/"), {Name: "新", Names: []string{"新"}, URL: "tags/xin/"}}) {
		t.Error("a new tag beside an unchanged one counts as a change")
	}
	if sameTagURLs(was, []*model.Tag{tag("年會", "tags/nian-hui/")}) {
		t.Error("a tag shown under another name counts as unchanged")
	}
	if sameTagURLs(was, []*model.Tag{tag("年会", "tags/nian-hui-2/")}) {
		t.Error("a moved tag counts as unchanged")
	}
}
