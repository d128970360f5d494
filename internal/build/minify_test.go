package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"alliance/internal/output"
)

// The theme is minified once, as text with template actions in it, and its
// pages are not minified again. Every page it makes must be the page the
// theme as written makes, minified: the same markup and the same spaces
// where spaces show. Compare both builds of the example site after
// minifying each page, with runs of white space made one space (a line
// break shows as a space) and the assets' content hashes (--no-minify
// leaves CSS and JS as written) taken out.
func TestMinifiedThemeRendersTheSamePages(t *testing.T) {
	minified, _ := buildExample(t, "")
	written := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: repoRoot, Destination: written, Now: fixedNow, NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	m := output.NewMinifier()
	hashed := regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)\b`)
	space := regexp.MustCompile(`\s+`)
	norm := func(p string, b []byte) []byte {
		b, err := m.Minify(p, b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return space.ReplaceAll(hashed.ReplaceAll(b, []byte(".$1")), []byte(" "))
	}
	pages := 0
	err := filepath.WalkDir(written, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(written, p)
		a, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(filepath.Join(minified, rel))
		if err != nil {
			return err
		}
		pages++
		if bytes.Contains(b, []byte("\n\n")) || bytes.Contains(b, []byte("\n ")) {
			t.Errorf("%s: the minified build keeps blank lines or indentation", rel)
		}
		if len(b) >= len(a) {
			t.Errorf("%s: %d bytes minified, %d as written", rel, len(b), len(a))
		}
		want, got := norm(rel, a), norm(rel, b)
		if !bytes.Equal(want, got) {
			i := 0
			for i < len(want) && i < len(got) && want[i] == got[i] {
				i++
			}
			t.Errorf("%s differs from the page of the theme as written at byte %d:\nwritten  …%s…\nminified …%s…",
				rel, i, want[max(0, i-60):min(len(want), i+60)], got[max(0, i-60):min(len(got), i+60)])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 30 {
		t.Fatalf("compared %d pages; the example site has more", pages)
	}
}
