package load

import (
	"time"

	"alliance/internal/model"
)

// Reasons a page is held back, the keys of model.Site.Held.
const (
	heldDraft      = "draft"
	heldFuture     = "future"
	heldExpired    = "expired"
	heldDisclosure = "disclosure"
)

// expiry reads the optional expiry_date of a page: a date alone means the
// page is still published throughout that day.
func (l *loader) expiry(p *parsed, v any) time.Time {
	t, hasTime := l.date(p, "expiry_date", v, false)
	if !t.IsZero() && !hasTime {
		t = t.AddDate(0, 0, 1).Add(-1)
	}
	return t
}

// hold decides whether a page stays out of the build and counts it under the
// first rule that holds it back: draft, a publish_date still to come, or an
// expiry_date already past, each unless the options ask for them. publish is
// the page's explicit publish_date (zero when none was written).
func (l *loader) hold(d *model.Doc, publish time.Time) bool {
	now := l.opts.Now
	for _, t := range []time.Time{publish, d.ExpiryDate} {
		if t.After(now) && (l.site.NextChange.IsZero() || t.Before(l.site.NextChange)) {
			l.site.NextChange = t
		}
	}
	reason := ""
	switch {
	case d.Draft && !l.opts.Drafts:
		reason = heldDraft
	case !publish.IsZero() && publish.After(now) && !l.opts.Future:
		reason = heldFuture
	case !d.ExpiryDate.IsZero() && !now.Before(d.ExpiryDate) && !l.opts.Expired:
		reason = heldExpired
	}
	if reason == "" {
		return false
	}
	l.site.Held[reason]++
	return true
}
