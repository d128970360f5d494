package privacy

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// Shown is a personal number that an output shows in full.
type Shown struct {
	Kind   string // Mobile or IDCard
	Digits string // a mobile number's eleven digits, to compare with public ones
	Masked string // the number as it should have been published
}

// Scan returns the personal numbers that the output file at path (site
// relative) shows in full: in the text a reader sees, which for HTML is the
// text outside tags (read across inline elements such as <strong>, so a
// number split by markup is found) and the alt, title, placeholder, label,
// value and content attributes; for XML (feed, sitemap) the text of its
// elements and any HTML escaped in them; for JSON, CSV and text the whole
// file; for .docx and .xlsx the text of the XML parts in the zip. Other
// files (images, fonts, CSS, JS) are not read. A file without eleven digits
// close together is passed after one pass over its bytes.
func Scan(name string, data []byte) []Shown {
	var out []Shown
	add := func(unit string) {
		unit = normalise(unit)
		for _, sp := range Find(unit) {
			out = append(out, Shown{Kind: sp.Kind, Digits: sp.Digits, Masked: sp.Masked(unit)})
		}
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		if maybe(data, htmlText) || hard(data) {
			markup(data, htmlText, add)
		}
	case ".xml", ".atom", ".rss", ".svg":
		// HTML escaped in a feed hides its digits from maybe; a site has
		// few XML files.
		if maybe(data, xmlText) || bytes.Contains(data, []byte("&lt;")) {
			markup(data, xmlText, func(u string) {
				if u = html.UnescapeString(u); strings.Contains(u, "<") {
					// HTML escaped in a feed entry.
					markup([]byte(u), htmlText, add)
					return
				}
				add(u)
			})
		}
	case ".json", ".csv", ".txt", ".webmanifest":
		if maybe(data, plainText) {
			add(string(data))
		}
	case ".docx":
		zipParts(data, docxText, add)
	case ".xlsx":
		zipParts(data, xlsxText, add)
	}
	return out
}

// zipParts reads the XML parts of an Office file. A part that cannot be
// read is left out: the file was made by the build, not by a writer.
func zipParts(data []byte, f format, add func(string)) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return
	}
	for _, zf := range zr.File {
		if !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			continue
		}
		part, err := io.ReadAll(rc)
		_ = rc.Close()
		if err == nil && maybe(part, f) {
			markup(part, f, add)
		}
	}
}

// inline are the HTML elements that do not break the text they stand in:
// a reader sees 138<strong>0000</strong>1234 as one number.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "data": true,
	"del": true, "dfn": true, "em": true, "font": true, "i": true, "ins": true, "kbd": true, "mark": true,
	"q": true, "s": true, "samp": true, "small": true, "span": true, "strike": true, "strong": true,
	"sub": true, "sup": true, "time": true, "tt": true, "u": true, "var": true, "wbr": true, "label": true,
}

// format is how a file's text is marked up, which says which tags end a
// stretch of text.
type format uint8

const (
	plainText format = iota // no markup: JSON, CSV
	htmlText                // HTML: every element but the inline ones
	xmlText                 // a feed or sitemap: every element
	docxText                // WordprocessingML: paragraphs, cells, rows, breaks, tabs; runs (w:r, w:t) join
	xlsxText                // SpreadsheetML: cells, rows, shared strings; rich-text runs join
)

// breaks reports whether the element name ends a stretch of text in f.
func (f format) breaks(name []byte) bool {
	switch f {
	case htmlText:
		if inline[string(name)] {
			return false
		}
		for _, c := range name {
			if c >= 'A' && c <= 'Z' {
				return !inline[string(bytes.ToLower(name))]
			}
		}
		return true
	case xmlText:
		return true
	case docxText:
		switch string(name) {
		case "w:p", "w:tc", "w:tr", "w:br", "w:tab", "w:cr":
			return true
		}
		return !bytes.HasPrefix(name, []byte("w:"))
	case xlsxText:
		switch string(name) {
		case "c", "row", "si", "is", "v", "f":
			return true
		}
	}
	return false
}

// shownAttrs are the HTML attributes whose values a reader sees or hears.
var shownAttrs = map[string]bool{"alt": true, "title": true, "placeholder": true, "aria-label": true, "label": true, "value": true, "content": true}

