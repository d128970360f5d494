package build

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"alliance/internal/htmltest"
	"alliance/internal/output"
)

// TestDirectoryMetaLineSeparators checks that the meta line of every
// directory page separates its parts with " · " and neither starts nor ends
// with one, whichever of founding date and term the data gives.
func TestDirectoryMetaLineSeparators(t *testing.T) {
	dest, sum := buildExample(t, "")
	for _, d := range sum.Site.Directories {
		doc := parseHTML(t, filepath.Join(dest, d.URL, "index.html"))
		meta := find(doc, func(n *html.Node) bool { return attr(n, "class") == "item-meta" })
		if meta == nil {
			t.Errorf("%s: no meta line", d.URL)
			continue
		}
		text := strings.TrimSpace(htmltest.Text(meta))
		if strings.HasPrefix(text, "·") || strings.HasSuffix(text, "·") || strings.Contains(text, "· ·") {
			t.Errorf("%s: meta line %q has a stray separator", d.URL, text)
		}
		if parts := strings.Split(text, " · "); d.Founded.IsZero() && d.TermStart == "" && len(parts) != 1 {
			t.Errorf("%s: meta line %q, want only the member count", d.URL, text)
		}
	}
}

// TestIdenticalBuildsWriteIdenticalManifests builds the example site twice
// and compares the manifests byte for byte.
func TestIdenticalBuildsWriteIdenticalManifests(t *testing.T) {
	a, _ := buildExample(t, "")
	b, _ := buildExample(t, "")
	ma := readFile(t, filepath.Join(a, output.Marker))
	mb := readFile(t, filepath.Join(b, output.Marker))
	if ma != mb {
		t.Errorf("two builds of the same site wrote different manifests (%d and %d bytes)", len(ma), len(mb))
	}
}
