package privacy

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// maybeByBytes is maybe as first written, one byte at a time with no
// passing over, kept to check the faster one against.
func maybeByBytes(data []byte, f format) bool {
	var g, saved groups
	inTag := false
	var q byte
	uq := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		k := class[c]
		if inTag && q == 0 && !uq {
			// Inside a tag, outside values: only its end, quotes and the
			// start of a value matter.
			switch {
			case k == gt:
				inTag = false
			case c == '=':
				j := i + 1
				switch {
				case j == len(data) || isSpace(data[j]) || class[data[j]] == gt:
				case class[data[j]] == quote:
					i, q, saved, g = j, data[j], g, groups{}
				default:
					uq, saved, g = true, g, groups{}
				}
			}
			continue
		}
		if uq && (isSpace(c) || k == gt) {
			if g.cur > 0 && g.end() {
				return true
			}
			uq, g = false, saved
			if k == gt {
				inTag = false
			}
			continue
		}
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
				for i < len(data) && data[i] != '>' {
					i++
				}
				continue
			}
			name := tagName(data, i)
			if name == nil {
				k = other
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
			for n := int(k-lead2) + 1; n > 0 && i+1 < len(data) && data[i+1]&0xC0 == 0x80; n-- {
				i++
			}
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
	return g.end() || (q != 0 || uq) && saved.end()
}

// maybePieces are the stretches random documents are made of: digits and
// groups of them, separators, tags that do and do not break text, quotes,
// references, Chinese text and punctuation, full-width digits, no-break
// spaces and broken UTF-8.
var maybePieces = []string{
	"1", "38", "0000", "1234", "13800001234", "11010519491231002X", "１", "３８００", "86", "+",
	" ", "-", ".", "\n", "\u00a0", "\u3000", "–", "－", "＋", "&nbsp;", "&#8211;", "&amp;", "&",
	"<p>", "</p>", "<b>", "</b>", "<strong>", "<STRONG>", "<br>", "<td>", "</td>", "<!-- 1 -->", "<?x?>", "<", ">",
	"<img alt=\"", "<a href='", "\" title=\"", "\">", "'>", "\"", "'", " data-x=\"13800001234\">",
	" d=\"M4 4h7v1h-7z", "m-5 1h1", "1234567", "1 2", "&#49;", "<svg><path d=\"",
	"电话", "，", "。", "、", "©", "😀", "\xe4", "\xc2", "\xef\xbc", "\xf0\x9f", "\xff", "a", "x=",
}

// TestMaybeAgreesWithByteByByte: the fast paths of maybe pass over only
// what cannot change its answer, on every mix of the pieces above.
func TestMaybeAgreesWithByteByByte(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var b bytes.Buffer
	for range 200000 {
		b.Reset()
		for range r.IntN(24) {
			b.WriteString(maybePieces[r.IntN(len(maybePieces))])
		}
		for _, f := range []format{plainText, htmlText, xmlText, docxText, xlsxText} {
			if got, want := maybe(b.Bytes(), f), maybeByBytes(b.Bytes(), f); got != want {
				t.Fatalf("maybe(%q, %d) = %v, byte by byte %v", b.Bytes(), f, got, want)
			}
		}
	}
}

func FuzzMaybe(f *testing.F) {
	f.Add([]byte("<p>电话138<b>0000</b>1234</p><img alt=\"１３８\">"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fm := range []format{plainText, htmlText, docxText} {
			if got, want := maybe(data, fm), maybeByBytes(data, fm); got != want {
				t.Fatalf("maybe(%q, %d) = %v, byte by byte %v", data, fm, got, want)
			}
		}
	})
}
