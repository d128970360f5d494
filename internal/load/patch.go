package load

import (
	"path/filepath"
	"slices"
	"strings"
	"time"

	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/sitefs"
)

// Patched is a site with some of its Markdown files read again, and the
// documents read from them: the pages to show at once.
type Patched struct {
	Site    *model.Site
	Notices []*model.Notice
	Reports []*model.Report
	Pages   []*model.Page
}

// Patch returns the site prev with the Markdown files changed (relative to
// the site folder dir, forward slashes) read again: the dev server shows
// their pages from it while the whole site is built again. It reads only
// those files. It returns nil when a patch cannot stand for the change: a
// file that is not the source of a page prev has (new, removed, held back,
// or not Markdown), one that now has problems, another address or other
// tags. prev is not changed; the site returned shares everything else
// with it, so its lists, tags and the pages of other files are as prev
// has them until the build. Apart from finding each file's document, its
// work does not grow with the site: the documents are sorted again only
// when a date they are sorted by changed.
func Patch(dir string, prev *model.Site, changed []string, opts Options) *Patched {
	if prev == nil || len(changed) == 0 {
		return nil
	}
	root, err := sitefs.Open(dir)
	if err != nil {
		return nil
	}
	if opts.Now.IsZero() {
		opts.Now = prev.Now
	}
	site := *prev
	site.Notices = slices.Clone(prev.Notices)
	site.Reports = slices.Clone(prev.Reports)
	site.Pages = slices.Clone(prev.Pages)
	site.Files = slices.Clip(prev.Files) // appended to, never shared
	site.Held = map[string]int{}
	site.Late = &model.Late{}
	p := &Patched{Site: &site}
	var dl diag.List
	l := newLoader(dir, root, prev.Config, opts, &dl, &site)
	var resortNotices, resortReports bool
	for _, rel := range changed {
		src, ok := sourceAt(dir, rel)
		if !ok {
			return nil
		}
		l.only = []source{src}
		switch sectionOf(rel) {
		case "notices":
			ok = patchIn(site.Notices, l.notices(), rel, noticeDate, &p.Notices, &resortNotices)
		case "reports":
			ok = patchIn(site.Reports, l.reports(), rel, reportDate, &p.Reports, &resortReports)
		default:
			ok = patchIn(site.Pages, l.pages(), rel, nil, &p.Pages, nil)
		}
		if !ok {
			return nil
		}
	}
	l.linkAttachments()
	if dl.HasErrors() {
		return nil
	}
	// In the order Site gives them, which a new date can change.
	if resortNotices {
		newestFirst(site.Notices, noticeDate)
	}
	if resortReports {
		newestFirst(site.Reports, reportDate)
	}
	return p
}

// document is a notice, report or page.
type document interface{ Document() *model.Doc }

// patchIn puts the one document of got in the place of the document of
// docs read from rel, and adds it to read. It cannot when got does not
// hold exactly one document, docs none from rel, or the two differ in
// address or tags. When the date docs are sorted by (date, when not nil)
// changed, it sets resort.
func patchIn[D document](docs, got []D, rel string, date func(D) time.Time, read *[]D, resort *bool) bool {
	if len(got) != 1 {
		return false
	}
	now := got[0]
	n := now.Document()
	for i, old := range docs {
		o := old.Document()
		if o.Source != rel {
			continue
		}
		if o.URL != n.URL || !slices.Equal(o.Tags, n.Tags) {
			return false
		}
		docs[i] = now
		*read = append(*read, now)
		if date != nil && !date(old).Equal(date(now)) {
			*resort = true
		}
		return true
	}
	return false
}

// sourceAt is the Markdown file rel as sources lists it, when rel is one:
// content/NAME.md, content/SECTION/NAME.md or content/SECTION/NAME/index.md.
func sourceAt(dir, rel string) (source, bool) {
	parts := strings.Split(rel, "/")
	if parts[0] != "content" || !isMarkdown(rel) || slices.ContainsFunc(parts, skipped) {
		return source{}, false
	}
	abs := filepath.Join(dir, filepath.FromSlash(rel))
	section := len(parts) > 2 && (parts[1] == "notices" || parts[1] == "reports")
	switch {
	case len(parts) == 2, len(parts) == 3 && section:
		return fileSource(abs, rel), true
	case len(parts) == 4 && section && parts[3] == "index.md":
		return bundleSource(filepath.Dir(abs), rel), true
	}
	return source{}, false
}

// sectionOf is the section of the Markdown file rel, as sources names it:
// "notices", "reports", or "" for a plain page.
func sectionOf(rel string) string {
	parts := strings.Split(rel, "/")
	if len(parts) > 2 {
		return parts[1]
	}
	return ""
}
