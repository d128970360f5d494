package markdown

import (
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// escapedHTML renders raw HTML written in Markdown as visible, escaped text,
// so a writer sees what they typed instead of it silently disappearing.
type escapedHTML struct{}

func (escapedHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(ast.KindRawHTML, renderRawHTML)
}

func renderHTMLBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	b := n.(*ast.HTMLBlock)
	if entering {
		_, _ = w.WriteString("<p>")
		lines := b.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			_, _ = w.WriteString(template.HTMLEscapeString(string(seg.Value(src))))
		}
		if b.HasClosure() {
			_, _ = w.WriteString(template.HTMLEscapeString(string(b.ClosureLine.Value(src))))
		}
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

func renderRawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := n.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			s := segs.At(i)
			_, _ = w.WriteString(template.HTMLEscapeString(string(s.Value(src))))
		}
	}
	return ast.WalkSkipChildren, nil
}

// linkPrefixer puts the base path in front of links and images that start with
// a single "/", so "/notices/" written in Markdown works under a sub-path.
type linkPrefixer struct{ base string }

func (p *linkPrefixer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	if p.base == "/" || p.base == "" {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Link:
			t.Destination = p.prefix(t.Destination)
		case *ast.Image:
			t.Destination = p.prefix(t.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (p *linkPrefixer) prefix(dest []byte) []byte {
	s := string(dest)
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		return []byte(strings.TrimSuffix(p.base, "/") + s)
	}
	return dest
}

func toHTML(s string) template.HTML { return template.HTML(s) } // #nosec: goldmark output, raw HTML escaped above
