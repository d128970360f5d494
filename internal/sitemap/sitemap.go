// Package sitemap writes sitemap.xml and robots.txt, so search engines find
// every published page.
package sitemap

import (
	"encoding/xml"
	"sort"
	"strings"

	"alliance/internal/model"
	"alliance/internal/output"
)

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []entry  `xml:"url"`
}

type entry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Build returns sitemap.xml and robots.txt for pages, the site-relative URLs
// of every HTML page except 404.html.
func Build(site *model.Site, pages []string) ([]output.File, error) {
	base := site.Config.BaseURL
	lastmod := map[string]string{}
	for _, n := range site.Notices {
		lastmod[n.URL] = n.PublishDate.Format("2006-01-02")
	}
	for _, r := range site.Reports {
		lastmod[r.URL] = r.Date.Format("2006-01-02")
	}
	sorted := append([]string(nil), pages...)
	sort.Strings(sorted)
	var set urlset
	for _, p := range sorted {
		set.URLs = append(set.URLs, entry{Loc: base + p, LastMod: lastmod[p]})
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
