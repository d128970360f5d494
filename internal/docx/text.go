package docx

import (
	"strings"
	"unicode/utf8"
)

// Markers in the kit. Neither can occur in escaped text, because XML 1.0
// forbids both characters and escape drops them.
const (
	slotMark  = "\x00" // document.xml: \x00N\x00 is slot N
	valueMark = "\x01" // a slot's filled form: where the value goes
)

// lineBreak joins the lines of a multi-line value inside a filled run.
const lineBreak = `</w:t><w:br/><w:t xml:space="preserve">`

// noBreakHyphen stands for every hyphen of a filled value: Word's hyphen
// that no line breaks after, so that a value wrapping in its cell keeps a
// landline (0632-3317000) or an address (example-mail.com) whole.
const noBreakHyphen = `</w:t><w:noBreakHyphen/><w:t xml:space="preserve">`

// escape returns s as XML character data: &, < and > escaped, characters XML
// 1.0 forbids dropped, tabs made spaces.
func escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && isInvalid(s[i:]):
			b.WriteRune(utf8.RuneError)
		case forbidden(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isInvalid(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return r == utf8.RuneError && n <= 1
}

// forbidden reports characters that may not appear in an XML 1.0 document.
func forbidden(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == 0xFFFE || r == 0xFFFF
}

// fillValue turns what an applicant typed into run content for a slot, or ""
// when the blank stays empty. form.js does exactly the same (fillValue
// there); change both together.
func fillValue(v string, multiline bool) string {
	v = strings.ReplaceAll(v, "\r\n", "\n")
	v = strings.ReplaceAll(v, "\r", "\n")
	v = strings.Map(func(r rune) rune {
		if forbidden(r) {
			return -1
		}
		if r == '\t' || (r == '\n' && !multiline) {
			return ' '
		}
		return r
	}, v)
	v = strings.Trim(v, " \n\u3000")
	if v == "" {
		return ""
	}
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(escape(l), "-", noBreakHyphen)
	}
	return strings.Join(lines, lineBreak)
}
