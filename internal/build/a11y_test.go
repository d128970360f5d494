package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"alliance/internal/testkit/htmltest"
)

// TestPagesAreAccessible checks every built page for what a screen-reader
// user depends on: the language, one main landmark reachable by the skip
// link, one h1, alt text on images, and a label on every form control.
func TestPagesAreAccessible(t *testing.T) {
	dest, _ := buildExample(t, "")
	var pages []string
	_ = filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return nil
	})
	if len(pages) < 20 {
		t.Fatalf("only %d pages", len(pages))
	}
	for _, p := range pages {
		rel, _ := filepath.Rel(dest, p)
		doc := parseHTML(t, p)
		if lang := attr(find(doc, tag("html")), "lang"); lang != "zh-CN" {
			t.Errorf("%s: html lang=%q", rel, lang)
		}
		mains := findAll(doc, tag("main"))
		if len(mains) != 1 || attr(mains[0], "id") != "main" {
			t.Errorf("%s: want one <main id=\"main\">, have %d", rel, len(mains))
		}
		if h1 := findAll(doc, tag("h1")); len(h1) != 1 {
			t.Errorf("%s: %d h1 headings, want 1", rel, len(h1))
		}
		if !strings.Contains(rel, "print/") {
			skip := find(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "class") == "skip" })
			if skip == nil || attr(skip, "href") != "#main" {
				t.Errorf("%s: no skip link to #main", rel)
			}
			for _, lm := range []string{"header", "nav", "footer"} {
				if find(doc, tag(lm)) == nil {
					t.Errorf("%s: no <%s> landmark", rel, lm)
				}
			}
		}
		for _, img := range findAll(doc, tag("img")) {
			if _, ok := htmltest.Lookup(img, "alt"); !ok {
				t.Errorf("%s: <img src=%q> has no alt", rel, attr(img, "src"))
			}
		}
		labelled := map[string]bool{}
		for _, l := range findAll(doc, tag("label")) {
			labelled[attr(l, "for")] = true
		}
		for _, c := range findAll(doc, func(n *html.Node) bool {
			return (n.Data == "input" && attr(n, "type") != "hidden") || n.Data == "select" || n.Data == "textarea"
		}) {
			if labelled[attr(c, "id")] && attr(c, "id") != "" || attr(c, "aria-label") != "" || attr(c, "aria-labelledby") != "" || insideLabel(c) {
				continue
			}
			t.Errorf("%s: <%s name=%q id=%q> has no label", rel, c.Data, attr(c, "name"), attr(c, "id"))
		}
		for _, b := range findAll(doc, tag("button")) {
			if strings.TrimSpace(visibleText(b)) == "" && attr(b, "aria-label") == "" {
				t.Errorf("%s: a button has no text", rel)
			}
		}
	}
}

func insideLabel(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "label" {
			return true
		}
	}
	return false
}
