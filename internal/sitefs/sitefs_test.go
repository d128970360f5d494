package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/testkit/testfs"
)

// site makes a site folder beside a folder outside it, each with a file.
func site(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "site"), filepath.Join(base, "outside")
	testfs.WriteAll(t, root, map[string]string{"content/a.md": "甲", "shared/b.pdf": "乙", "shared/sub/c.txt": "丙"})
	testfs.WriteAll(t, outside, map[string]string{"secret.txt": "机密"})
	return root, outside
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

func open(t *testing.T, dir string) *Root {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLinksInsideTheSiteAreFollowed(t *testing.T) {
	root, _ := site(t)
	link(t, "../shared/b.pdf", filepath.Join(root, "content", "b.pdf"))
	link(t, filepath.Join(root, "shared"), filepath.Join(root, "content", "shared"))
	r := open(t, root)
	for rel, want := range map[string]string{"content/a.md": "甲", "content/b.pdf": "乙", "content/shared/sub/c.txt": "丙"} {
		got, err := r.ReadFile(rel)
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", rel, got, err, want)
		}
	}
	real, _, err := r.Stat("content/b.pdf")
	if want := filepath.Join(r.Real(), "shared", "b.pdf"); err != nil || real != want {
		t.Errorf("real path %q, %v; want %q", real, err, want)
	}
	entries, err := r.ReadDir("content")
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]bool{}
	for _, e := range entries {
		dirs[e.Name] = e.Dir
		if e.Err != nil {
			t.Errorf("%s: %v", e.Name, e.Err)
		}
	}
	if !dirs["shared"] || dirs["b.pdf"] {
		t.Errorf("entries taken as folders: %v", dirs)
	}
}

func TestLinksOutOfTheSiteAreRefused(t *testing.T) {
	root, outside := site(t)
	realOutside, _ := filepath.EvalSymlinks(outside)
	link(t, filepath.Join(outside, "secret.txt"), filepath.Join(root, "content", "secret.txt"))
	link(t, "../../outside", filepath.Join(root, "content", "docs"))
	link(t, "../content/docs/secret.txt", filepath.Join(root, "shared", "chain.txt")) // through a second link
	r := open(t, root)
	for _, c := range []struct{ rel, link, real string }{
		{"content/secret.txt", "content/secret.txt", filepath.Join(realOutside, "secret.txt")},
		{"content/docs/secret.txt", "content/docs", realOutside},
		{"shared/chain.txt", "shared/chain.txt", filepath.Join(realOutside, "secret.txt")},
	} {
		data, err := r.ReadFile(c.rel)
		var oe *OutsideError
		if !errors.As(err, &oe) {
			t.Errorf("%s: read %q, error %v; want it refused", c.rel, data, err)
			continue
		}
		if oe.Link != c.link || oe.Real != c.real || !strings.Contains(err.Error(), c.link+" is a link to "+c.real) {
			t.Errorf("%s: %+v (%v); want link %s to %s", c.rel, oe, err, c.link, c.real)
		}
		if !strings.Contains(oe.Hint(), "copy the") || oe.Msg(c.link) != "this is a link to "+c.real+", outside the site folder" {
			t.Errorf("%s: hint %q, message %q", c.rel, oe.Hint(), oe.Msg(c.link))
		}
	}
	if _, _, err := r.Stat("../outside/secret.txt"); err == nil {
		t.Error("a path with .. was accepted")
	}
	entries, _ := r.ReadDir("content")
	for _, e := range entries {
		if (e.Name == "docs" || e.Name == "secret.txt") && e.Err == nil {
			t.Errorf("entry %s has no error", e.Name)
		}
		if e.Name == "docs" && !e.Dir {
			t.Error("the link to a folder outside is not marked as a folder")
		}
	}
}

func TestWalkFollowsLinksInsideAndReportsOthers(t *testing.T) {
	root, outside := site(t)
	link(t, "../shared", filepath.Join(root, "static", "linked"))
	link(t, "../shared/b.pdf", filepath.Join(root, "static", "b.pdf"))
	link(t, outside, filepath.Join(root, "static", "out"))
	link(t, "..", filepath.Join(root, "static", "sub", "loop"))
	testfs.Write(t, filepath.Join(root, "static", "sub", "x.css"), "x")
	r := open(t, root)
	got := map[string]string{}
	var errs []string
	r.Walk("static", func(rel, real string, err error) {
		if err != nil {
			errs = append(errs, err.Error())
			return
		}
		got[rel] = r.Rel(real)
	})
	want := map[string]string{
		"static/b.pdf": "shared/b.pdf", "static/linked/b.pdf": "shared/b.pdf",
		"static/linked/sub/c.txt": "shared/sub/c.txt", "static/sub/x.css": "static/sub/x.css",
	}
	if len(got) != len(want) {
		t.Errorf("files %v; want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: real %q; want %q", k, got[k], v)
		}
	}
	joined := strings.Join(errs, "\n")
	if len(errs) != 2 || !strings.Contains(joined, "static/out is a link to") || !strings.Contains(joined, "static/sub/loop") {
		t.Errorf("errors:\n%s", joined)
	}
	called := false
	r.Walk("nothing", func(string, string, error) { called = true })
	if called {
		t.Error("walking a missing folder found something")
	}
}

func TestMissingFilesAreNotExist(t *testing.T) {
	root, _ := site(t)
	link(t, "nowhere.txt", filepath.Join(root, "content", "dangling.txt"))
	r := open(t, root)
	for _, rel := range []string{"content/none.md", "none/a.md", "content/dangling.txt"} {
		if _, _, err := r.Stat(rel); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %v; want not-exist", rel, err)
		}
	}
	if _, err := r.ReadFile("content"); err == nil {
		t.Error("reading a folder gave no error")
	}
}
