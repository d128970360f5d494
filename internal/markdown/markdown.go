// Package markdown converts the Markdown bodies of notices, reports and pages
// to HTML with goldmark, configured for Chinese: East Asian line breaks, emphasis
// next to Chinese punctuation, heading anchors that keep Chinese text, raw HTML
// escaped unless the site allows it, and site-absolute links under the base path.
package markdown

import (
	"bufio"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"alliance/internal/model"
	"alliance/internal/privacy"
)

// Converter turns Markdown into a model.Body. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

type config struct {
	unsafe   bool
	basePath string
	images   Resolver
}

// Option configures a Converter.
type Option func(*config)

// WithUnsafeHTML lets raw HTML in Markdown through instead of escaping it.
func WithUnsafeHTML(on bool) Option { return func(c *config) { c.unsafe = on } }

// WithBasePath prefixes links and images that start with "/" with the site's
// base path, so a site deployed under a sub-path keeps working.
func WithBasePath(p string) Option { return func(c *config) { c.basePath = p } }

// New returns a Converter.
func New(opts ...Option) *Converter {
	c := config{basePath: "/"}
	for _, o := range opts {
		o(&c)
	}
	// One writer writes text into the page and reads it as shown for the
	// masking (see masker). Its escaped spaces are the CJK extension's,
	// which installs a writer of its own: this one is set after it.
	writer := html.NewWriter(html.WithEscapedSpace())
	var rendererOpts []renderer.Option
	if c.unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			// Column alignment as align attributes: a style attribute would
			// break the pages' Content-Security-Policy.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Footnote,
			extension.NewCJK(extension.WithEscapedSpace()), // soft line breaks: joinEastAsianLines in Convert
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithInlineParsers(util.Prioritized(&cjkEmphasis{}, 499)),
			parser.WithASTTransformers(util.Prioritized(&linkPrefixer{base: c.basePath}, 900), util.Prioritized(masker{shown: writer}, 800), util.Prioritized(&imageResolver{c.images}, 950)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	md.Renderer().AddOptions(html.WithWriter(writer))
	if !c.unsafe {
		md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&escapedHTML{}, 100)))
	}
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&imageRenderer{unsafe: c.unsafe}, 100)))
	return &Converter{md: md}
}

// Convert renders src. The returned headings carry the anchors used in the
// HTML. Personal mobile and ID-card numbers in the text are masked.
func (c *Converter) Convert(src []byte) (model.Body, error) {
	b, _, err := c.ConvertMasked(src, "")
	return b, err
}

// ConvertIn renders src, a text kept in folder: images that are files in
// folder are resolved as WithImages says and listed in the Body. An image
// that cannot be published is an *ImageError.
func (c *Converter) ConvertIn(src []byte, folder string) (model.Body, error) {
	b, _, err := c.ConvertMasked(src, folder)
	return b, err
}

// ConvertMasked is ConvertIn that also says which personal numbers it masked
// and which tel: links to them it dropped, for warnings and checks.
func (c *Converter) ConvertMasked(src []byte, folder string) (model.Body, []Masked, error) {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	ctx.Set(folderKey, folder)
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	found, _ := ctx.Get(foundKey).(*imagesFound)
	if found != nil && found.err != nil {
		return model.Body{}, nil, found.err
	}
	var masked []Masked
	if st, ok := ctx.Get(maskKey).(*maskState); ok {
		masked = st.found
		if len(st.extra) > 0 {
			// Masked text nodes point past the end of the source.
			src = append(src[:len(src):len(src)], st.extra...)
		}
	}
	joinEastAsianLines(doc, src) // after the masked text is in src: it reads the text nodes
	// The HTML and the plain text are built where they are kept, with room
	// for them at once: a long text would otherwise be copied as its
	// buffer grows and once more into a string.
	var buf strings.Builder
	buf.Grow(len(src) + len(src)/4)
	bw := bufWriters.Get().(*bufio.Writer)
	bw.Reset(&buf)
	err := c.md.Renderer().Render(bw, src, doc)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	bufWriters.Put(bw)
	if err != nil {
		return model.Body{}, masked, err
	}
	var headings []model.Heading
	var plain strings.Builder
	plain.Grow(len(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			headings = append(headings, model.Heading{Level: h.Level, ID: string(idb), Text: nodeText(h, src)})
		}
		if !entering {
			if n.Type() == ast.TypeBlock {
				plain.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			writeInline(&plain, t, src)
			if t.SoftLineBreak() {
				plain.WriteByte(' ')
			}
			if t.HardLineBreak() {
				plain.WriteByte('\n')
			}
		case *ast.String:
			writeInline(&plain, t, src)
		case *ast.CodeSpan:
			plain.WriteString(nodeText(t, src))
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				plain.Write(seg.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	// The text's numbers were masked in the tree too; masking it again costs
	// little and holds for whatever reaches the text another way (a code
	// block).
	body := model.NewBody(toHTML(buf.String()), privacy.Text(collapseSpace(plain.String())))
	body.Headings = headings
	if found != nil {
		body.Images = found.images
	}
	return body, masked, nil
}

// bufWriters are the buffers goldmark's renderer writes through, which it
// would otherwise make anew for every text (4 KB each: 450 MB on 100,000
// notices).
var bufWriters = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// collapseSpace trims each line, drops empty ones and turns each run of
// white space within a line (U+3000 included) into one space. It runs on
// the text of every page, so it makes one pass and one string, and copies
// each stretch between white space at once: only the lead bytes of the
// few white-space runes beyond ASCII (mayBeSpace) are decoded.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var last byte  // the last byte written
	space := false // white space is pending within the current line
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\n' {
			if b.Len() > 0 && last != '\n' {
				b.WriteByte('\n')
				last = '\n'
			}
			space = false
			i++
			continue
		}
		if n := spaceAt(s, i); n > 0 {
			space = true
			i += n
			continue
		}
		// A stretch of bytes that are not white space: up to the next
		// newline, ASCII space or rune that may be one.
		j := i + 1
		for j < len(s) && !mayBeSpace[s[j]] {
			j++
		}
		if space && b.Len() > 0 && last != '\n' {
			b.WriteByte(' ')
		}
		space = false
		b.WriteString(s[i:j])
		last = s[j-1]
		i = j
	}
	out := b.String()
	if b.Len() > 0 && last == '\n' {
		out = out[:len(out)-1]
	}
	return out
}

// mayBeSpace marks the bytes that may begin white space (unicode.IsSpace):
// the ASCII ones and the lead bytes of U+0085, U+00A0 (0xC2), U+1680
// (0xE1), U+2000 to U+205F (0xE2) and U+3000 (0xE3). No other byte of
// UTF-8 begins one, and these never continue a rune.
var mayBeSpace = func() (t [256]bool) {
	for _, c := range []byte{'\t', '\n', '\v', '\f', '\r', ' ', 0xC2, 0xE1, 0xE2, 0xE3} {
		t[c] = true
	}
	return t
}()

// spaceAt returns the length of the white-space rune at s[i], or 0.
func spaceAt(s string, i int) int {
	c := s[i]
	if !mayBeSpace[c] {
		return 0
	}
	if c < utf8.RuneSelf {
		return 1
	}
	if r, n := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
		return n
	}
	return 0
}
