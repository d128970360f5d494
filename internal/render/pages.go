package render

import (
	"sort"
	"strconv"
	"time"

	"alliance/internal/config"
	"alliance/internal/model"
)

// Page is what a layout receives as "." .
type Page struct {
	Site   *SiteView // read by layouts through methods that record what the page reads
	Config *config.Site
	Kind   string // the layout: home, notice, notices, …
	Title  string // for <title>; empty on the home page
	URL    string // site-relative, such as "notices/a/"; "" for the home page
	Lang   string // language of the main content when it differs from the site's

	Notice    *model.Notice
	Report    *model.Report
	Page      *model.Page
	Directory *model.Directory
	Template  *model.Template
	Tag       *TagRef // on a tag's pages: the tag; its lists are read through methods that record

	Notices []*model.Notice // the notices a list shows
	Reports []*model.Report // the reports a list shows
	Pinned  []*model.Notice // home: pinned notices
	Open    []*model.Notice // home: notices whose deadline is still open
	Pager   *Pager
	Year    int   // notices of one year
	Years   []int // every year with notices, newest first
}

// Params is the [params] table of the notice, report, page, member
// directory or template the page shows: the clerk's own settings, for a
// custom layout (.Params.KEY). It is nil on lists.
func (p *Page) Params() map[string]any {
	switch {
	case p.Notice != nil:
		return p.Notice.Params
	case p.Report != nil:
		return p.Report.Params
	case p.Page != nil:
		return p.Page.Params
	case p.Directory != nil:
		return p.Directory.Params
	case p.Template != nil:
		return p.Template.Params
	}
	return nil
}

// Source returns the site-relative file the page shows, for messages about
// its output; "" for lists and other pages the build makes itself.
func (p *Page) Source() string {
	switch {
	case p.Notice != nil && p.Kind == "notice":
		return p.Notice.Source
	case p.Report != nil && p.Kind == "report":
		return p.Report.Source
	case p.Page != nil:
		return p.Page.Source
	case p.Directory != nil:
		return p.Directory.Source
	case p.Template != nil:
		return p.Template.Source
	}
	return ""
}

// NoIndex reports whether search engines should leave the page out: the
// print views repeat their template's page. Such a page carries a robots
// noindex tag and is left out of the sitemap, both decided here.
func (p *Page) NoIndex() bool { return p.Kind == "template-print" }

// Modified returns the date the page last changed, for the sitemap's lastmod:
// a notice's publish date, a report's or page's date, a directory's founding
// date, and on lists the newest date of what they list. It is zero when the
// page has no date, such as a template or the search page.
func (p *Page) Modified() time.Time {
	var t time.Time
	later := func(d time.Time) {
		if d.After(t) {
			t = d
		}
	}
	switch p.Kind {
	case "notice":
		return p.Notice.PublishDate
	case "report":
		return p.Report.Date
	case "page":
		return p.Page.Date
	case "directory":
		return p.Directory.Founded
	case "directories":
		for _, d := range p.Site.Directories() {
			later(d.Founded)
		}
	case "tags":
		for _, tg := range p.Site.Tags() {
			for _, n := range tg.Notices {
				later(n.PublishDate)
			}
			for _, r := range tg.Reports {
				later(r.Date)
			}
		}
	}
	for _, n := range p.Notices {
		later(n.PublishDate)
	}
	for _, r := range p.Reports {
		later(r.Date)
	}
	for _, n := range p.Pinned {
		later(n.PublishDate)
	}
	return t
}

// Pager links the pages of a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // site-relative URLs; "" at the ends
	Pages         []PagerLink
}

// PagerLink is one numbered link of a pager.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool // stands for pages left out between two links
}

