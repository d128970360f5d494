package check

import (
	"bytes"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmtext "github.com/yuin/goldmark/text"

	"alliance/internal/load"
	"alliance/internal/markdown"
)

// text is what the checks need of one Markdown file, taken from it as the
// loader reads it, so that no file is read or converted twice.
type text struct {
	front    []byte // front matter, from line 2
	bodyLine int
	masked   []markdown.Masked // personal numbers masked in the body, lines counted in the body
	numbers  []hit             // personal numbers in the front matter's texts
	links    []ref             // link destinations, as the syntax tree has them
	noAlt    []ref             // images without alt text: Markdown ones by destination, raw <img> by ""
	stub     int               // the line of the scaffold's Placeholder, 0 when none
}

// ref is a destination and the line of the file it is written on.
type ref struct {
	dest string
	line int
}

// texts collects a text for every Markdown file the loader reads.
type texts struct {
	mu sync.Mutex
	m  map[string]*text // by site-relative path
}

// structure parses Markdown for its links and images only: the extensions
// that change which text is a link (tables, footnotes) are the
// converter's (markdown.New); nothing is rendered or masked.
var structure = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote)).Parser()

// add reads t: the numbers in its front matter, and the links, images and
// placeholder of its body from the syntax tree. A body without [ or < has
// no link, image or raw HTML, and is not parsed.
func (ts *texts) add(t load.Text) {
	x := &text{front: bytes.Clone(t.Front), bodyLine: t.BodyLine, masked: t.Masked}
	x.numbers = tomlNumbers(t.Front, 2)
	if bytes.Contains(t.Body, []byte(Placeholder)) {
		x.stub = placeholderLine(t.Body, t.BodyLine)
	}
	if bytes.ContainsAny(t.Body, "[<") {
		x.syntax(t.Body)
	}
	ts.mu.Lock()
	if ts.m == nil {
		ts.m = map[string]*text{}
	}
	ts.m[t.Source] = x
	ts.mu.Unlock()
}

// get returns the text of the file rel, or nil.
func (ts *texts) get(rel string) *text {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.m[rel]
}

// syntax collects the links and the images without alt text of body from
// its syntax tree, so that code and text that only looks like a link are
// left alone. Reference definitions no link uses are checked too.
func (x *text) syntax(body []byte) {
	ctx := parser.NewContext()
	doc := structure.Parse(gmtext.NewReader(body), parser.WithContext(ctx))
	line := func(off int) int {
		if off < 0 || off > len(body) {
			return x.bodyLine
		}
		return x.bodyLine + bytes.Count(body[:off], []byte("\n"))
	}
	used := map[string]bool{}
	rawImg := func(raw []byte, off int) {
		l := bytes.ToLower(raw)
		if bytes.Contains(l, []byte("<img")) && !bytes.Contains(l, []byte("alt=")) {
			x.noAlt = append(x.noAlt, ref{"", line(off)})
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			dest := string(n.Destination)
			used[dest] = true
			x.links = append(x.links, ref{dest, line(pos(n))})
		case *ast.Image:
			if strings.TrimSpace(string(altText(n, body))) == "" {
				x.noAlt = append(x.noAlt, ref{string(n.Destination), line(pos(n))})
			}
		case *ast.RawHTML:
			for i := range n.Segments.Len() {
				s := n.Segments.At(i)
				rawImg(s.Value(body), s.Start)
			}
		case *ast.HTMLBlock:
			for i := range n.Lines().Len() {
				s := n.Lines().At(i)
				rawImg(s.Value(body), s.Start)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, r := range ctx.References() {
		if dest := string(r.Destination()); !used[dest] {
			x.links = append(x.links, ref{dest, line(bytes.Index(body, append(append([]byte(nil), r.Label()...), ']', ':')))})
		}
	}
}

// pos is where an inline node starts in the text: the parser records it;
// else where its first text starts, or its block's first line.
func pos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for p := n.Parent(); off < 0 && p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			off = p.Lines().At(0).Start
		}
	}
	return off
}

// altText is the text of an image's description.
func altText(n ast.Node, src []byte) []byte {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b = append(b, t.Segment.Value(src)...)
		}
		if s, ok := c.(*ast.String); ok && entering {
			b = append(b, s.Value...)
		}
		return ast.WalkContinue, nil
	})
	return b
}

// placeholderLine is the file's line of the first Placeholder in body
// outside fenced code, or 0.
func placeholderLine(body []byte, bodyLine int) int {
	fence := ""
	for i, l := range strings.Split(string(body), "\n") {
		t := strings.TrimSpace(l)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if strings.Contains(l, Placeholder) {
			return bodyLine + i
		}
	}
	return 0
}
