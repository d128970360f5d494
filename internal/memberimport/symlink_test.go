package memberimport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteRefusesLinksOutOfTheSite: a directory file, or the folder of
// directories, linked from outside the site is neither read nor written
// through.
func TestWriteRefusesLinksOutOfTheSite(t *testing.T) {
	for _, c := range []struct{ link, target string }{
		{"data/alliances/zaozhuang.toml", "zaozhuang.toml"},
		{"data/alliances", "."},
	} {
		dir := site(t)
		outside := t.TempDir()
		const before = "name = \"外面的文件\"\n"
		if err := os.WriteFile(filepath.Join(outside, "zaozhuang.toml"), []byte(before), 0o644); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, filepath.FromSlash(c.link))
		if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(outside, c.target), link); err != nil {
			t.Fatal(err)
		}
		_, err := Write(dir, "zaozhuang", smallDirectory(), WriteOptions{Force: true})
		if err == nil || !strings.Contains(err.Error(), c.link+" is a link to") || !strings.Contains(err.Error(), "outside the site folder") {
			t.Errorf("%s: %v; want it refused, naming the link", c.link, err)
		}
		entries, _ := os.ReadDir(outside)
		if b, _ := os.ReadFile(filepath.Join(outside, "zaozhuang.toml")); string(b) != before || len(entries) != 1 {
			t.Errorf("%s: the folder outside the site was written: %d files, %q", c.link, len(entries), b)
		}
	}
}
