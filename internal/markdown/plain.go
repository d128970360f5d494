package markdown

import (
	"bufio"
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter is the writer the HTML renderer uses for text (New turns on the
// CJK extension's escaped space), so the plain text resolves backslash escapes,
// entities and character references exactly as the page shows them.
var textWriter = gmhtml.NewWriter(gmhtml.WithEscapedSpace())

// writeText appends the text a reader sees for v, the value of a Text or
// String node: `\*` becomes *, `&amp;` becomes &, `&nbsp;` a no-break space,
// and an escaped space nothing.
func writeText(b *strings.Builder, v []byte) {
	// Three vector scans cost less than one byte-by-byte ContainsAny.
	if bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, 0) < 0 {
		b.Write(v)
		return
	}
	// The writer only produces HTML; escaping is its last step, so unescaping
	// its output gives back the text. Few text nodes take this path.
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	textWriter.Write(w, v)
	_ = w.Flush()
	b.WriteString(html.UnescapeString(out.String()))
}

// writeInline appends the text of n when it is a Text or String node: raw
// text (code) as written, other text resolved as the page shows it.
func writeInline(b *strings.Builder, n ast.Node, src []byte) {
	switch t := n.(type) {
	case *ast.Text:
		if t.IsRaw() {
			b.Write(t.Segment.Value(src))
		} else {
			writeText(b, t.Segment.Value(src))
		}
	case *ast.String:
		if t.IsCode() || t.IsRaw() {
			b.Write(t.Value)
		} else {
			writeText(b, t.Value)
		}
	}
}

// nodeText is the text of n and everything inside it, as the page shows it.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			writeInline(&b, c, src)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// joinEastAsianLines removes the soft line breaks that a Chinese reader would
// see as a stray space: between two East Asian characters, and before or after
// Chinese punctuation (`建设，⏎请` reads 建设，请). Other breaks stay and show
// as a space. The HTML and the plain text both follow the flags it leaves.
func joinEastAsianLines(doc ast.Node, src []byte) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !ok || !entering || !t.SoftLineBreak() || t.HardLineBreak() {
			return ast.WalkContinue, nil
		}
		before, ok := runeBefore(t, src)
		if !ok {
			return ast.WalkContinue, nil
		}
		if after, ok := runeAfter(t, src); ok && joinsLines(before, after) {
			t.SetSoftLineBreak(false)
		}
		return ast.WalkContinue, nil
	})
}

// runeBefore is the last character shown before t's line break: t's own, or,
// when t is empty (a break right after **bold**), that of the nodes before it.
func runeBefore(t *ast.Text, src []byte) (rune, bool) {
	for n := ast.Node(t); n != nil; n = n.PreviousSibling() {
		if s := nodeText(n, src); s != "" {
			r, _ := utf8.DecodeLastRuneInString(s)
			return r, true
		}
	}
	return 0, false
}

// runeAfter is the first character shown after t's line break, looking inside
// emphasis and links.
func runeAfter(t *ast.Text, src []byte) (rune, bool) {
	for n := t.NextSibling(); n != nil; n = n.NextSibling() {
		if s := nodeText(n, src); s != "" {
			r, _ := utf8.DecodeRuneInString(s)
			return r, true
		}
	}
	return 0, false
}

// joinsLines reports whether a line break between before and after adds no
// space: one side is Chinese punctuation, or both sides are East Asian
// characters (Korean keeps its spaces), counting quotes, dashes, ellipses and
// the middle dot as East Asian when the other side is.
func joinsLines(before, after rune) bool {
	if cjkPunct(before) || cjkPunct(after) {
		return true
	}
	wb, wa := wide(before), wide(after)
	return (wb || wa) && (wb || sharedPunct(before)) && (wa || sharedPunct(after))
}

// wide reports whether r is full width or wide in Unicode's East Asian Width
// (Han, kana, full-width forms), as CSS Text 3 joins lines.
func wide(r rune) bool {
	switch util.EastAsianWidth(r) {
	case "F", "W", "H":
		return !unicode.Is(unicode.Hangul, r)
	}
	return false
}

// cjkPunct reports whether r is punctuation that Chinese text uses and other
// text does not: the CJK Symbols and Punctuation block and the full-width forms
// of ASCII punctuation and symbols (，：；！？（）).
func cjkPunct(r rune) bool {
	if r >= 0x3000 && r <= 0x303F {
		return true
	}
	if (r >= 0xFF00 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6) {
		return unicode.IsPunct(r) || unicode.IsSymbol(r)
	}
	return false
}

// sharedPunct reports whether r is punctuation that Chinese and Western text
// share (“”‘’—…·), East Asian only next to an East Asian character.
func sharedPunct(r rune) bool {
	switch r {
	case '“', '”', '‘', '’', '—', '…', '·':
		return true
	}
	return false
}
