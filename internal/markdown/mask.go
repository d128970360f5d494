package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"alliance/internal/phone"
	"alliance/internal/privacy"
)

// Masked is a personal number that a conversion masked: where it was in the
// source, what kind it was, and how it is published.
type Masked struct {
	Line   int    // 1-based line of the Markdown source
	Kind   string // privacy.Mobile, privacy.IDCard, or Tel for a tel: link dropped
	Number string // as published, such as 138****1234
}

// Tel is the Kind of a tel: link to a personal mobile, which is dropped
// (its text stays, masked) since a reader cannot call a masked number.
const Tel = "tel"

// maskKey holds a conversion's maskState in the parser context.
var maskKey = parser.NewContextKey()

// maskState is what masking one document adds: the masked texts, which the
// changed nodes point into past the end of the source, and what was masked.
type maskState struct {
	src   []byte
	shown html.Writer // the page's writer, which resolves references
	extra []byte
	found []Masked
	spare unit // reused for each block, whose text is seldom kept
}

// unit returns the spare unit, emptied.
func (st *maskState) unit() *unit {
	st.spare.text, st.spare.pieces = st.spare.text[:0], st.spare.pieces[:0]
	return &st.spare
}

// value is the text of seg, in the source or in the masked texts.
func (st *maskState) value(seg text.Segment) []byte {
	if seg.Start >= len(st.src) {
		return st.extra[seg.Start-len(st.src) : seg.Stop-len(st.src)]
	}
	return seg.Value(st.src)
}

// segment stores v among the masked texts and returns a segment for it.
func (st *maskState) segment(v []byte) text.Segment {
	start := len(st.src) + len(st.extra)
	st.extra = append(st.extra, v...)
	return text.NewSegment(start, start+len(v))
}

// masker is the AST transformer that masks personal mobile and ID-card
// numbers in what a reader sees: the text of each block read across its
// inline nodes (emphasis, link text, code spans), so 138**0000**1234 is
// found as one number, and the lines of code blocks. Only text nodes are
// changed, never a link's destination or an image's path; a tel: link to
// a mobile is replaced by its text.
//
// Text is read as the page shows it: through the writer the renderer
// writes it with (shown), which resolves character references and
// escapes, so that a number written 139&#x30;0001234 is found.
type masker struct{ shown html.Writer }

func (m masker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := &maskState{src: reader.Source(), shown: m.shown}
	pc.Set(maskKey, st)
	var tels []*ast.Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		// A title is shown as a tooltip: masked like text.
		switch t := n.(type) {
		case *ast.Link:
			t.Title = st.title(t.Title, t)
			if telMobile(t.Destination) {
				tels = append(tels, t)
			}
		case *ast.Image:
			t.Title = st.title(t.Title, t)
		}
		return ast.WalkContinue, nil
	})
	for _, l := range tels {
		number := string(l.Destination[4:])
		if m := phone.FindMobiles(number); len(m) > 0 {
			number = m[0]
		}
		st.found = append(st.found, Masked{Line: st.line(firstOffset(l)), Kind: Tel, Number: phone.Mask(number)})
		parent := l.Parent()
		for c := l.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, l, c)
			c = next
		}
		parent.RemoveChild(parent, l)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			u := st.unit()
			u.collect(n, st)
			if u.mask(st) {
				if h, ok := n.(*ast.Heading); ok {
					st.renameHeading(h, pc)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		if n.FirstChild() == nil && n.Lines().Len() > 0 {
			// Code and HTML blocks: their lines are shown as written.
			u := st.unit()
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				u.add(piece{lines: lines, index: i}, seg.Value(st.src), seg.Start)
			}
			if b, ok := n.(*ast.HTMLBlock); ok && b.HasClosure() {
				u.add(piece{closure: b}, b.ClosureLine.Value(st.src), b.ClosureLine.Start)
			}
			u.mask(st)
		}
		return ast.WalkContinue, nil
	})
}

// title masks the title of link or image n, read as it is shown.
func (st *maskState) title(title []byte, n ast.Node) []byte {
	if len(title) == 0 {
		return title
	}
	shown := title
	if written(title) {
		shown = st.display(title)
	}
	spans := privacy.Find(string(shown))
	for _, sp := range spans {
		st.found = append(st.found, Masked{Line: st.line(firstOffset(n)), Kind: sp.Kind, Number: sp.Masked(string(shown))})
	}
	if spans == nil {
		return title
	}
	return literal([]byte(privacy.Text(string(shown))))
}

// written reports whether v may show otherwise than it is written: with
// a character reference (&#x30;) or a backslash escape (\-) that the HTML
// writer turns into the character, or a NUL it replaces.
func written(v []byte) bool { return bytes.ContainsAny(v, "&\\\x00") }

// display returns the text v shows once written into a page: references
// and escapes resolved, as the reader sees it, so that a number written
// 139&#x30;0001234 is found as the number it shows.
func (st *maskState) display(v []byte) []byte {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	st.shown.Write(w, v)
	w.Flush()
	return []byte(stdhtml.UnescapeString(b.String()))
}

// literal returns a text that the HTML writer shows as v: each & and \
// written as a reference, so that nothing in v is read as one again.
func literal(v []byte) []byte {
	if !bytes.ContainsAny(v, "&\\") {
		return v
	}
	var out []byte
	for _, c := range v {
		switch c {
		case '&':
			out = append(out, "&amp;"...)
		case '\\':
			out = append(out, "&#92;"...)
		default:
			out = append(out, c)
		}
	}
	return out
}

// telMobile reports whether dest is a tel: URL of a mobile number, which
// Markdown cannot mark public.
func telMobile(dest []byte) bool {
	if len(dest) < 4 || !bytes.EqualFold(dest[:4], []byte("tel:")) {
		return false
	}
	return phone.IsMobile(string(dest[4:]))
}