// markup calls add with each stretch of text of an HTML or XML document
// that a reader sees as one: text runs joined across elements for which
// breaks is false. With isHTML, script and style contents are skipped and
// the values of shownAttrs are stretches of their own.
func markup(data []byte, f format, add func(string)) {
	isHTML := f == htmlText
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			add(string(cur))
			cur = cur[:0]
		}
	}
	for i := 0; i < len(data); {
		if data[i] != '<' {
			j := bytes.IndexByte(data[i:], '<')
			if j < 0 {
				j = len(data) - i
			}
			cur = append(cur, data[i:i+j]...)
			i += j
			continue
		}
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(data, i+4, "-->")
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(data[i+9:], []byte("]]>"))
			if end < 0 {
				end = len(data) - i - 9
			}
			cur = append(cur, html.EscapeString(string(data[i+9:i+9+end]))...)
			i = min(len(data), i+9+end+3)
			continue
		case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")):
			i = skipPast(data, i+2, ">")
			continue
		}
		j := i + 1
		closing := j < len(data) && data[j] == '/'
		if closing {
			j++
		}
		start := j
		for j < len(data) && !isSpace(data[j]) && data[j] != '>' && data[j] != '/' {
			j++
		}
		name := string(data[start:j])
		if name == "" || strings.ContainsAny(name[:1], "!?") {
			// A lone "<" is text.
			cur = append(cur, '<')
			i++
			continue
		}
		if f.breaks(data[start:j]) {
			flush()
		}
		// Attributes, up to the end of the tag.
		for j < len(data) && data[j] != '>' {
			if isSpace(data[j]) || data[j] == '/' {
				j++
				continue
			}
			as := j
			for j < len(data) && !isSpace(data[j]) && data[j] != '=' && data[j] != '>' {
				j++
			}
			attr := strings.ToLower(string(data[as:j]))
			if j >= len(data) || data[j] != '=' {
				continue
			}
			j++
			var val []byte
			if j < len(data) && (data[j] == '"' || data[j] == '\'') {
				q := data[j]
				end := bytes.IndexByte(data[j+1:], q)
				if end < 0 {
					end = len(data) - j - 1
				}
				val = data[j+1 : j+1+end]
				j = min(len(data), j+1+end+1)
			} else {
				vs := j
				for j < len(data) && !isSpace(data[j]) && data[j] != '>' {
					j++
				}
				val = data[vs:j]
			}
			if isHTML && shownAttrs[attr] && len(val) > 0 {
				add(string(val))
			}
		}
		i = min(len(data), j+1)
		if isHTML && !closing {
			switch strings.ToLower(name) {
			case "script", "style":
				// Not shown; skip to the closing tag.
				end := bytes.Index(bytes.ToLower(data[i:]), []byte("</"+strings.ToLower(name)))
				if end < 0 {
					i = len(data)
				} else {
					i += end
				}
			}
		}
	}
	flush()
}

// skipPast returns the index just past the first end at or after i.
func skipPast(data []byte, i int, end string) int {
	k := bytes.Index(data[min(i, len(data)):], []byte(end))
	if k < 0 {
		return len(data)
	}
	return i + k + len(end)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// normalise decodes character references and turns each run of white
// space into one space, as a browser shows it.
func normalise(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	if !strings.ContainsAny(s, "\t\n\r\f") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// quiet reports whether maybe, reading the quoted attribute value v, would
// find no number in it: v is ASCII (no lead byte that maybe decodes or
// passes over) with no character reference, and none of its stretches of
// digits and separators holds eleven digits. It is a tighter loop than
// maybe's, for the long values of a page (an SVG path, a policy) whose
// digits come in short groups.
func quiet(v []byte) bool {
	run, odd := 0, byte(0)
	for _, c := range v {
		run = (run + int(quietDigit[c])) & quietKeep[c]
		odd |= c&0x80&(c<<1) | quietRef[c] // a lead byte (11xxxxxx) or &
		if run >= 11 {
			return false
		}
	}
	return odd == 0
}

// Tables for quiet, by byte: 1 for a digit; all ones for a digit or a
// separator, which continue a stretch; 1 for &.
var quietDigit, quietKeep, quietRef = func() (d [256]byte, k [256]int, r [256]byte) {
	for c := range 256 {
		switch class[c] {
		case digit:
			d[c], k[c] = 1, -1
		case sep:
			k[c] = -1
		case amp:
			r[c] = 1
		}
	}
	return d, k, r
}()

// Byte classes for maybe.
const (
	other = iota // ends a run of digits
	digit        // 0-9
	sep          // white space and the ASCII separators of a number
	lt           // <
	gt           // >
	quote        // " or '
	amp          // &
	wide         // lead byte of a rune maybe must look at: full-width digits and dashes, no-break spaces
	lead2        // lead bytes of other runes, by length
	lead3
	lead4
)

var class = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case c >= '0' && c <= '9':
			t[c] = digit
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '.' || c == '-' || c == '+':
			t[c] = sep
		case c == '<':
			t[c] = lt
		case c == '>':
			t[c] = gt
		case c == '"' || c == '\'':
			t[c] = quote
		case c == '&':
			t[c] = amp
		case c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF:
			t[c] = wide
		case c >= 0xC0 && c < 0xE0:
			t[c] = lead2
		case c >= 0xE0 && c < 0xF0:
			t[c] = lead3
		case c >= 0xF0:
			t[c] = lead4
		}
	}
	return t
}()

