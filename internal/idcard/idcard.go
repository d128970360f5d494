// Package idcard finds resident ID-card numbers (GB 11643) in text and masks
// them, so that one typed into a notice or a member list is never published.
package idcard

import "regexp"

// pattern matches an 18-character number: six digits of region, a birth
// date, three digits and a check character.
var pattern = regexp.MustCompile(`(^|[^0-9A-Za-z])([1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])($|[^0-9A-Za-z])`)

// Find returns the ID-card numbers in s whose check character is right, so
// that other long numbers are not taken for one.
func Find(s string) []string {
	var out []string
	for _, m := range pattern.FindAllStringSubmatch(s, -1) {
		if Valid(m[2]) {
			out = append(out, m[2])
		}
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

// MaskText masks every valid ID-card number in s.
func MaskText(s string) string {
	if !digitRun(s, 17) {
		return s
	}
	// Loop because adjacent numbers share their boundary characters.
	for {
		out := pattern.ReplaceAllStringFunc(s, func(m string) string {
			sub := pattern.FindStringSubmatch(m)
			if !Valid(sub[2]) {
				return m
			}
			return sub[1] + Mask(sub[2]) + sub[3]
		})
		if out == s {
			return out
		}
		s = out
	}
}

// digitRun reports whether s has n ASCII digits in a row, so MaskText can
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