// firstOffset is where the first text inside n starts in the source, or -1.
func firstOffset(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

// line is the 1-based source line of byte offset off; 0 when unknown.
func (st *maskState) line(off int) int {
	if off < 0 || off > len(st.src) {
		return 0
	}
	return bytes.Count(st.src[:off], []byte("\n")) + 1
}

// renameHeading gives a heading whose text was masked an anchor made from
// the masked text, as the anchor made while parsing holds the number.
func (st *maskState) renameHeading(h *ast.Heading, pc parser.Context) {
	if _, ok := h.AttributeString("id"); !ok {
		return
	}
	var b []byte
	_ = ast.Walk(h, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b = append(b, st.value(t.Segment)...)
			case *ast.String:
				b = append(b, t.Value...)
			}
		}
		return ast.WalkContinue, nil
	})
	h.SetAttributeString("id", pc.IDs().Generate(b, ast.KindHeading))
}

// piece is one stretch of a unit's text and the node (or line) it is in.
type piece struct {
	node    ast.Node       // a Text, String, RawHTML segment or AutoLink
	index   int            // which segment of a RawHTML, or which line
	lines   *text.Segments // the lines of a code or HTML block
	closure *ast.HTMLBlock // the closing line of an HTML block
	shown   bool           // its text is the node's as shown (display), not as written
	start   int            // offset in the unit's text
	n       int            // length of its text
	source  int            // offset in the source, for the line; -1 when not known
	edits   []edit
}

// edit replaces bytes lo to hi of a piece with with.
type edit struct {
	lo, hi int
	with   string
}

// unit is the visible text of one block, read across its inline nodes,
// and where each stretch of it came from.
type unit struct {
	text   []byte
	pieces []piece
}

func (u *unit) add(p piece, v []byte, source int) {
	p.start, p.n, p.source = len(u.text), len(v), source
	u.text = append(u.text, v...)
	u.pieces = append(u.pieces, p)
}

// gap adds text that is shown but belongs to no node, such as the space a
// soft line break makes.
func (u *unit) gap(s string) { u.text = append(u.text, s...) }

// collect reads the inline content of n in document order. An image's alt
// text is read as a unit of its own, since it is not shown beside the text.
func (u *unit) collect(n ast.Node, st *maskState) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			// A code span shows its text as written; other text has its
			// references resolved as it is written into the page.
			v, shown := t.Segment.Value(st.src), false
			if !t.IsRaw() && n.Kind() != ast.KindCodeSpan && written(v) {
				v, shown = st.display(v), true
			}
			u.add(piece{node: t, shown: shown}, v, t.Segment.Start)
			if t.HardLineBreak() {
				u.gap("\n")
			} else if t.SoftLineBreak() {
				u.gap(" ")
			}
		case *ast.String:
			u.add(piece{node: t}, t.Value, -1)
		case *ast.RawHTML:
			for i := range t.Segments.Len() {
				s := t.Segments.At(i)
				u.add(piece{node: t, index: i}, s.Value(st.src), s.Start)
			}
		case *ast.AutoLink:
			u.add(piece{node: t}, t.Label(st.src), -1)
		case *ast.Image:
			u.gap("\n")
			alt := &unit{}
			alt.collect(t, st)
			alt.mask(st)
			u.gap("\n")
		default:
			u.collect(c, st)
		}
	}
}

// mask finds the personal numbers in the unit's text, changes the pieces
// that show them and records them. It reports whether anything changed.
func (u *unit) mask(st *maskState) bool {
	if !phone.MayHold(u.text) {
		return false // most blocks: checked without a copy of the text
	}
	spans := privacy.Find(string(u.text))
	if len(spans) == 0 {
		return false
	}
	for _, sp := range spans {
		line := 0
		for i := range u.pieces {
			p := &u.pieces[i]
			end := p.start + p.n
			if line == 0 && p.source >= 0 && sp.Start < end && sp.Start >= p.start {
				line = st.line(p.source + sp.Start - p.start)
			}
			lo, hi := max(sp.HideStart, p.start), min(sp.HideEnd, end)
			if lo >= hi {
				continue
			}
			with := ""
			if lo == sp.HideStart {
				with = sp.With
			}
			p.edits = append(p.edits, edit{lo - p.start, hi - p.start, with})
		}
		st.found = append(st.found, Masked{Line: line, Kind: sp.Kind, Number: sp.Masked(string(u.text))})
	}
	for i := range u.pieces {
		if len(u.pieces[i].edits) > 0 {
			u.apply(i, st)
		}
	}
	return true
}

// apply rewrites piece i with its edits: a text node or line points at the
// masked text, a String gets it as its value, and an automatic link becomes
// plain text, since its address is the number.
func (u *unit) apply(i int, st *maskState) {
	p := &u.pieces[i]
	old := u.text[p.start : p.start+p.n]
	var v []byte
	last := 0
	for _, e := range p.edits {
		v = append(v, old[last:e.lo]...)
		v = append(v, e.with...)
		last = e.hi
	}
	v = append(v, old[last:]...)
	switch {
	case p.lines != nil:
		p.lines.Set(p.index, st.segment(v))
		return
	case p.closure != nil:
		p.closure.ClosureLine = st.segment(v)
		return
	}
	switch t := p.node.(type) {
	case *ast.Text:
		if p.shown {
			v = literal(v)
		}
		t.Segment = st.segment(v)
	case *ast.String:
		t.Value = v
	case *ast.RawHTML:
		t.Segments.Set(p.index, st.segment(v))
	case *ast.AutoLink:
		t.Parent().ReplaceChild(t.Parent(), t, ast.NewString(v))
	}
}
