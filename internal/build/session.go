package build

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/load"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/privacy"
	"alliance/internal/render"
)

// Session keeps a build of a site up to date while its sources change, for
// the dev server: every Build and Apply is a Run into the same private
// folder with a store kept in memory for the session's life, so that only
// the outputs whose inputs changed are made again, and the writer moves
// only changed files into the folder, each by a rename, while it is served.
type Session struct {
	opts  Options
	tmp   string // the private folder; the build is tmp/public
	store *engine.Store

	mu    sync.Mutex
	site  *model.Site   // the site as last built, nil before
	theme *render.Theme // the theme it was built with
}

// Change says what a Session did about a change to the sources.
type Change struct {
	Full     bool              // every page was rendered again (the first build, or a change to the theme or the settings)
	Pages    []string          // the HTML files written or removed ("notices/a/index.html"): the pages to reload
	Removed  []string          // the files removed
	Styles   map[string]string // when only stylesheets changed: their names ("css/main.css") → published paths
	Summary  *Summary
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
	opts.Destination = filepath.Join(tmp, "public")
	opts.Progress = nil
	opts.DryRun = false
	opts.Store = engine.Memory(engine.Version())
	return &Session{opts: opts, tmp: tmp, store: opts.Store}, nil
}

// Dir returns the folder holding the build. It stays the same for the
// session's life; the files in it are replaced one by one, each whole.
func (s *Session) Dir() string { return s.opts.Destination }

// Site returns the site as last built, nil before the first build
// succeeded; it is safe to call concurrently.
func (s *Session) Site() *model.Site {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.site
}

// Close removes the private folder.
func (s *Session) Close() error { return os.RemoveAll(s.tmp) }

// Build brings the build up to date with the sources. On failure the
// previous build stays in place.
func (s *Session) Build() (*Change, error) {
	sum, err := Run(s.opts)
	ch := &Change{Summary: sum}
	if sum != nil {
		ch.Warnings = sum.Warnings
		ch.Duration = sum.Duration
	}
	if err != nil {
		return ch, err
	}
	if sum.Site != nil { // nil when nothing changed: the site is as it was
		s.mu.Lock()
		s.site, s.theme = sum.Site, sum.Theme
		s.mu.Unlock()
		ch.Full = sum.Rendered > 0 && sum.Rendered == sum.Counts["html"]
	}
	ch.Removed = sum.Removed
	for _, list := range [][]string{sum.Written, sum.Removed} {
		for _, p := range list {
			if path.Ext(p) == ".html" {
				ch.Pages = append(ch.Pages, p)
			}
		}
	}
	return ch, nil
}

// Preview renders the pages made from the Markdown files changed as the
// next build will show them, unless the change reaches further: from the
// site and theme of the last build with those files read again
// (load.Patch), through the privacy gate every written file passes. The
// dev server shows them at once, while Apply builds the whole site, whose
// pages then replace them. It returns nil when it cannot stand for the
// change (anything but the Markdown files of pages the site has, a new
// address, new tags, a problem), and before the first build. It is safe to
// call while Build or Apply runs; it writes nothing.
func (s *Session) Preview(changed []string) []output.File {
	s.mu.Lock()
	site, theme := s.site, s.theme
	s.mu.Unlock()
	if site == nil || theme == nil {
		return nil
	}
	patched := load.Patch(s.opts.Source, site, changed, loadOptions(s.opts))
	if patched == nil {
		return nil
	}
	planned := render.PlanOf(patched.Site, patched.Notices, patched.Reports, patched.Pages)
	if len(planned) == 0 {
		return nil
	}
	files, err := render.Render(planned, theme)
	if err != nil {
		return nil
	}
	gate := output.NewGate(func() map[string]bool { return privacy.Public(patched.Site) })
	for _, f := range files {
		if !gate.Pass(f) {
			return nil
		}
	}
	return files
}

// Apply brings the build up to date after the files in changed (relative
// to the site folder, forward slashes) were created, written or removed.
// When they are all stylesheets of the static folders, the Change says
// where each was published, so that open pages swap them in place.
func (s *Session) Apply(changed []string) (*Change, error) {
	site := s.Site()
	ch, err := s.Build()
	if err != nil || site == nil {
		return ch, err
	}
	ch.Styles = styles(changed, site.Config.Theme, ch.Summary.Written)
	return ch, nil
}

// hashed matches the published name of a stylesheet (css/main.0123456789.css),
// which render.Theme names by a hash of its content.
var hashed = regexp.MustCompile(`\.[0-9a-f]{10}\.css$`)

// styles returns, when every file in changed is a stylesheet of the site's
// or the theme's static folder, each one's name in the folder with the path
// it was published at: the hashed file of that name among written. It
// returns nil when anything else changed, and when a stylesheet was not
// written (removed, or unchanged once minified), so that pages reload.
func styles(changed []string, theme string, written []string) map[string]string {
	if len(changed) == 0 {
		return nil
	}
	published := map[string]string{}
	for _, p := range written {
		if hashed.MatchString(p) {
			published[p[:len(p)-len(".0123456789.css")]+".css"] = p
		}
	}
	out := map[string]string{}
	for _, p := range changed {
		name, ok := strings.CutPrefix(p, "static/")
		if !ok {
			name, ok = strings.CutPrefix(p, "themes/"+theme+"/static/")
		}
		if !ok || path.Ext(name) != ".css" || published[name] == "" {
			return nil
		}
		out[name] = published[name]
	}
	return out
}
