package build

import (
	"strings"

	"alliance/internal/render"
	"alliance/internal/sitemap"
)

// sitemapPages are the planned pages the sitemap lists, with their dates:
// every index.html page except the noindex ones.
func sitemapPages(plan []render.Planned) []sitemap.Page {
	var pages []sitemap.Page
	for _, p := range plan {
		if (strings.HasSuffix(p.Path, "/index.html") || p.Path == "index.html") && !p.Page.NoIndex() {
			pages = append(pages, sitemap.Page{URL: strings.TrimSuffix(p.Path, "index.html"), Modified: p.Page.Modified()})
		}
	}
	return pages
}
