package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"alliance/internal/testkit/htmltest"
	"alliance/internal/testkit/testfs"
)

// repoRoot is the example site: the repository itself.
const repoRoot = "../.."

// fixedNow is the clock of test builds, so deadline badges are stable.
var fixedNow = time.Date(2024, 4, 1, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

// buildExample builds the example site into a fresh folder and returns it.
func buildExample(t *testing.T, baseURL string) (string, *Summary) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	sum, err := Run(Options{Source: repoRoot, Destination: dest, BaseURL: baseURL, Now: fixedNow})
	if err != nil {
		t.Fatalf("building the example site: %v", err)
	}
	return dest, sum
}

// copySite copies the example site's sources (not public/) into a temp folder
// so a test can break one file.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"content", "data", "themes", "layouts", "static"} {
		src := filepath.Join(repoRoot, name)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, name), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	testfs.Write(t, filepath.Join(dst, "site.toml"), testfs.Read(t, filepath.Join(repoRoot, "site.toml")))
	return dst
}

// Helpers shared with the other page tests.
var (
	parseHTML = htmltest.Parse
	find      = htmltest.First
	findAll   = htmltest.All
	tag       = htmltest.Tag
	attr      = htmltest.Attr
)

// visibleText returns the text a reader sees in n, one block per line, however
// the HTML is laid out.
func visibleText(n *html.Node) string {
	var b bytes.Buffer
	var walk func(*html.Node)
	blocks := map[string]bool{"p": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "tr": true, "dt": true, "dd": true, "div": true, "section": true, "figcaption": true, "nav": true, "table": true, "ol": true, "ul": true, "header": true, "footer": true, "br": true, "caption": true, "form": true, "label": true}
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "template") {
			return
		}
		if n.Type == html.ElementNode && attr(n, "hidden") != "" {
			return
		}
		if n.Type == html.TextNode {
			// A line break in the source is a space on the screen; lines
			// start and end only with block elements.
			b.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
		}
		if n.Type == html.ElementNode && blocks[n.Data] {
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && (blocks[n.Data] || n.Data == "th" || n.Data == "td") {
			if n.Data == "th" || n.Data == "td" {
				b.WriteString(" | ")
			} else {
				b.WriteString("\n")
			}
		}
	}
	walk(n)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n") + "\n"
}
