package render

import (
	"strconv"
	"time"

	"alliance/internal/config"
	"alliance/internal/engine"
	"alliance/internal/model"
)

// Names of the parts of a site a layout can read through .Site, as a page's
// recorded inputs (see engine): a page depends on what it shows (its Page)
// and on the parts of the site its layouts read beyond that.
const (
	DepNotices     = "site.Notices"
	DepReports     = "site.Reports"
	DepPages       = "site.Pages"
	DepDirectories = "site.Directories"
	DepTemplates   = "site.Templates"
	DepTags        = "site.Tags"
	DepFiles       = "site.Files"
	DepHeld        = "site.Held"
	DepNow         = "site.Now"
	DepTag         = "site.Tag:"      // + name: the tag's name, spellings and URL
	DepTagLists    = "site.TagLists:" // + name: the notices and reports of the tag
	DepOpen        = "open:"          // + a deadline in Unix nanoseconds: whether it is still open
)

// Collections names the site's collections of documents, in the order the
// build engine hashes them: every part a page can show of another.
var Collections = []string{DepNotices, DepReports, DepPages, DepDirectories, DepTemplates, DepTags}

// SiteView is the site as layouts see it (.Site). Its methods return the
// model's values and record, while a page renders, which of them the page
// read, so that the page is made again when one of them changes and only
// then. Nothing is decided by reading a layout's text.
type SiteView struct {
	m *model.Site
	w *worker // the worker rendering the page; nil outside rendering
}

func (s *SiteView) use(name string) {
	if s.w != nil {
		s.w.rec.Use(name)
	}
}

// Model returns the site the view shows, for Go code.
func (s *SiteView) Model() *model.Site { return s.m }

// Config returns the site's settings (site.toml), which every page depends on.
func (s *SiteView) Config() *config.Site { return s.m.Config }

// Notices returns every published notice, newest first.
func (s *SiteView) Notices() []*model.Notice { s.use(DepNotices); return s.m.Notices }

// Reports returns every published report, newest first.
func (s *SiteView) Reports() []*model.Report { s.use(DepReports); return s.m.Reports }

// Pages returns the plain pages.
func (s *SiteView) Pages() []*model.Page { s.use(DepPages); return s.m.Pages }

// Directories returns the member directories, by ID.
func (s *SiteView) Directories() []*model.Directory {
	s.use(DepDirectories)
	return s.m.Directories
}

// Templates returns the application templates, by ID.
func (s *SiteView) Templates() []*model.Template { s.use(DepTemplates); return s.m.Templates }

// Tags returns every tag, by name.
func (s *SiteView) Tags() []*model.Tag { s.use(DepTags); return s.m.Tags }

// Files returns the files published as they are.
func (s *SiteView) Files() []model.File { s.use(DepFiles); return s.m.Files }

// Held counts the pages left out of the build, by reason.
func (s *SiteView) Held() map[string]int { s.use(DepHeld); return s.m.Held }

// Now is the build's clock. A page that reads it depends on the day and on
// which deadlines of the site have passed (see NowSum).
func (s *SiteView) Now() time.Time { s.use(DepNow); return s.m.Now }

// TagNamed returns the tag called name in any of its spellings, or nil. A
// page that links a tag depends on its name and URL; on its notices and
// reports only when it reads them.
func (s *SiteView) TagNamed(name string) *TagRef {
	s.use(DepTag + name)
	t := s.m.TagNamed(name)
	if t == nil {
		return nil
	}
	return s.tagRef(t)
}

func (s *SiteView) tagRef(t *model.Tag) *TagRef {
	return &TagRef{Name: t.Name, Names: t.Names, Slug: t.Slug, URL: t.URL, t: t, s: s}
}

// TagRef is a tag as TagNamed gives it.
type TagRef struct {
	Name  string
	Names []string
	Slug  string
	URL   string
	t     *model.Tag
	s     *SiteView
}

// ContentSum names the tag by what it shows without its lists, for the
// build engine (engine.Summer): a page that reads the lists records so.
func (r TagRef) ContentSum() [32]byte {
	h := engine.NewHasher().String("tag").String(r.Name).String(r.Slug).String(r.URL)
	for _, n := range r.Names {
		h.String(n)
	}
	return h.Done()
}

// Notices returns the tag's notices, newest first.
func (r *TagRef) Notices() []*model.Notice { r.s.use(DepTagLists + r.Name); return r.t.Notices }

// Reports returns the tag's reports, newest first.
func (r *TagRef) Reports() []*model.Report { r.s.use(DepTagLists + r.Name); return r.t.Reports }

// DepSum returns the value of the site input called name (one of the Dep
// names), for a page's record; false when the site has no such input. v
// hashes the model; values are worth remembering in it for the whole build.
func DepSum(site *model.Site, v *engine.Values, name string) (engine.Sum, bool) {
	switch name {
	case DepNotices:
		return v.Of(site.Notices), true
	case DepReports:
		return v.Of(site.Reports), true
	case DepPages:
		return v.Of(site.Pages), true
	case DepDirectories:
		return v.Of(site.Directories), true
	case DepTemplates:
		return v.Of(site.Templates), true
	case DepTags:
		return v.Of(site.Tags), true
	case DepFiles:
		return v.Of(site.Files), true
	case DepHeld:
		return v.Of(site.Held), true
	case DepNow:
		return NowSum(site), true
	}
	if v, ok := cutPrefix(name, DepOpen); ok {
		ns, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return engine.Sum{}, false
		}
		d := model.Deadline{Time: time.Unix(0, ns)}
		return engine.NewHasher().Bool(d.Open(site.Now)).Done(), true
	}
	if name, ok := cutPrefix(name, DepTag); ok {
		t := site.TagNamed(name)
		if t == nil {
			return engine.Of("no tag"), true
		}
		return TagRef{Name: t.Name, Names: t.Names, Slug: t.Slug, URL: t.URL}.ContentSum(), true
	}
	if name, ok := cutPrefix(name, DepTagLists); ok {
		t := site.TagNamed(name)
		if t == nil {
			return engine.Of("no tag"), true
		}
		return engine.NewHasher().Sum(v.Of(t.Notices)).Sum(v.Of(t.Reports)).Done(), true
	}
	return engine.Sum{}, false
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return "", false
}

// NowSum is what a page that reads the clock (.Site.Now) depends on: the
// day, in the site's time zone. Whether a deadline has passed is recorded
// by the open function for each deadline a page shows (DepOpen), so a page
// that only shows deadlines does not read the clock itself.
func NowSum(site *model.Site) engine.Sum {
	return engine.Of("day", site.Now.Format("2006-01-02 MST"))
}
