package build

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"alliance/internal/output"
	"alliance/internal/testkit/htmltest"
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

// TestHeadingsDoNotSkipLevels parses every built page: its headings go down
// one level at a time from a single h1 (h1, h2, h3, never h1 then h3), and
// every <section> has a heading of its own, so a screen reader's outline has
// no holes and no nameless parts.
func TestHeadingsDoNotSkipLevels(t *testing.T) {
	dest, _ := buildExample(t, "")
	pages := 0
	err := filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(dest, path)
		doc := parseHTML(t, path)
		prev := 0
		for _, h := range findAll(doc, isHeading) {
			level := int(h.Data[1] - '0')
			if level > prev+1 {
				t.Errorf("%s: <%s>%s</%s> follows h%d", rel, h.Data, strings.TrimSpace(htmltest.Text(h)), h.Data, prev)
			}
			prev = level
		}
		for _, s := range findAll(doc, tag("section")) {
			if !sectionHasHeading(s) {
				t.Errorf("%s: a <section class=%q> without a heading", rel, attr(s, "class"))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("only %d pages built", pages)
	}
}

func isHeading(n *html.Node) bool {
	return n.Type == html.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6'
}

// sectionHasHeading reports whether s has a heading that is its own, not one
// of a section inside it.
func sectionHasHeading(s *html.Node) bool {
	for c := s.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.Data == "section" {
			continue
		}
		if isHeading(c) || sectionHasHeading(c) {
			return true
		}
	}
	return false
}

// TestSearchLayoutTakesItsWordsFromTheTheme checks that the search layout
// writes no Chinese of its own outside template actions: its words come from
// the theme's i18n strings, like every other layout's.
func TestSearchLayoutTakesItsWordsFromTheTheme(t *testing.T) {
	src := readFile(t, filepath.Join(repoRoot, "themes/default/layouts/search.html"))
	text := regexp.MustCompile(`(?s)\{\{.*?\}\}`).ReplaceAllString(src, "")
	for i, line := range strings.Split(text, "\n") {
		if strings.ContainsFunc(line, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("search.html, line %d: %q is written in the layout, not taken from i18n", i+1, line)
		}
	}
}

// TestPagesCarryAContentSecurityPolicy checks that every built page has the
// Content-Security-Policy meta allowing only the site's own scripts and
// styles, and nothing the policy would block: no inline script, no style
// attribute or element, no event-handler attribute.
func TestPagesCarryAContentSecurityPolicy(t *testing.T) {
	dest, _ := buildExample(t, "")
	pages := 0
	err := filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(dest, path)
		doc := parseHTML(t, path)
		csp := find(doc, func(n *html.Node) bool {
			return n.Type == html.ElementNode && n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "Content-Security-Policy")
		})
		if csp == nil {
			t.Errorf("%s has no Content-Security-Policy meta", rel)
		} else if c := attr(csp, "content"); !strings.Contains(c, "default-src 'self'") || strings.Contains(c, "unsafe-inline") {
			t.Errorf("%s: Content-Security-Policy %q, want default-src 'self' and no unsafe-inline", rel, c)
		}
		for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
			if n.Data == "script" && attr(n, "src") == "" {
				t.Errorf("%s: an inline <script>", rel)
			}
			if n.Data == "style" {
				t.Errorf("%s: a <style> element", rel)
			}
			for _, a := range n.Attr {
				if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s=%q>", rel, n.Data, a.Key, a.Val)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("only %d pages built", pages)
	}
}
