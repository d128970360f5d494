// Package feed writes the Atom feed of a site's notices, so readers and other
// sites can follow new notices without visiting.
package feed

import (
	"encoding/xml"
	"time"

	"alliance/internal/model"
	"alliance/internal/output"
)

// Path is where the feed is published.
const Path = "feed.xml"

// Entries is how many of the newest notices the feed carries.
const Entries = 30

// MaxContent is the longest notice, in bytes of HTML, whose text the feed
// carries; a longer one has its summary and link only. Feed readers show
// the start of a text anyway, and minifying a feed entry takes time that
// grows with the square of its length (a 20 MB notice took half a minute).
const MaxContent = 128 << 10

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string    `xml:"title"`
	ID        string    `xml:"id"`
	Link      atomLink  `xml:"link"`
	Published string    `xml:"published"`
	Updated   string    `xml:"updated"`
	Summary   string    `xml:"summary"`
	Content   *atomText `xml:"content,omitempty"`
	Category  []atomCat `xml:"category"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// Build returns the Atom feed of the newest notices.
func Build(site *model.Site) ([]output.File, error) {
	cfg := site.Config
	f := atomFeed{
		Lang:  cfg.Language,
		Title: cfg.Title + " · 通知公告",
		ID:    cfg.BaseURL + Path,
		Links: []atomLink{
			{Href: cfg.BaseURL + Path, Rel: "self", Type: "application/atom+xml"},
			{Href: cfg.BaseURL + "notices/", Rel: "alternate", Type: "text/html"},
		},
		Author: atomAuthor{Name: author(site)},
	}
	var updated time.Time
	for i, n := range site.Notices {
		if i == Entries {
			break
		}
		if n.PublishDate.After(updated) {
			updated = n.PublishDate
		}
		e := atomEntry{
			Title:     n.Title,
			ID:        cfg.BaseURL + n.URL,
			Link:      atomLink{Href: cfg.BaseURL + n.URL},
			Published: n.PublishDate.Format(time.RFC3339),
			Updated:   n.PublishDate.Format(time.RFC3339),
			Summary:   n.Summary,
		}
		if n.Body.HTMLLen() <= MaxContent {
			e.Content = &atomText{Type: "html", Body: string(n.Body.HTML())}
		}
		for _, t := range n.Tags {
			e.Category = append(e.Category, atomCat{Term: t})
		}
		f.Entries = append(f.Entries, e)
	}
	if updated.IsZero() {
		updated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.Updated = updated.Format(time.RFC3339)
	b, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		return nil, err
	}
	return []output.File{{Path: Path, Data: append([]byte(xml.Header), b...)}}, nil
}

func author(site *model.Site) string {
	if site.Config.Organiser != "" {
		return site.Config.Organiser
	}
	return site.Config.Title
}
