// Package sitemap writes sitemap.xml and robots.txt, so search engines find
// every published page.
package sitemap

import (
	"encoding/xml"
	"sort"
	"strings"
	"time"

	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/render"
)

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []entry  `xml:"url"`
}

type entry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Page is one page the sitemap lists.
type Page struct {
	URL      string    // site-relative, such as "notices/a/"
	Modified time.Time // its lastmod; zero leaves lastmod out
}

// Build returns sitemap.xml and robots.txt for pages: every HTML page that
// search engines should index, so neither 404.html nor a noindex page.
func Build(site *model.Site, pages []Page) ([]output.File, error) {
	base := site.Config.BaseURL
	sorted := append([]Page(nil), pages...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].URL < sorted[j].URL })
	var set urlset
	for _, p := range sorted {
		e := entry{Loc: base + p.URL}
		if !p.Modified.IsZero() {
			e.LastMod = p.Modified.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, e)
	}
	b, err := xml.MarshalIndent(set, "", " ")
	if err != nil {
		return nil, err
	}
	robots := strings.Join([]string{
		"User-agent: *",
		"Allow: /",
		"Sitemap: " + base + "sitemap.xml",
		"",
	}, "\n")
	return []output.File{
		{Path: "sitemap.xml", Data: append([]byte(xml.Header), b...)},
		{Path: "robots.txt", Data: []byte(robots)},
	}, nil
}

// PagesOf returns the planned pages the sitemap lists, with their dates:
// every index.html page except those search engines should leave out.
func PagesOf(plan []render.Planned) []Page {
	var pages []Page
	for _, p := range plan {
		if (strings.HasSuffix(p.Path, "/index.html") || p.Path == "index.html") && !p.Page.NoIndex() {
			pages = append(pages, Page{URL: strings.TrimSuffix(p.Path, "index.html"), Modified: p.Page.Modified()})
		}
	}
	return pages
}
