// Package phone holds telephone numbers from the source data and decides how
// they may appear in public output: personal numbers are masked (138****1234)
// unless the data marks a number public, such as an office line.
package phone

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"alliance/internal/catalog"
)

// Number is a telephone number as written in the data.
// In TOML it is either a string ("13787179805") or a table
// ({ number = "0632-3317000", public = true }).
type Number struct {
	Raw    string
	Public bool
}

// UnmarshalTOML lets a number be written as a string or as a table.
func (n *Number) UnmarshalTOML(v any) error {
	switch t := v.(type) {
	case string:
		n.Raw = ASCIIDigits(strings.TrimSpace(t))
	case int64:
		n.Raw = fmt.Sprint(t)
	case map[string]any:
		for k, val := range t {
			switch k {
			case "number":
				s, ok := val.(string)
				if !ok {
					return catalog.Errorf("phone number must be a string in quotes, like \"13800001234\"")
				}
				n.Raw = ASCIIDigits(strings.TrimSpace(s))
			case "public":
				b, ok := val.(bool)
				if !ok {
					return catalog.Errorf("phone public must be true or false")
				}
				n.Public = b
			default:
				return catalog.Errorf("phone has unknown key %q (use number and public)", k)
			}
		}
	default:
		return catalog.Errorf("phone must be a string like \"13800001234\" or a table like { number = \"0632-3317000\", public = true }")
	}
	return nil
}

// IsZero reports whether no number was given.
func (n Number) IsZero() bool { return n.Raw == "" }

// String returns the number as it may be published: masked unless public.
func (n Number) String() string {
	if n.Public {
		return n.Raw
	}
	return Mask(n.Raw)
}

// Tel returns a tel: URL for a public number, or "" for a masked one.
func (n Number) Tel() string {
	if !n.Public || n.Raw == "" {
		return ""
	}
	var b strings.Builder
	for _, r := range n.Raw {
		if r >= '0' && r <= '9' || r == '+' {
			b.WriteRune(r)
		}
	}
	return "tel:" + b.String()
}

// Mask hides the middle digits of a number behind four stars, keeping the
// first three and the last four digits: 13787179805 → 137****9805,
// 0632-3317123 → 063****7123. Numbers of fewer than seven digits are hidden whole.
func Mask(s string) string {
	s = ASCIIDigits(s)
	digits, other := 0, false
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		} else if unicode.IsDigit(r) {
			other = true
		}
	}
	if digits < 7 || other {
		// Too short to mask meaningfully, or digits we cannot read: hide them all.
		return strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return '*'
			}
			return r
		}, s)
	}
	// Keep everything up to the third digit and from the fourth-last digit on.
	var prefixEnd, suffixStart, seen int
	for i, r := range s {
		if r >= '0' && r <= '9' {
			seen++
			if seen == 3 {
				prefixEnd = i + 1
			}
			if seen == digits-3 {
				suffixStart = i
			}
		}
	}
	return s[:prefixEnd] + "****" + s[suffixStart:]
}

// ASCIIDigits turns full-width digits and dashes (１３９－…), as a Chinese
// keyboard in full-width mode types them, into ASCII, so that masking sees
// every digit.
func ASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '－':
			return '-'
		case r == '＋':
			return '+'
		}
		return r
	}, s)
}

// Span is a mobile number written in full in a text s: s[Start:End] is the
// number as written (with +86 when given), s[HideStart:HideEnd] the middle
// that masking replaces with four stars, and Digits its eleven digits in
// ASCII, so that callers can compare it with a number marked public.
type Span struct {
	Start, End         int
	HideStart, HideEnd int
	Digits             string
}

// maxSep is how many separator characters may stand between the groups of
// a number (138 0000 1234, 138 - 0000 - 1234).
const maxSep = 3

// Spans returns every mainland mobile number written in full in s, in
// ASCII or full-width digits, possibly after +86 or 86, grouped 3-4-4 or
// not at all, with spaces (also no-break and ideographic), dots, hyphens,
// en or em dashes between the groups. A longer run of digits is not a
// mobile number.
func Spans(s string) []Span {
	if !digitRun(s, 11) {
		return nil
	}
	var out []Span
	prevDigit := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		_, isDigit := digit(r)
		if isDigit && !prevDigit {
			if sp, ok := mobileAt(s, i); ok {
				out = append(out, sp)
				i, prevDigit = sp.End, false
				continue
			}
		}
		prevDigit = isDigit
		i += size
	}
	return out
}

// mobileAt reads a mobile number starting at s[i], the first digit of a run.
func mobileAt(s string, i int) (Span, bool) {
	if sp, ok := localAt(s, i); ok {
		return sp, true
	}
	// 86 before the number, perhaps with + and a separator.
	j, d, ok := digitsAt(s, i, 2)
	if !ok || d != "86" {
		return Span{}, false
	}
	j = skipSep(s, j)
	sp, ok := localAt(s, j)
	if !ok {
		return Span{}, false
	}
	sp.Start = i
	if r, size := utf8.DecodeLastRuneInString(s[:i]); r == '+' || r == '＋' {
		sp.Start = i - size
	}
	return sp, true
}

