// Package privacy keeps personal numbers out of what a site publishes. It
// finds mobile and ID-card numbers written in full in a text, masks them in
// every string of the loaded model, and checks every output before it is
// written (Gate), so that a number the earlier stages missed stops the build
// instead of being published.
package privacy

import (
	"sort"
	"strings"

	"alliance/internal/idcard"
	"alliance/internal/phone"
)

// Kinds of numbers.
const (
	Mobile = "mobile"
	IDCard = "ID-card"
)

// Span is a personal number written in full in a text s: s[Start:End] is the
// number as written and s[HideStart:HideEnd] the part that masking replaces
// with With. Digits is a mobile number's eleven ASCII digits ("" for an
// ID-card number), to compare with the numbers the data marks public.
type Span struct {
	Kind               string
	Start, End         int
	HideStart, HideEnd int
	With               string
	Digits             string
}

// Masked returns the number of span sp in s as it may be published.
func (sp Span) Masked(s string) string {
	return s[sp.Start:sp.HideStart] + sp.With + s[sp.HideEnd:sp.End]
}

// Find returns the mobile and ID-card numbers written in full in s, in order.
func Find(s string) []Span {
	if !phone.MayHold(s) {
		// Most texts: no eleven digits in a row, so no mobile number and
		// no ID-card number (seventeen digits and a check character).
		return nil
	}
	var out []Span
	for _, m := range phone.Spans(s) {
		out = append(out, Span{Kind: Mobile, Start: m.Start, End: m.End, HideStart: m.HideStart, HideEnd: m.HideEnd, With: "****", Digits: m.Digits})
	}
	ids := idcard.Spans(s)
	for _, id := range ids {
		out = append(out, Span{Kind: IDCard, Start: id.Start, End: id.End, HideStart: id.HideStart, HideEnd: id.HideEnd, With: "********"})
	}
	if len(ids) > 0 {
		// An ID-card number cannot hold a mobile number (it has no
		// boundary inside), so the two kinds never overlap.
		sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	}
	return out
}

// Text returns s with every personal number in it masked.
func Text(s string) string {
	spans := Find(s)
	if spans == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.HideStart])
		b.WriteString(sp.With)
		last = sp.HideEnd
	}
	b.WriteString(s[last:])
	return b.String()
}