// pass is, for each byte, how many bytes maybe passes over when it begins
// them with no digits pending: one for a byte that ends no group and
// begins none (other, sep, gt), the length for the lead byte of a rune it
// need not decode, and 0 for the bytes it must look at.
var pass = func() (t [256]byte) {
	for c := range 256 {
		switch class[c] {
		case other, sep, gt:
			t[c] = 1
		case lead2, lead3, lead4:
			t[c] = class[c] - lead2 + 2
		}
	}
	return t
}()

// groups follows the groups of digits of a run that separators (not
// tags) split, as 138 0000 1234 has three: the current one and the three
// before it.
type groups struct {
	cur   int
	prev  [3]int
	ascii int // ASCII digits at the end of the current group: an ID-card number is read in ASCII only
}

// wideDigit adds a full-width digit to the current group and reports
// whether it ended a run of ASCII digits that may be an ID-card number
// (which idcard reads up to any other character).
func (g *groups) wideDigit() bool {
	id := g.ascii == 17 || g.ascii == 18
	g.ascii = 0
	g.cur++
	return id
}

// empty reports whether no digits have been seen since the run began.
func (g *groups) empty() bool { return g.cur == 0 && g.prev == [3]int{} }

// end ends the current group and reports whether the run's last groups may
// be a number: one to three groups of eleven digits in all, thirteen with
// 86 before them (in up to four groups), or one group of 17 or 18, an
// ID-card number.
func (g *groups) end() bool {
	if g.cur == 0 {
		return false
	}
	if a := g.ascii; a == 17 || a == 18 {
		return true
	}
	g.ascii = 0
	c, p := g.cur, g.prev
	g.prev = [3]int{c, p[0], p[1]}
	g.cur = 0
	if c+p[0]+p[1]+p[2] < 11 {
		// Too few digits for any of the sums below: the many short
		// numbers of a page (dates, sizes, an SVG path) end here.
		return false
	}
	return endsNumber(c, p)
}

// endsNumber reports whether a group of c digits after the groups p (the
// nearest first) ends a run that may be a number; see groups.end.
func endsNumber(c int, p [3]int) bool {
	s1, s2, s3 := c, c+p[0], c+p[0]+p[1]
	return s1 == 11 || s2 == 11 || s3 == 11 || s1 == 13 || s2 == 13 || s3 == 13 || s3+p[2] == 13 || c == 17 || c == 18
}

