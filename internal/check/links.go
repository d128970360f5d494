package check

import (
	"html"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"

	"alliance/internal/catalog"
	"alliance/internal/model"
	"alliance/internal/render"
)

// index remembers every file the build would write and the pages of the
// plan, the targets links and anchors may point to.
func (c *checker) index(paths []string, planned []render.Planned, theme *render.Theme) {
	c.built = true
	c.paths = make(map[string]bool, len(paths))
	for _, p := range paths {
		c.paths[p] = true
	}
	c.pages = &pages{theme: theme, byPath: make(map[string]render.Planned, len(planned)), rendered: map[string]map[string]bool{}}
	for _, p := range planned {
		c.pages.byPath[p.Path] = p
	}
}

// pages finds the element ids of the site's HTML pages: the anchors of a
// text's headings and of a directory's members from the model, and any
// other (one a layout writes, a footnote's) by rendering that one page.
type pages struct {
	theme  *render.Theme
	byPath map[string]render.Planned

	mu       sync.Mutex
	rendered map[string]map[string]bool // page path → ids on it, for pages rendered
}

// has reports whether the page at path has an element with the given id.
func (ps *pages) has(path, id string) bool {
	p, ok := ps.byPath[path]
	if !ok {
		return false
	}
	var body *model.Body
	switch {
	case p.Page.Notice != nil && p.Page.Kind == "notice":
		body = &p.Page.Notice.Body
	case p.Page.Report != nil && p.Page.Kind == "report":
		body = &p.Page.Report.Body
	case p.Page.Page != nil:
		body = &p.Page.Page.Body
	case p.Page.Directory != nil && p.Page.Kind == "directory":
		for _, m := range p.Page.Directory.AllMembers() {
			if m.ID == id {
				return true
			}
		}
	}
	if body != nil {
		for _, h := range body.Headings {
			if h.ID == id {
				return true
			}
		}
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ids, ok := ps.rendered[path]
	if !ok {
		ids = map[string]bool{}
		if files, err := render.Render([]render.Planned{p}, ps.theme); err == nil {
			for _, m := range idAttr.FindAllSubmatch(files[0].Data, -1) {
				ids[html.UnescapeString(string(m[1]))] = true
			}
		}
		ps.rendered[path] = ids
	}
	return ids[id]
}

var idAttr = regexp.MustCompile(`\sid="([^"]*)"`)

// images warns about images without alt text, in Markdown or raw HTML.
func (c *checker) images(d *model.Doc, t *text) {
	for _, im := range t.noAlt {
		if im.dest == "" {
			c.dl.Warnf(d.Source, im.line, `add alt="…" describing the image`, "an <img> has no alt text for readers who cannot see it")
			continue
		}
		c.dl.Warnf(d.Source, im.line, "describe the image between the brackets: ![联盟授牌仪式现场](photo.jpg)",
			"image %s has no alt text for readers who cannot see it", im.dest)
	}
}

// links warns about links in the text to pages, files or anchors the site
// does not have.
func (c *checker) links(d *model.Doc, t *text) {
	if !c.built {
		return
	}
	for _, l := range t.links {
		if msg := c.target(d.URL, l.dest); msg != "" {
			c.dl.Warnf(d.Source, l.line, "correct the link; site pages are linked as /notices/NAME/ and headings as #anchor", "link %s: %s", l.dest, msg)
		}
	}
}

// target resolves a link written on the page at pageURL (site-relative) and
// says what is wrong with it, or "" when it leads somewhere that exists.
// Links to other sites are not followed.
func (c *checker) target(pageURL, dest string) string {
	if dest == "" {
		return ""
	}
	base := c.site.Config.BaseURL
	if strings.HasPrefix(dest, base) && strings.Contains(base, "://") {
		dest = "/" + strings.TrimPrefix(dest, base)
	}
	u, err := url.Parse(dest)
	if err != nil {
		return catalog.T("cannot be read as a URL")
	}
	if u.Scheme != "" || u.Host != "" {
		return "" // another site, mailto:, tel:
	}
	p := u.Path
	switch {
	case p == "":
		p = "/" + pageURL
	case !strings.HasPrefix(p, "/"):
		p = (&url.URL{Path: "/" + pageURL}).ResolveReference(&url.URL{Path: p}).Path
	}
	rel := strings.TrimPrefix(p, "/")
	if strings.HasPrefix(path.Clean(p), "/..") {
		return catalog.T("leads outside the site")
	}
	page := ""
	switch {
	case rel == "" || strings.HasSuffix(rel, "/"):
		if c.paths[rel+"index.html"] {
			page = rel + "index.html"
		}
	case c.paths[rel]:
		if strings.HasSuffix(rel, ".html") {
			page = rel
		}
	case c.paths[rel+"/index.html"]:
		page = rel + "/index.html"
	}
	if page == "" && !c.paths[rel] {
		return catalog.Sprintf("the site has no page or file /%s", rel)
	}
	if u.Fragment != "" && page != "" && !c.pages.has(page, u.Fragment) {
		if u.Path == "" {
			return catalog.Sprintf("there is no heading or anchor #%s on this page", u.Fragment)
		}
		return catalog.Sprintf("there is no heading or anchor #%s on /%s", u.Fragment, rel)
	}
	return ""
}
