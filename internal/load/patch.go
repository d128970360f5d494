package load

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/sitefs"
)

// Patch returns the site prev with the Markdown files changed (relative to
// the site folder dir, forward slashes) read again: the dev server shows
// their pages from it while the whole site is built again. It reads only
// those files. It returns nil when a patch cannot stand for the change: a
// file that is not the source of a page prev has (new, removed, held back,
// or not Markdown), one that now has problems, another address or other
// tags. prev is not changed; the site returned shares everything else
// with it, so its lists, tags and the pages of other files are as prev
// has them until the build.
func Patch(dir string, prev *model.Site, changed []string, opts Options) *model.Site {
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
	var dl diag.List
	l := newLoader(dir, root, prev.Config, opts, &dl, &site)
	for _, rel := range changed {
		src, ok := sourceAt(dir, rel)
		if !ok {
			return nil
		}
		l.only = []source{src}
		switch sectionOf(rel) {
		case "notices":
			if !replace(site.Notices, l.notices(), rel, func(n *model.Notice) *model.Doc { return &n.Doc }) {
				return nil
			}
		case "reports":
			if !replace(site.Reports, l.reports(), rel, func(r *model.Report) *model.Doc { return &r.Doc }) {
				return nil
			}
		default:
			if !replace(site.Pages, l.pages(), rel, func(p *model.Page) *model.Doc { return &p.Doc }) {
				return nil
			}
		}
	}
	l.linkAttachments()
	if dl.HasErrors() {
		return nil
	}
	// In the order Site gives them, which a new date can change.
	sort.SliceStable(site.Notices, func(i, j int) bool { return site.Notices[i].PublishDate.After(site.Notices[j].PublishDate) })
	sort.SliceStable(site.Reports, func(i, j int) bool { return site.Reports[i].Date.After(site.Reports[j].Date) })
	return &site
}

// replace puts the one document of got in the place of the document of
// docs read from rel, and reports whether it could: got holds exactly one
// document, docs one from rel, and the two have the same address and tags.
func replace[D any](docs, got []D, rel string, doc func(D) *model.Doc) bool {
	if len(got) != 1 {
		return false
	}
	for i, d := range docs {
		old, now := doc(d), doc(got[0])
		if old.Source != rel {
			continue
		}
		if old.URL != now.URL || !slices.Equal(old.Tags, now.Tags) {
			return false
		}
		docs[i] = got[0]
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
