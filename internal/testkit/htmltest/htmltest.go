// Package htmltest reads built pages in tests: parse a file, find elements,
// read attributes and text, so tests assert on what a page holds rather than
// on its bytes.
package htmltest

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Parse parses the HTML file at path, failing the test when it cannot.
func Parse(t testing.TB, path string) *html.Node {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// All returns the elements under n for which match is true, in document order.
func All(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// First returns the first element under n for which match is true, or nil.
func First(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := First(c, match); f != nil {
			return f
		}
	}
	return nil
}

// Tag matches elements by name.
func Tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

// Attr returns the value of attribute key, or "".
func Attr(n *html.Node, key string) string {
	v, _ := Lookup(n, key)
	return v
}

// Lookup returns the value of attribute key and whether n has it.
func Lookup(n *html.Node, key string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// Text returns all the text under n, as it stands in the document.
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
