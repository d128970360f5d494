package build

import (
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/downloads"
	"alliance/internal/feed"
	"alliance/internal/images"
	"alliance/internal/load"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/render"
	"alliance/internal/search"
	"alliance/internal/sitefs"
	"alliance/internal/sitemap"
)

// Session keeps a site built in a private folder up to date while its
// sources change, for the dev server. A change to notices loads those files
// again and rewrites only the pages that show them (the notice, the lists,
// the home, year and tag pages) and the feed; the search index and the
// downloads they affect are made again when they are next asked for. Any
// other change builds the whole site again, into a second folder that takes
// the first one's place when it is complete. Methods other than Dir and
// remake makes the stale search index and the downloads under prefixes from
// site, holding off Relink meanwhile so the templates it reads stay still.
func (s *Session) remake(site *model.Site, stale bool, prefixes []string) ([]output.File, error) {
	s.shared.RLock()
	defer s.shared.RUnlock()
	var out []output.File
	if stale {
		fs, err := search.Build(site)
		if err != nil {
			return nil, catalog.Errorf("search index: %w", err)
		}
		// New files first and meta.json, which names them, last.
		meta := slices.IndexFunc(fs, func(f output.File) bool { return f.Path == search.MetaFile })
		if meta >= 0 {
			fs = append(append(fs[:meta:meta], fs[meta+1:]...), fs[meta])
		}
		out = append(out, fs...)
	}
	if len(prefixes) > 0 {
		fs, err := downloads.Build(site)
		if err != nil {
			return nil, catalog.Errorf("template downloads: %w", err)
		}
		for _, f := range fs {
			if slices.ContainsFunc(prefixes, func(pre string) bool { return strings.HasPrefix(f.Path, pre) }) {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// Ensure must not be called concurrently.
type Session struct {
	opts Options
	tmp  string    // private folder holding the two builds
	dirs [2]string // the two builds; cur is served
	cur  int
	mu   sync.RWMutex // guards cur
	wmu  sync.Mutex   // held while the served folder is written; guards gen and minifier
	gen  int          // counts changes, so that outputs made on demand for an older site are not written

	site     *model.Site
	theme    *render.Theme
	minifier *output.Minifier
	plan     []render.Planned
	notices  map[string]*model.Notice // published notices by source file
	global   bool                     // a layout reads .Site.Notices itself: every notice change builds everything
	broken   bool                     // the last full build failed
	problems map[string]diag.Errors   // errors of notice files loaded on their own, by file

	written func(pages []string) // told as soon as pages are written, before Apply returns

	// Outputs that are stale after incremental changes, made on demand by Ensure.
	ensure       sync.Mutex   // one Ensure at a time
	shared       sync.RWMutex // guards model values two sites share (a template's submission) while Relink writes them
	lazy         sync.Mutex   // guards current, searchStale and downloadsFor
	current      *model.Site  // s.site, for Ensure
	searchStale  bool
	downloadsFor map[string]bool // URL prefixes whose downloads are stale
}

// Change says what a Session did about a change to the sources.
type Change struct {
	Full     bool              // the whole site was built again
	Pages    []string          // after an incremental change, the HTML files rewritten ("notices/a/index.html")
	Removed  []string          // after an incremental change, the files removed
	Styles   map[string]string // when only stylesheets changed: their names ("css/main.css") → published paths
	Summary  *Summary          // after a full build
	Warnings []diag.Problem
	Duration time.Duration
}

// NewSession prepares a session that builds the site of opts.Source into a
// private temporary folder; opts.Destination is not used. Call Build first.
func NewSession(opts Options) (*Session, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	tmp, err := os.MkdirTemp("", "alliance-serve-")
	if err != nil {
		return nil, err
	}
	s := &Session{opts: opts, tmp: tmp, problems: map[string]diag.Errors{}, downloadsFor: map[string]bool{}}
	s.dirs = [2]string{filepath.Join(tmp, "a"), filepath.Join(tmp, "b")}
	return s, nil
}

// OnWritten sets a function told the output paths of the HTML pages written
// during Apply, group by group as they are written: the changed notices' own
// pages first, then the lists and other pages that show them. The dev server
// reloads open pages from it without waiting for the rest.
func (s *Session) OnWritten(f func(pages []string)) { s.written = f }

// Dir returns the folder holding the current build. It changes after a full
// build; ask again for every request.
func (s *Session) Dir() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.dirs[s.cur]
}

// Site returns the site as last built; it is safe to call concurrently.
func (s *Session) Site() *model.Site {
	s.lazy.Lock()
	defer s.lazy.Unlock()
	return s.current
}

// bump starts a change: outputs made on demand for the site before it are
// not written any more.
func (s *Session) bump() {
	s.wmu.Lock()
	s.gen++
	s.wmu.Unlock()
}

// Close removes the private folder.
func (s *Session) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return os.RemoveAll(s.tmp)
}

// Build builds the whole site. On failure the previous build stays in place
// and the next change builds the whole site again.
func (s *Session) Build() (*Change, error) {
	start := time.Now()
	s.bump()
	next := 1 - s.cur
	o := s.opts
	o.Destination = s.dirs[next]
	o.Progress = nil
	sum, err := Run(o)
	ch := &Change{Full: true, Summary: sum}
	if sum != nil {
		ch.Warnings = sum.Warnings
	}
	if err != nil {
		s.broken = true
		ch.Duration = time.Since(start)
		return ch, err
	}
	// The theme again, as Run made it, for the pages rendered after a change.
	var dl diag.List
	var minifier *output.Minifier
	if !o.NoMinify {
		minifier = output.NewMinifier()
	}
	th := render.LoadTheme(o.Source, sum.Site.Config, minifier, &dl)
	if err := dl.Err(); err != nil {
		s.broken = true
		return ch, err
	}
	// Ensure may be writing meanwhile: the minifier changes with the folder.
	s.wmu.Lock()
	s.mu.Lock()
	s.cur = next
	s.mu.Unlock()
	s.minifier = minifier
	s.wmu.Unlock()
	s.site, s.theme, s.plan = sum.Site, th, render.Plan(sum.Site)
	s.notices = map[string]*model.Notice{}
	for _, n := range s.site.Notices {
		s.notices[n.Source] = n
	}
	s.global = layoutsRead(o.Source, sum.Site.Config.Theme, ".Site.Notices")
	s.broken = false
	clear(s.problems)
	s.lazy.Lock()
	s.current = s.site
	s.searchStale = false
	clear(s.downloadsFor)
	s.lazy.Unlock()
	ch.Duration = time.Since(start)
	return ch, nil
}

// Apply brings the build up to date after the files in changed (relative to
// the site folder, forward slashes) were created, written or removed. The
// error lists every problem the sources still have; the Change says what was
// done even then, since other files may have been brought up to date.
func (s *Session) Apply(changed []string) (*Change, error) {
	if s.site == nil || s.broken || s.global {
		return s.Build()
	}
	var files []string
	for _, p := range changed {
		if f, ok := load.NoticeFile(p); ok {
			files = append(files, f)
		} else if !strings.HasPrefix(p, load.NoticesDir+"/") {
			return s.rebuild(changed)
		}
	}
	slices.Sort(files)
	files = slices.Compact(files)
	if len(files) == 0 {
		return &Change{}, s.err()
	}
	if len(files) > 50 {
		return s.Build()
	}
	s.bump()
	ch, full, err := s.applyNotices(files)
	if full {
		return s.Build()
	}
	if err != nil {
		return ch, err
	}
	return ch, s.err()
}

// rebuild builds everything after a change that is not to notices, and says
// which stylesheets to swap when only stylesheets changed.
func (s *Session) rebuild(changed []string) (*Change, error) {
	theme := s.site.Config.Theme
	styles := map[string]string{}
	for _, p := range changed {
		name, ok := strings.CutPrefix(p, "static/")
		if !ok {
			name, ok = strings.CutPrefix(p, "themes/"+theme+"/static/")
		}
		if !ok || path.Ext(p) != ".css" {
			styles = nil
			break
		}
		styles[name] = ""
	}
	ch, err := s.Build()
	if err != nil || styles == nil {
		return ch, err
	}
	for name := range styles {
		published, err := s.theme.Asset(name)
		if err != nil {
			return ch, nil // a stylesheet was removed: reload the pages instead
		}
		styles[name] = published
	}
	ch.Styles = styles
	return ch, nil
}

// Err returns the problems of notice files that could not be loaded, as
// Apply would return them now; the OnWritten function may call it.
func (s *Session) Err() error { return s.err() }

// err returns the problems of notice files that could not be loaded.
func (s *Session) err() error {
	var all diag.Errors
	keys := make([]string, 0, len(s.problems))
	for k := range s.problems {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		all = append(all, s.problems[k]...)
	}
	if len(all) == 0 {
		return nil
	}
	return all
}

// swap is one notice file that changed: its version before and after; either
// is nil when the notice is not published.
type swap struct {
	file     string
	old, new *model.Notice
	files    []model.File
}

// applyNotices applies changes to notice files. full says that the change cannot
// be applied on its own and the whole site must be built.
func (s *Session) applyNotices(files []string) (ch *Change, full bool, err error) {
	start := time.Now()
	ch = &Change{}
	lopts := loadOptions(s.opts)
	var swaps []swap
	for _, f := range files {
		sw := swap{file: f, old: s.notices[f]}
		if _, err := os.Stat(filepath.Join(s.opts.Source, filepath.FromSlash(f))); err == nil {
			var dl diag.List
			one := load.Notice(s.opts.Source, s.site, lopts, f, &dl)
			ch.Warnings = append(ch.Warnings, dl.Warnings()...)
			if err := dl.Err(); err != nil {
				s.problems[f] = err.(diag.Errors)
				continue // the previous version stays
			}
			sw.new, sw.files = one.Notice, one.Files
		}
		delete(s.problems, f)
		if hasImages(sw.old) || hasImages(sw.new) {
			return ch, true, nil // a full build makes the renditions of images in the text
		}
		if !load.Independent(f, urlOf(sw.old), urlOf(sw.new)) {
			return ch, true, nil
		}
		if sw.old != nil || sw.new != nil {
			swaps = append(swaps, sw)
		}
	}
	if len(swaps) == 0 {
		return ch, false, nil
	}

	// The site after the change: a new Site value sharing everything else, so
	// that nothing read by a request in progress changes under it.
	next := *s.site
	next.Notices = replaceNotices(s.site.Notices, swaps)
	next.Files = replaceFiles(s.site.Files, swaps)
	next.SetTags(load.Tags(&next))
	if !sameTagURLs(s.site.Tags, next.Tags) {
		return ch, true, nil // a tag's URL moved: every page linking it changes
	}
	templates := map[*model.Template]bool{}
	for _, sw := range swaps {
		for _, n := range []*model.Notice{sw.old, sw.new} {
			if n == nil {
				continue
			}
			for _, a := range n.Attachments {
				if a.Template != nil {
					templates[a.Template] = true
				}
			}
		}
	}
	if slices.ContainsFunc(swaps, func(sw swap) bool { return sw.old == nil }) {
		// A new notice may take a URL in use; an edited one keeps its own.
		var dl diag.List
		load.CheckURLs(s.opts.Source, &next, &dl)
		if err := dl.Err(); err != nil {
			for _, p := range err.(diag.Errors) {
				s.problems[p.File] = append(s.problems[p.File], p)
			}
			return ch, false, err
		}
	}
	if len(templates) > 0 {
		s.shared.Lock()
		load.Relink(&next, slices.Collect(maps.Keys(templates)))
		s.shared.Unlock()
	}

	// First the changed notices' own pages, which someone is looking at.
	var own []render.Planned
	done := map[string]bool{}
	for _, sw := range swaps {
		if sw.new == nil {
			continue
		}
		if p, ok := render.NoticePage(&next, sw.new); ok {
			own = append(own, p)
			done[p.Path] = true
		}
	}
	first, err := render.Render(own, s.theme)
	if err != nil {
		return ch, false, err
	}
	var attached []output.File
	for _, sw := range swaps {
		for _, f := range sw.files {
			attached = append(attached, output.File{Path: f.URL, Src: f.Src, Data: f.Data})
		}
	}
	if attached, err = images.StripFiles(attached); err != nil {
		return ch, false, err
	}
	if err := s.write(-1, append(attached, first...), nil, nil); err != nil {
		return ch, false, err
	}
	s.tell(first)

	// Then every other page that shows them.
	plan := render.Plan(&next)
	redo, gone := stalePages(s.plan, plan, swaps, templates)
	redo = slices.DeleteFunc(redo, func(p render.Planned) bool { return done[p.Path] })
	pages, err := render.Render(redo, s.theme)
	if err != nil {
		return ch, false, err
	}
	out := pages
	if fd, err := feed.Build(&next); err == nil {
		out = append(out, fd...)
	} else {
		return ch, false, catalog.Errorf("feed: %w", err)
	}
	if len(gone) > 0 || addedPages(s.plan, plan) || datesMoved(swaps) {
		sm, err := sitemap.Build(&next, sitemapPages(plan))
		if err != nil {
			return ch, false, catalog.Errorf("sitemap: %w", err)
		}
		out = append(out, sm...)
	}
	var removeDirs []string
	for _, sw := range swaps {
		if sw.old != nil {
			if sw.new == nil {
				removeDirs = append(removeDirs, sw.old.URL)
			} else {
				for _, f := range filesOf(s.site.Files, sw.old.URL) {
					if !slices.ContainsFunc(sw.files, func(g model.File) bool { return g.URL == f.URL }) {
						gone = append(gone, f.URL)
					}
				}
			}
		}
	}
	if err := s.write(-1, out, gone, removeDirs); err != nil {
		return ch, false, err
	}
	s.tell(append(pages, removedPages(gone)...))

	s.site, s.plan = &next, plan
	for _, sw := range swaps {
		if sw.new != nil {
			s.notices[sw.file] = sw.new
		} else {
			delete(s.notices, sw.file)
		}
	}
	s.lazy.Lock()
	s.current = s.site
	s.searchStale = true
	for t := range templates {
		s.downloadsFor[t.URL] = true // the Word file carries the deadline
	}
	s.lazy.Unlock()
	for _, p := range append(first, pages...) {
		ch.Pages = append(ch.Pages, p.Path)
	}
	ch.Removed = gone
	ch.Duration = time.Since(start)
	return ch, false, nil
}

// Ensure makes the outputs that p (a site-relative path, such as
// "search/meta.json") belongs to when incremental changes left them stale:
// the search index, and the downloads of new notices and changed templates.
// The dev server calls it before serving p. It may take a while on a large
// site, which is why it waits until something asks. It is safe to call
// concurrently with everything else.
func (s *Session) Ensure(p string) error {
	s.ensure.Lock()
	defer s.ensure.Unlock()
	for attempt := 0; attempt < 3; attempt++ {
		s.lazy.Lock()
		site, stale := s.current, s.searchStale && strings.HasPrefix(p, search.Dir)
		var prefixes []string
		for pre := range s.downloadsFor {
			if strings.HasPrefix(p, pre) {
				prefixes = append(prefixes, pre)
			}
		}
		s.lazy.Unlock()
		if site == nil || !stale && len(prefixes) == 0 {
			return nil
		}
		s.wmu.Lock()
		gen := s.gen
		s.wmu.Unlock()
		out, err := s.remake(site, stale, prefixes)
		if err != nil {
			return err
		}
		if err := s.write(gen, out, nil, nil); errors.Is(err, errSuperseded) {
			continue // the site changed meanwhile: make them again
		} else if err != nil {
			return err
		}
		if stale {
			keep := map[string]bool{}
			for _, f := range out {
				keep[f.Path] = true
			}
			s.prune(gen, search.Dir, keep)
		}
		s.lazy.Lock()
		if stale {
			s.searchStale = false
		}
		for _, pre := range prefixes {
			delete(s.downloadsFor, pre)
		}
		s.lazy.Unlock()
		return nil
	}
	return nil
}

// errSuperseded says that outputs made for an older site were not written.
var errSuperseded = errors.New("the site changed while its outputs were made")

// write writes files into the served folder, each by renaming a complete
// temporary file into place, and removes the files in gone and the folders
// in dirs (all site-relative). With gen ≥ 0 it writes nothing, and returns
// errSuperseded, when a change came after gen.
func (s *Session) write(gen int, files []output.File, gone, dirs []string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if gen >= 0 && gen != s.gen {
		return errSuperseded
	}
	root := s.Dir()
	for _, f := range files {
		target, ok := inside(root, f.Path)
		if !ok {
			return catalog.Errorf("refusing to write %q outside the site", f.Path)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		tmp := filepath.Join(filepath.Dir(target), ".~"+filepath.Base(target)+".new")
		if f.Data == nil && f.Src != "" {
			if err := copyInto(f.Src, s.opts.Source, tmp); err != nil {
				return err
			}
		} else {
			data := f.Data
			if s.minifier != nil && !f.Minified {
				m, err := s.minifier.Minify(f.Path, data)
				if err != nil {
					return catalog.Errorf("minify %s: %w", f.Path, err)
				}
				data = m
			}
			if err := os.WriteFile(tmp, data, 0o644); err != nil {
				return err
			}
		}
		if err := os.Rename(tmp, target); err != nil {
			return err
		}
	}
	for _, g := range gone {
		if target, ok := inside(root, g); ok {
			if err := os.Remove(target); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	for _, d := range dirs {
		if target, ok := inside(root, d); ok && target != root {
			if err := os.RemoveAll(target); err != nil {
				return err
			}
		}
	}
	return nil
}

// prune removes the files under the site-relative folder dir that keep
// lacks, except pages, unless a change came after gen.
func (s *Session) prune(gen int, dir string, keep map[string]bool) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if gen != s.gen {
		return
	}
	root := s.Dir()
	base, ok := inside(root, dir)
	if !ok {
		return
	}
	_ = filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if !keep[filepath.ToSlash(rel)] && filepath.Ext(p) != ".html" { // pages are not the index's
			os.Remove(p)
		}
		return nil
	})
}

// inside joins root and a site-relative path, refusing paths that leave root.
func inside(root, rel string) (string, bool) {
	c := path.Clean(rel)
	if c == "." || c == ".." || path.IsAbs(c) || strings.HasPrefix(c, "../") {
		return "", false
	}
	return filepath.Join(root, filepath.FromSlash(c)), true
}

// copyInto copies src, a file of the site folder given by its real path,
// to dst, after the checks the build's writer makes (output.OpenSource).
func copyInto(src, site, dst string) error {
	root, err := filepath.Abs(site)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return err
	}
	in, err := output.OpenSource(src, root)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// tell passes the paths of written pages to the OnWritten function.
func (s *Session) tell(pages []output.File) {
	if s.written == nil || len(pages) == 0 {
		return
	}
	paths := make([]string, len(pages))
	for i, p := range pages {
		paths[i] = p.Path
	}
	s.written(paths)
}

// removedPages stands the removed paths in for pages, so that an open page
// that is gone reloads (into the 404 page).
func removedPages(gone []string) []output.File {
	out := make([]output.File, len(gone))
	for i, g := range gone {
		out[i] = output.File{Path: g}
	}
	return out
}

// hasImages reports whether n shows images of its own in its text.
func hasImages(n *model.Notice) bool { return n != nil && len(n.Body.Images) > 0 }

func urlOf(n *model.Notice) string {
	if n == nil {
		return ""
	}
	return n.URL
}

// replaceNotices returns ns with the swaps made, in the order the loader
// sorts notices: newest publish date first, then by name.
func replaceNotices(ns []*model.Notice, swaps []swap) []*model.Notice {
	drop := map[*model.Notice]bool{}
	for _, sw := range swaps {
		if sw.old != nil {
			drop[sw.old] = true
		}
	}
	out := make([]*model.Notice, 0, len(ns)+len(swaps))
	for _, n := range ns {
		if !drop[n] {
			out = append(out, n)
		}
	}
	for _, sw := range swaps {
		if sw.new == nil {
			continue
		}
		i := sort.Search(len(out), func(i int) bool { return noticeBefore(sw.new, out[i]) })
		out = slices.Insert(out, i, sw.new)
	}
	return out
}

func noticeBefore(a, b *model.Notice) bool {
	if !a.PublishDate.Equal(b.PublishDate) {
		return a.PublishDate.After(b.PublishDate)
	}
	if na, nb := sourceName(a.Source), sourceName(b.Source); na != nb {
		return na < nb
	}
	return a.Source < b.Source
}

// sourceName is the name the loader orders sources by: the file name
// without .md, or the folder name of a folder notice.
func sourceName(src string) string {
	if path.Base(src) == "index.md" {
		return path.Base(path.Dir(src))
	}
	return strings.TrimSuffix(path.Base(src), path.Ext(src))
}

func replaceFiles(fs []model.File, swaps []swap) []model.File {
	out := make([]model.File, 0, len(fs))
	for _, f := range fs {
		if !slices.ContainsFunc(swaps, func(sw swap) bool { return sw.old != nil && strings.HasPrefix(f.URL, sw.old.URL) }) {
			out = append(out, f)
		}
	}
	for _, sw := range swaps {
		out = append(out, sw.files...)
	}
	return out
}

func filesOf(fs []model.File, prefix string) []model.File {
	var out []model.File
	for _, f := range fs {
		if strings.HasPrefix(f.URL, prefix) {
			out = append(out, f)
		}
	}
	return out
}

// sameTagURLs reports whether every tag in both a and b kept its URL and the
// name it is shown under (a tag spelled 年會 on more pages than 年会 takes
// that name), looking each tag up by every spelling its pages use.
func sameTagURLs(a, b []*model.Tag) bool {
	was := make(map[string]*model.Tag, len(a))
	for _, t := range a {
		was[t.Name] = t
		for _, n := range t.Names {
			was[n] = t
		}
	}
	for _, t := range b {
		for _, n := range append([]string{t.Name}, t.Names...) {
			if old, ok := was[n]; ok && (old.URL != t.URL || old.Name != t.Name) {
				return false
			}
		}
	}
	return true
}

func datesMoved(swaps []swap) bool {
	for _, sw := range swaps {
		if sw.old == nil || sw.new == nil || !sw.old.PublishDate.Equal(sw.new.PublishDate) {
			return true
		}
	}
	return false
}

func addedPages(prev, next []render.Planned) bool {
	have := make(map[string]bool, len(prev))
	for _, p := range prev {
		have[p.Path] = true
	}
	for _, p := range next {
		if !have[p.Path] {
			return true
		}
	}
	return false
}

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

// layoutsRead reports whether any layout of the site or its theme mentions
// field, such as ".Site.Notices": such a layout can show any notice on any
// page, which defeats rewriting only the pages known to show it.
func layoutsRead(root, theme, field string) bool {
	site, err := sitefs.Open(root)
	if err != nil {
		return true // as if it did: every change builds everything
	}
	found := false
	for _, dir := range []string{"layouts", "themes/" + theme + "/layouts"} {
		site.Walk(dir, func(rel, real string, err error) {
			if err != nil || found || !strings.HasSuffix(rel, ".html") {
				return
			}
			if b, err := os.ReadFile(real); err == nil && strings.Contains(string(b), field) {
				found = true
			}
		})
	}
	return found
}
