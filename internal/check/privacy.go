package check

import (
	"regexp"

	"alliance/internal/model"
	"alliance/internal/phone"
)

// privacy warns about mobile numbers and ID-card numbers written into a text
// in full. The build masks mobiles in what it publishes, but the number is
// still in the source (and in the site's history); ID-card numbers are not
// masked at all, so they must not be in a text that is published.
func (c *checker) privacy(d *model.Doc, src *source) {
	for i, l := range src.body {
		n := src.bodyLine + i
		for _, m := range phone.FindMobiles(l) {
			c.dl.Warnf(d.Source, n, "put contact numbers in [contact] (phone = \"…\"), or write an office line instead of a personal mobile",
				"a mobile number (%s) is written into the text in full; the site shows it masked", phone.Mask(m))
		}
		for _, id := range idCards(l) {
			c.dl.Warnf(d.Source, n, "remove the ID-card number from the text; it is published as written",
				"an ID-card number (%s) is written into the text", maskID(id))
		}
	}
}

// idCard matches an 18-character resident ID number (GB 11643): six digits of
// region, a birth date, three digits and a check character.
var idCard = regexp.MustCompile(`(?:^|[^0-9A-Za-z])([1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])(?:$|[^0-9A-Za-z])`)

// idCards returns the ID-card numbers in s whose check character is right,
// so that other long numbers are not taken for one.
func idCards(s string) []string {
	var out []string
	for _, m := range idCard.FindAllStringSubmatch(s, -1) {
		if validID(m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// validID checks the GB 11643-1999 check character (ISO 7064 MOD 11-2).
func validID(id string) bool {
	if len(id) != 18 {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(id[i]-'0') * w
	}
	want := "10X98765432"[sum%11]
	got := id[17]
	if got == 'x' {
		got = 'X'
	}
	return got == want
}

// maskID keeps the first six and last four characters, so the warning does
// not repeat the number in a CI log.
func maskID(id string) string { return id[:6] + "********" + id[14:] }
