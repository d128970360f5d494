package check

import (
	"alliance/internal/idcard"
	"alliance/internal/model"
	"alliance/internal/phone"
)

// privacy warns about mobile numbers and ID-card numbers written into a text
// in full. The build masks both in what it publishes, but the number is
// still in the source (and in the site's history).
func (c *checker) privacy(d *model.Doc, src *source) {
	for i, l := range src.body {
		n := src.bodyLine + i
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