// maybe reports whether data may show a personal number: whether it has
// eleven digits (ASCII or full-width) in up to three groups with nothing
// between them but white space, separators a number is written with,
// character references and tags (or thirteen after 86, or an ID-card
// number's 17 or 18). It is one pass over the bytes with no allocation, so
// that the many outputs without such a run cost almost nothing; the few
// with one are read properly. An attribute value, quoted or not (minified
// pages leave most values unquoted), is read on its own. It reads tags as
// markup does, so that a number markup would find is never passed over;
// what it does not read (comments, CDATA, digits written as character
// references) makes Scan read the page whole (hard).
func maybe(data []byte, f format) bool {
	var g, saved groups
	inTag := false
	var q byte
	uq := false // in an unquoted attribute value, which ends at white space or >
	for i := 0; i < len(data); i++ {
		if inTag && q == 0 && !uq {
			// Inside a tag, outside values: only its end and the start
			// of a value matter. A quote begins a value right after =
			// only, as markup reads it.
			for i < len(data) && class[data[i]] != gt && data[i] != '=' {
				i++
			}
			if i == len(data) {
				break
			}
			if class[data[i]] == gt {
				inTag = false
				continue
			}
			j := i + 1
			switch {
			case j == len(data) || isSpace(data[j]) || class[data[j]] == gt:
			case class[data[j]] == quote:
				c := data[j]
				if e := bytes.IndexByte(data[j+1:], c); e >= 0 && quiet(data[j+1:j+1+e]) {
					i = j + 1 + e // a value that cannot hold a number, as most are
				} else {
					i, q, saved, g = j, c, g, groups{}
				}
			default:
				uq, saved, g = true, g, groups{}
			}
			continue
		}
		if uq && (isSpace(data[i]) || class[data[i]] == gt) {
			// The end of an unquoted value.
			if g.cur > 0 && g.end() {
				return true
			}
			uq, g = false, saved
			if class[data[i]] == gt {
				inTag = false
			}
			continue
		}
		if g.empty() && !uq {
			// No digits pending, the common case: bytes that neither begin
			// a group nor change the state are passed over, and the bytes
			// of a rune that cannot be a digit or a separator with them.
			for i < len(data) && pass[data[i]] > 0 {
				if n := pass[data[i]]; n == 1 {
					i++
				} else {
					i = skipRune(data, i, int(n))
				}
			}
			if i >= len(data) {
				break
			}
		}
		c := data[i]
		k := class[c]
		switch k {
		case digit:
			g.cur++
			g.ascii++
			continue
		case lt:
			if q != 0 || uq {
				k = other
				break
			}
			j := i + 1
			if j < len(data) && (data[j] == '!' || data[j] == '?') {
				// <!DOCTYPE …>, <?…?>: passed over to the first >,
				// quotes or not, as markup does.
				if e := bytes.IndexByte(data[j:], '>'); e >= 0 {
					i = j + e
				} else {
					i = len(data)
				}
				continue
			}
			name := tagName(data, i)
			if name == nil {
				k = other // a lone < is text
				break
			}
			inTag = true
			if g.empty() || !f.breaks(name) {
				continue // an inline tag does not end a group: 138<b>0000</b>1234
			}
		case amp:
			// A character reference such as &nbsp; stands between digits
			// like a separator.
			if n := bytes.IndexByte(data[i:min(len(data), i+10)], ';'); n > 0 {
				i += n
				k = sep
			}
		case wide:
			r, size := utf8.DecodeRune(data[i:])
			i += size - 1
			switch {
			case r >= '０' && r <= '９':
				if g.wideDigit() {
					return true
				}
				continue
			case r == '－' || r == '–' || r == '—' || r == '\u00a0' || r == '\u3000' || r == '\u202f' || r == '＋':
				k = sep
			}
		case lead2, lead3, lead4:
			i = skipRune(data, i, int(k-lead2)+2) - 1
		}
		if g.cur > 0 && g.end() {
			return true
		}
		switch {
		case k == sep:
		case k == quote && c == q:
			q, g = 0, saved
		case !g.empty():
			g = groups{}
		}
	}
	// The page ends: the run pending, and inside a value the text before
	// its tag.
	return g.end() || (q != 0 || uq) && saved.end()
}

// tagName returns the name of the tag the < at i opens or closes ("b" for
// <b> and </b>), or nil when that < opens no tag and is text.
func tagName(data []byte, i int) []byte {
	j := i + 1
	if j < len(data) && data[j] == '/' {
		j++
	}
	start := j
	for j < len(data) && !isSpace(data[j]) && data[j] != '>' && data[j] != '/' {
		j++
	}
	if j == start || data[start] == '!' || data[start] == '?' {
		return nil
	}
	return data[start:j]
}

// skipRune returns the index after the rune of up to n bytes whose lead
// byte is at i: its continuation bytes, as many as there are, so that a
// broken rune does not swallow the digit after it, as a reader decoding
// the text would not.
func skipRune(data []byte, i, n int) int {
	i++
	for k := 1; k < n && i < len(data) && data[i]&0xC0 == 0x80; k++ {
		i++
	}
	return i
}

// hard reports whether an HTML page holds what maybe does not read and
// markup does: comments (a number around one is read across it), CDATA,
// and digits written as character references (&#49;, &#x31;, &#65297;, and
// &#49 without its semicolon, which readers decode too). References are
// decoded by html.UnescapeString, as markup decodes them. Such a page is
// read whole.
func hard(data []byte) bool {
	if bytes.Contains(data, []byte("<!--")) || bytes.Contains(data, []byte("<![CDATA[")) {
		return true
	}
	for rest := data; ; rest = rest[2:] {
		k := bytes.Index(rest, []byte("&#"))
		if k < 0 {
			return false
		}
		rest = rest[k:]
		// The reference: &#, then its number, then a semicolon if any.
		end := 2
		for end < len(rest) && (isHex(rest[end]) || rest[end] == 'x' || rest[end] == 'X') {
			end++
		}
		if end < len(rest) && rest[end] == ';' {
			end++
		}
		r, _ := utf8.DecodeRuneInString(html.UnescapeString(string(rest[:end])))
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			return true
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
