package check

import (
	"html"
	"net/url"
	"path"
	"regexp"
	"strings"

	"alliance/internal/catalog"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/parallel"
)

// index remembers every file the build would write and the element ids of
// every HTML page, the targets links and anchors may point to.
func (c *checker) index(paths []string, pages []output.File) {
	c.built = true
	c.paths = make(map[string]bool, len(paths))
	for _, p := range paths {
		c.paths[p] = true
	}
	sets := make([]map[string]bool, len(pages))
	parallel.Each(len(pages), func(i int) {
		set := map[string]bool{}
		for _, m := range idAttr.FindAllSubmatch(pages[i].Data, -1) {
			set[html.UnescapeString(string(m[1]))] = true
		}
		sets[i] = set
	})
	c.ids = make(map[string]map[string]bool, len(pages))
	for i, p := range pages {
		c.ids[p.Path] = sets[i]
	}
}

var idAttr = regexp.MustCompile(`\sid="([^"]*)"`)

// Markdown links and images as written: [text](dest "title"), ![alt](dest),
// [label]: dest, and <https://…> autolinks are left alone.
var (
	inlineLink = regexp.MustCompile(`(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(<[^>]*>|[^\s)]*)`)
	refDef     = regexp.MustCompile(`^\s{0,3}\[[^\]^][^\]]*\]:\s*(<[^>]*>|\S+)`)
)

// images warns about Markdown images without alt text.
func (c *checker) images(d *model.Doc, src *source) {
	src.textLines(func(l string, n int) {
		for _, m := range inlineLink.FindAllStringSubmatch(l, -1) {
			if m[1] == "!" && strings.TrimSpace(m[2]) == "" {
				c.dl.Warnf(d.Source, n, "describe the image between the brackets: ![联盟授牌仪式现场](photo.jpg)",
					"image %s has no alt text for readers who cannot see it", strings.Trim(m[3], "<>"))
			}
		}
		if lower := strings.ToLower(l); strings.Contains(lower, "<img") && !strings.Contains(lower, "alt=") {
			c.dl.Warnf(d.Source, n, `add alt="…" describing the image`, "an <img> has no alt text for readers who cannot see it")
		}
	})
}

// links warns about links in the text to pages, files or anchors the site
// does not have.
func (c *checker) links(d *model.Doc, src *source) {
	if !c.built {
		return
	}
	src.textLines(func(l string, n int) {
		var dests []string
		for _, m := range inlineLink.FindAllStringSubmatch(l, -1) {
			if m[1] == "" {
				dests = append(dests, m[3])
			}
		}
		if m := refDef.FindStringSubmatch(l); m != nil {
			dests = append(dests, m[1])
		}
		for _, dest := range dests {
			if msg := c.target(d.URL, strings.Trim(dest, "<>")); msg != "" {
				c.dl.Warnf(d.Source, n, "correct the link; site pages are linked as /notices/NAME/ and headings as #anchor", "link %s: %s", dest, msg)
			}
		}
	})
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
	if u.Fragment != "" && page != "" && !c.ids[page][u.Fragment] {
		if u.Path == "" {
			return catalog.Sprintf("there is no heading or anchor #%s on this page", u.Fragment)
		}
		return catalog.Sprintf("there is no heading or anchor #%s on /%s", u.Fragment, rel)
	}
	return ""
}