// localAt reads eleven digits 1[3-9]x xxxx xxxx starting at s[i], not
// followed by another digit.
func localAt(s string, i int) (Span, bool) {
	j, a, ok := digitsAt(s, i, 3)
	if !ok || a[0] != '1' || a[1] < '3' {
		return Span{}, false
	}
	hide := j
	j, b, ok := digitsAt(s, skipSep(s, j), 4)
	if !ok {
		return Span{}, false
	}
	last := skipSep(s, j)
	j, c, ok := digitsAt(s, last, 4)
	if !ok {
		return Span{}, false
	}
	if r, _ := utf8.DecodeRuneInString(s[j:]); j < len(s) {
		if _, more := digit(r); more {
			return Span{}, false
		}
	}
	return Span{Start: i, End: j, HideStart: hide, HideEnd: last, Digits: a + b + c}, true
}

// digitsAt reads n digits starting at s[i] and returns where they end and
// the digits in ASCII.
func digitsAt(s string, i, n int) (int, string, bool) {
	var b [11]byte
	for k := range n {
		if i >= len(s) {
			return i, "", false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		d, ok := digit(r)
		if !ok {
			return i, "", false
		}
		b[k] = d
		i += size
	}
	return i, string(b[:n]), true
}

// skipSep returns where up to maxSep separators starting at s[i] end.
func skipSep(s string, i int) int {
	for range maxSep {
		r, size := utf8.DecodeRuneInString(s[i:])
		if i >= len(s) || !separator(r) {
			break
		}
		i += size
	}
	return i
}

// digit returns the ASCII digit for an ASCII or full-width digit.
func digit(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r), true
	case r >= '０' && r <= '９':
		return byte(r - '０' + '0'), true
	}
	return 0, false
}

// separator reports whether r may stand between the groups of a number:
// spaces (no-break U+00A0, ideographic U+3000, narrow no-break U+202F too),
// dots, hyphens (full-width too), en and em dashes.
func separator(r rune) bool {
	switch r {
	case ' ', '.', '-', '－', '–', '—', '\u00A0', '\u3000', '\u202F', '\t', '\n':
		return true
	}
	return false
}

// digitRun reports whether s has n digits with nothing but separators
// (and +) between them. It lets Spans skip the many texts that hold no
// phone number after one pass over their bytes. Only runes whose lead byte
// may begin a full-width digit or a separator (wideLead) are decoded: any
// other byte beyond ASCII, a lead or a continuation byte, ends a run, as
// the rune it belongs to does, so a stretch of them (most Chinese text) is
// passed over in a tight loop.
func digitRun[T ~string | ~[]byte](s T, n int) bool {
	run := 0
	for i := 0; i < len(s); {
		switch runClass[s[i]] {
		case runDigit:
			if run++; run >= n {
				return true
			}
			i++
		case runSep:
			i++
		case runEnd:
			run = 0
			for i++; i < len(s) && runClass[s[i]] == runEnd; i++ {
			}
		default: // runWide
			// At most four bytes, converted without allocating.
			r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
			if _, ok := digit(r); ok {
				if run++; run >= n {
					return true
				}
			} else if !separator(r) && r != '＋' {
				run = 0
			}
			i += size
		}
	}
	return false
}

// Classes of bytes for digitRun.
const (
	runEnd   = iota // ends a run: other ASCII, and bytes beyond it that wideLead refuses
	runDigit        // an ASCII digit
	runSep          // an ASCII separator or +
	runWide         // may begin a full-width digit or a separator: decoded
)

var runClass = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case c >= '0' && c <= '9':
			t[c] = runDigit
		case c == ' ' || c == '.' || c == '-' || c == '+' || c == '\t' || c == '\n':
			t[c] = runSep
		case wideLead(byte(c)):
			t[c] = runWide
		}
	}
	return t
}()

// wideLead reports whether c may begin a rune that digitRun counts or lets
// through: U+00A0 (0xC2), the dashes and U+202F (0xE2), U+3000 (0xE3), and
// the full-width digits, hyphen and plus (0xEF).
func wideLead(c byte) bool { return c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF }

// MayHold reports whether s may hold a mobile number: false means Spans
// finds none, after one pass over s that allocates nothing. Eleven digits
// in a row pass, so a text that fails holds no longer run of digits either.
// It takes bytes too, so that a text being put together need not be
// copied into a string to be checked.
func MayHold[T ~string | ~[]byte](s T) bool { return digitRun(s, 11) }

// FindMobiles returns the mobile numbers written in full in s, as eleven
// ASCII digits.
func FindMobiles(s string) []string {
	var out []string
	for _, sp := range Spans(s) {
		out = append(out, sp.Digits)
	}
	return out
}

// IsMobile reports whether s, once everything but digits and a leading +86
// is dropped, is a mainland mobile number; for tel: links.
func IsMobile(s string) bool {
	d := strings.Map(func(r rune) rune {
		if c, ok := digit(r); ok {
			return rune(c)
		}
		return -1
	}, s)
	if len(d) == 13 && strings.HasPrefix(d, "86") {
		d = d[2:]
	}
	return len(d) == 11 && d[0] == '1' && d[1] >= '3'
}
