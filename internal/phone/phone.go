// Package phone holds telephone numbers from the source data and decides how
// they may appear in public output: personal numbers are masked (138****1234)
// unless the data marks a number public, such as an office line.
package phone

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

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

// mobile matches a mainland mobile number written in full in ASCII or
// full-width digits, possibly after +86 or 86 and with separators (138 0000
// 1234, 138-0000-1234, 138.0000.1234).
var mobile = regexp.MustCompile(`(^|[^0-9０-９])((?:[+＋]?[8８][6６][ -]?)?)([1１][3-9３-９][0-9０-９])[ .\-－—]?([0-9０-９]{4})[ .\-－—]?([0-9０-９]{4})($|[^0-9０-９])`)

// MaskText masks every mobile number that appears in running text, for
// texts written by hand where a number cannot be marked public.
func MaskText(s string) string {
	if !digitRun(s, 11) {
		return s
	}
	// Loop because adjacent matches share their boundary characters.
	for {
		out := mobile.ReplaceAllString(s, "$1$2$3****$5$6")
		if out == s {
			return out
		}
		s = out
	}
}

// digitRun reports whether s has n digits in a row, counting ASCII and
// full-width digits and letting the separators a number may be written
// with (space, dot, dash, plus) stand between them. It lets MaskText skip
// the regular expression for the many texts that hold no phone number.
func digitRun(s string, n int) bool {
	run := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
			run++
			if run >= n {
				return true
			}
		case r == ' ' || r == '.' || r == '-' || r == '+' || r == '－' || r == '—' || r == '＋':
		default:
			run = 0
		}
	}
	return false
}

// FindMobiles returns the mobile numbers written in full in s.
func FindMobiles(s string) []string {
	var out []string
	for _, m := range mobile.FindAllStringSubmatch(s, -1) {
		out = append(out, ASCIIDigits(m[3]+m[4]+m[5]))
	}
	return out
}
