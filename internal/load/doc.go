package load

import (
	"strings"
	"time"

	"alliance/internal/model"
)

// docFront is the front matter every page written in Markdown shares:
// notices, reports and plain pages embed it.
type docFront struct {
	Title       string   `toml:"title"`
	Date        any      `toml:"date"`
	PublishDate any      `toml:"publish_date"`
	ExpiryDate  any      `toml:"expiry_date"`
	Slug        string   `toml:"slug"`
	Tags        []string `toml:"tags"`
	Lang        string   `toml:"lang"`
	Summary     string   `toml:"summary"`
	Draft       bool     `toml:"draft"`
	// Params is the [params] table: keys of the clerk's own for a custom
	// layout, which the loader does not check.
	Params map[string]any `toml:"params"`
}

// docKind says how one kind of page reads the shared front matter.
type docKind struct {
	section      string // URL prefix, such as "notices/"; "" for plain pages
	dateRequired bool
	titleExample string // for the hint when the title is missing
}

// doc reads the shared front matter of p: the Doc with its URL, the date, and
// the publish_date as written (zero when none was).
func (l *loader) doc(src source, p *parsed, f docFront, k docKind, used map[string]int) (d model.Doc, date, publish time.Time) {
	d = model.Doc{
		Source: src.rel, Title: strings.TrimSpace(f.Title), Tags: cleanList(f.Tags),
		Draft: f.Draft, Params: f.Params, Lang: strings.TrimSpace(f.Lang), Body: p.body, Summary: summary(f.Summary, p.body),
	}
	must(l.dl, src.rel, p.fm, 1, "title", d.Title, k.titleExample)
	date, _ = l.date(p, "date", f.Date, k.dateRequired)
	publish, _ = l.date(p, "publish_date", f.PublishDate, false)
	d.ExpiryDate = l.expiry(p, f.ExpiryDate)
	d.Slug = l.slug(src, f.Slug, p, date, used)
	d.URL = k.section + d.Slug + "/"
	return d, date, publish
}
