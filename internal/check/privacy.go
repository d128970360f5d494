package check

import (
	"strings"

	"alliance/internal/idcard"
	"alliance/internal/model"
	"alliance/internal/phone"
)

// privacy warns about mobile numbers and ID-card numbers written into a text
// in full. The build masks both in what it publishes, but the number is
// still in the source (and in the site's history).
func (c *checker) privacy(d *model.Doc, src *source) {
	type line struct {
		n    int
		text string
	}
	var lines []line
	// Front matter first, but not phone fields, whose numbers are meant to be
	// there and are masked or marked public.
	for i, l := range strings.Split(string(src.fm), "\n") {
		key := strings.TrimSpace(strings.SplitN(l, "=", 2)[0])
		if key == "phone" || key == "number" {
			continue
		}
		lines = append(lines, line{2 + i, l})
	}
	for i, l := range src.body {
		lines = append(lines, line{src.bodyLine + i, l})
	}
	for _, ln := range lines {
		n, l := ln.n, ln.text
		for _, m := range phone.FindMobiles(l) {
			c.dl.Warnf(d.Source, n, "put contact numbers in [contact] (phone = \"…\"), or write an office line instead of a personal mobile",
				"a mobile number (%s) is written into the text in full; the site shows it masked", phone.Mask(m))
		}
		for _, id := range idcard.Find(l) {
			c.dl.Warnf(d.Source, n, "remove the ID-card number from the text; the site shows it masked, but it stays in the source",
				"an ID-card number (%s) is written into the text", idcard.Mask(id))
		}
	}
}
