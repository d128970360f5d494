// Package idcard finds resident ID-card numbers (GB 11643) in text and masks
// them, so that one typed into a notice or a member list is never published.
package idcard

import "regexp"

// shape matches an 18-character number: six digits of region, a birth
// date, three digits and a check character.
var shape = regexp.MustCompile(`^[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]$`)

// Span is an ID-card number written in full in a text s: s[Start:End] is the
// number, s[HideStart:HideEnd] the part masking hides (its birth date).
type Span struct {
	Start, End         int
	HideStart, HideEnd int
}

// Spans returns every ID-card number with a right check character in s,
// standing on its own (no letter or digit right before or after it).
func Spans(s string) []Span {
	if !digitRun(s, 17) {
		return nil
	}
	var out []Span
	for i := 0; i+18 <= len(s); i++ {
		if i > 0 && alnum(s[i-1]) || i+18 < len(s) && alnum(s[i+18]) {
			continue
		}
		if id := s[i : i+18]; shape.MatchString(id) && Valid(id) {
			out = append(out, Span{Start: i, End: i + 18, HideStart: i + 6, HideEnd: i + 14})
			i += 17
		}
	}
	return out
}

func alnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Find returns the ID-card numbers in s whose check character is right, so
// that other long numbers are not taken for one.
func Find(s string) []string {
	var out []string
	for _, sp := range Spans(s) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

// Valid checks the GB 11643-1999 check character (ISO 7064 MOD 11-2).
func Valid(id string) bool {
	if len(id) != 18 {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
		sum += int(id[i]-'0') * w
	}
	got := id[17]
	if got == 'x' {
		got = 'X'
	}
	return got == "10X98765432"[sum%11]
}

// Mask keeps the first six and the last four characters of id.
func Mask(id string) string { return id[:6] + "********" + id[14:] }

// digitRun reports whether s has n ASCII digits in a row, so Spans can
// skip the regular expression for texts that cannot hold an ID number.
func digitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
