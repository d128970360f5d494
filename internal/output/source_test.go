package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriterCopiesOnlyRealFilesOfTheSite: a file to copy given through a
// link, or outside the site folder, or a folder, fails the write and leaves
// the destination as it was; a real file of the site is copied.
func TestWriterCopiesOnlyRealFilesOfTheSite(t *testing.T) {
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	site, outside := filepath.Join(base, "site"), filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(site, "files"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(filepath.Join(site, "files", "plan.txt"), "方案")
	mustWrite(filepath.Join(outside, "secret.txt"), "机密")
	for name, target := range map[string]string{"files/link.txt": filepath.Join(outside, "secret.txt"), "linked": outside, "inner.txt": "files/plan.txt"} {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(base, "public")
	write := func(src string) error {
		w, err := NewWriter(dest, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.SourcesIn(site); err != nil {
			t.Fatal(err)
		}
		w.Add(File{Path: "index.html", Data: []byte("首页")}, File{Path: "f.txt", Src: src})
		_, err = w.Commit()
		return err
	}
	if err := write(filepath.Join(site, "files", "plan.txt")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "f.txt")); string(b) != "方案" {
		t.Fatalf("copied %q", b)
	}
	for _, c := range []struct{ src, want string }{
		{filepath.Join(site, "files", "link.txt"), "it is a link to " + outside},
		{filepath.Join(site, "inner.txt"), "it is a link to files/plan.txt"},
		{filepath.Join(site, "linked", "secret.txt"), "its folder " + filepath.Join(site, "linked") + " is a link to " + outside},
		{filepath.Join(outside, "secret.txt"), "outside the site folder " + site},
		{filepath.Join(site, "files"), "not a regular file"},
		{"files/plan.txt", "not an absolute path"},
	} {
		err := write(c.src)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "refusing to copy") {
			t.Errorf("%s: %v; want an error saying %q", c.src, err, c.want)
		}
		if b, _ := os.ReadFile(filepath.Join(dest, "f.txt")); string(b) != "方案" {
			t.Errorf("%s: the refused write changed the destination: %q", c.src, b)
		}
		if _, err := OpenSource(c.src, site); err == nil {
			t.Errorf("%s: OpenSource opened it", c.src)
		}
	}
	f, err := OpenSource(filepath.Join(site, "files", "plan.txt"), site)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}