// plan lists every page the site has.
func plan(site *model.Site) []Planned {
	cfg := site.Config
	pl := planner{view: &SiteView{m: site}, cfg: cfg}
	view, base := pl.view, pl.base
	var jobs []Planned
	add := func(p *Page) { jobs = append(jobs, p.planned()) }

	home := base("home", "", "")
	for _, n := range site.Notices {
		if n.Pinned {
			home.Pinned = append(home.Pinned, n)
		}
		if n.Deadline.Open(site.Now) {
			home.Open = append(home.Open, n)
		}
	}
	home.Notices = firstN(site.Notices, 8)
	home.Reports = firstNR(site.Reports, 4)
	add(home)

	// Notices: paginated list, paginated lists per year, one page per notice.
	years := noticeYears(site.Notices)
	per := cfg.PerPage
	for _, p := range paginate(len(site.Notices), per, "notices/", func(url string, lo, hi int) *Page {
		p := base("notices", "", url)
		p.Notices, p.Years = site.Notices[lo:hi], years
		return p
	}) {
		add(p)
	}
	for _, y := range years {
		var ns []*model.Notice
		for _, n := range site.Notices {
			if n.PublishDate.Year() == y {
				ns = append(ns, n)
			}
		}
		for _, p := range paginate(len(ns), per, "notices/"+strconv.Itoa(y)+"/", func(url string, lo, hi int) *Page {
			p := base("notices", strconv.Itoa(y)+"年", url)
			p.Year, p.Years, p.Notices = y, years, ns[lo:hi]
			return p
		}) {
			add(p)
		}
	}
	for _, n := range site.Notices {
		add(pl.notice(n))
	}

	for _, p := range paginate(len(site.Reports), per, "reports/", func(url string, lo, hi int) *Page {
		p := base("reports", "", url)
		p.Reports = site.Reports[lo:hi]
		return p
	}) {
		add(p)
	}
	for _, r := range site.Reports {
		add(pl.report(r))
	}

	add(base("directories", "", "directories/"))
	for _, d := range site.Directories {
		p := base("directory", d.Name, d.URL)
		p.Directory = d
		add(p)
	}
	add(base("templates", "", "templates/"))
	for _, t := range site.Templates {
		p := base("template", t.Title, t.URL)
		p.Template = t
		add(p)
		pp := base("template-print", t.Title, t.URL+"print/")
		pp.Template = t
		add(pp)
	}

	add(base("tags", "", "tags/"))
	for _, t := range site.Tags {
		// Reports, usually few, are listed on the first page of a tag.
		for _, p := range paginate(len(t.Notices), per, t.URL, func(url string, lo, hi int) *Page {
			p := base("tag", t.Name, url)
			p.Tag, p.Notices = view.tagRef(t), t.Notices[lo:hi]
			if lo == 0 {
				p.Reports = t.Reports
			}
			return p
		}) {
			add(p)
		}
	}
	for _, pg := range site.Pages {
		add(pl.page(pg))
	}
	add(base("search", "", "search/"))
	add(base("404", "", "404/"))
	return jobs
}

// planner makes the pages of one site.
type planner struct {
	view *SiteView
	cfg  *config.Site
}

func (pl planner) base(kind, title, url string) *Page {
	return &Page{Site: pl.view, Config: pl.cfg, Kind: kind, Title: title, URL: url}
}

// notice, report and page make the page of one document.
func (pl planner) notice(n *model.Notice) *Page {
	p := pl.base("notice", n.Title, n.URL)
	p.Notice, p.Lang = n, n.Lang
	return p
}

func (pl planner) report(r *model.Report) *Page {
	p := pl.base("report", r.Title, r.URL)
	p.Report, p.Lang = r, r.Lang
	return p
}

func (pl planner) page(pg *model.Page) *Page {
	p := pl.base("page", pg.Title, pg.URL)
	p.Page, p.Lang = pg, pg.Lang
	return p
}

// planned is p with the file it becomes.
func (p *Page) planned() Planned {
	path := p.URL + "index.html"
	if p.Kind == "404" {
		path = "404.html"
	}
	return Planned{Path: path, Page: p}
}

// paginate splits count items into pages of per: the first at url, the
// others at url + "page/N/". mk makes the page showing items lo to hi at its
// URL; paginate adds the pager. There is always at least one page.
func paginate(count, per int, url string, mk func(url string, lo, hi int) *Page) []*Page {
	total := max(1, (count+per-1)/per)
	link := func(n int) string {
		if n == 1 {
			return url
		}
		return url + "page/" + strconv.Itoa(n) + "/"
	}
	pages := make([]*Page, 0, total)
	for i := 1; i <= total; i++ {
		p := mk(link(i), (i-1)*per, min(i*per, count))
		p.Pager = pager(i, total, link)
		pages = append(pages, p)
	}
	return pages
}

// pager links the first and last page and the two on each side of the
// current one, with gaps between, so a list of a thousand pages does not put
// a thousand links on each of them.
func pager(n, total int, url func(int) string) *Pager {
	p := &Pager{Number: n, Total: total}
	if n > 1 {
		p.Prev = url(n - 1)
	}
	if n < total {
		p.Next = url(n + 1)
	}
	last := 0
	for i := 1; i <= total; i++ {
		if i != 1 && i != total && (i < n-2 || i > n+2) {
			continue
		}
		if last != 0 && i > last+1 {
			p.Pages = append(p.Pages, PagerLink{Gap: true})
		}
		p.Pages = append(p.Pages, PagerLink{Number: i, URL: url(i), Current: i == n})
		last = i
	}
	return p
}

func noticeYears(ns []*model.Notice) []int {
	seen := map[int]bool{}
	var ys []int
	for _, n := range ns {
		if y := n.PublishDate.Year(); !seen[y] {
			seen[y] = true
			ys = append(ys, y)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ys)))
	return ys
}

func firstN(ns []*model.Notice, n int) []*model.Notice {
	if len(ns) > n {
		return ns[:n]
	}
	return ns
}

func firstNR(rs []*model.Report, n int) []*model.Report {
	if len(rs) > n {
		return rs[:n]
	}
	return rs
}
