// Package serve is the dev server behind `alliance serve`: it builds the site
// into a private folder, serves it, watches the sources and, after a change,
// builds again (the build engine rewrites only what depends on the change)
// and tells the open pages it rewrote to reload. A build error
// is printed and shown over the pages until the file is fixed; the server
// keeps running.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"alliance/internal/build"
	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/watch"
)

// Watched are the entries of the site folder the server watches.
var Watched = []string{"site.toml", "content", "data", "themes", "layouts", "static"}

// Options say what to serve.
type Options struct {
	Build build.Options // the site; Destination is not used
	Log   io.Writer     // where changes and problems are reported; nil discards them
	Delay time.Duration // how long the sources must be quiet before a rebuild; 0 means the watcher's default
}

// Procs is how many goroutines the dev server should let run at once
// (GOMAXPROCS), given the runtime's choice n: twice as many. A build the
// edits left behind keeps n busy; with as many more, the watcher, the
// preview and the HTTP handlers run the moment they are ready, the system
// sharing the cores between the threads, instead of waiting for the
// runtime to preempt a build goroutine (every 10 ms). Measured on 2 cores,
// 10,000 notices, an edit every 0.3 s (BenchmarkIncrementalNotice): 63 ms
// from the save to the reload with 2, 39 ms with 4; the build behind took
// 0.84–0.88 s with 2, 0.89–0.93 s with 4.
func Procs(n int) int { return 2 * n }

// Server serves a site while it is edited. Its zero value is not usable;
// call New.
type Server struct {
	session *build.Session
	watcher *watch.Watcher
	events  *hub
	log     io.Writer

	mu       sync.Mutex
	problem  string        // the build error shown on pages; "" when none
	built    bool          // a build succeeded once: there is something to serve
	building chan struct{} // closed when the build in progress ends; nil when none
	batches  int           // batches of changes received
	// previews are the pages shown ahead of the build that makes them
	// (build.Session.Preview), by path in the build folder, each with the
	// number of the batch it shows.
	previews map[string]preview
}

// preview is a page rendered ahead of the build.
type preview struct {
	data  []byte
	batch int
}

// New builds the site and starts watching its sources. A failed build does
// not stop it: the error is shown until a change fixes it.
func New(opts Options) (*Server, error) {
	if opts.Build.Source == "" {
		opts.Build.Source = "."
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	session, err := build.NewSession(opts.Build)
	if err != nil {
		return nil, err
	}
	var wopts []watch.Option
	if opts.Delay > 0 {
		wopts = append(wopts, watch.WithDelay(opts.Delay))
	}
	w, err := watch.New(opts.Build.Source, Watched, wopts...)
	if err != nil {
		session.Close()
		return nil, catalog.Errorf("watching %s: %w", opts.Build.Source, err)
	}
	s := &Server{session: session, watcher: w, events: newHub(), log: opts.Log, previews: map[string]preview{}}
	ch, err := session.Build()
	s.report(nil, ch, err, 0)
	return s, nil
}

// Run rebuilds after every batch of changes until ctx is done. The pages
// of the Markdown files a batch changed are shown at once (see preview);
// the build runs beside, taking every batch that came meanwhile, and its
// pages replace them.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	var (
		mu      sync.Mutex
		pending []string // changed since the build in progress began
		last    int      // the last batch in pending
	)
	wake := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-wake:
			}
			mu.Lock()
			batch, upto := pending, last
			pending = nil
			mu.Unlock()
			slices.Sort(batch)
			batch = slices.Compact(batch)
			end := s.startBuild()
			ch, err := s.session.Apply(batch)
			s.report(batch, ch, err, upto)
			end()
		}
	}()
	defer func() {
		cancel()
		<-done
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case batch, ok := <-s.watcher.Batches():
			if !ok {
				return nil
			}
			n := s.preview(batch)
			mu.Lock()
			pending = append(pending, batch...)
			last = n
			mu.Unlock()
			select {
			case wake <- struct{}{}:
			default: // the builder is already woken
			}
		case err := <-s.watcher.Errors():
			catalog.Fprintf(s.log, "watching: %v\n", err)
		}
	}
}

// preview shows the pages of the Markdown files in batch as the build
// will make them, before it does (build.Session.Preview), and tells the
// open pages among them to reload. It returns the batch's number.
func (s *Server) preview(batch []string) int {
	start := time.Now()
	files := s.session.Preview(batch)
	s.mu.Lock()
	s.batches++
	n := s.batches
	// While a build error shows over the pages, it stays until the build.
	quiet := s.problem != ""
	if !quiet {
		for _, f := range files {
			s.previews[f.Path] = preview{f.Data, n}
		}
	}
	s.mu.Unlock()
	if len(files) == 0 || quiet {
		return n
	}
	pages := make([]string, len(files))
	for i, f := range files {
		pages[i] = f.Path
	}
	catalog.Fprintf(s.log, "%s: showed %d pages in %s; building the site\n", describe(batch), len(pages), time.Since(start).Round(time.Millisecond))
	s.events.send("reload", reload{Pages: pages})
	return n
}

// previewed returns the page at rel shown ahead of the build, if any.
func (s *Server) previewed(rel string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.previews[rel]
	return p.data, ok
}

// settle drops the previews of the batches up to upto, which the build
// that took them has replaced, and returns the pages among pages that the
// open pages show as they are: those the build wrote with the bytes their
// preview had, and those with a preview of a later batch, still served.
func (s *Server) settle(upto int, pages []string) map[string]bool {
	same := map[string]bool{}
	s.mu.Lock()
	var shown []string
	var data [][]byte
	for p, pv := range s.previews {
		if pv.batch > upto {
			same[p] = true
		} else {
			delete(s.previews, p)
			shown = append(shown, p)
			data = append(data, pv.data)
		}
	}
	s.mu.Unlock()
	for i, p := range shown {
		if !slices.Contains(pages, p) {
			continue
		}
		if got, err := s.readBuilt(p); err == nil && bytes.Equal(got, data[i]) {
			same[p] = true
		}
	}
	return same
}

// Close stops watching and removes the private build folder.
func (s *Server) Close() error {
	err := s.watcher.Close()
	s.events.close()
	if e := s.session.Close(); err == nil {
		err = e
	}
	return err
}

// Session is the build session the server serves, for tests and benchmarks.
func (s *Server) Session() *build.Session { return s.session }

// startBuild notes that a build is in progress, for requests that find a
// file missing meanwhile (see settled); the function returned ends it.
func (s *Server) startBuild() func() {
	c := make(chan struct{})
	s.mu.Lock()
	s.building = c
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		s.building = nil
		s.mu.Unlock()
		close(c)
	}
}

// settled waits for the build in progress, if any, to end, and reports
// whether there was one: a file found missing during a build may be a new
// one on its way into the folder (the writer replaces a changed file in one
// rename, but moves it aside first where the file system cannot link), so
// the caller looks again. It gives up when ctx is done.
func (s *Server) settled(ctx context.Context) bool {
	s.mu.Lock()
	c := s.building
	s.mu.Unlock()
	if c == nil {
		return false
	}
	select {
	case <-c:
		return true
	case <-ctx.Done():
		return false
	}
}

// report prints what a build did and tells the open pages.
// Previews of batches up to upto are dropped: the build took them.
func (s *Server) report(changed []string, ch *build.Change, err error, upto int) {
	if ch != nil {
		for _, w := range ch.Warnings {
			fmt.Fprintln(s.log, w.Error())
		}
	}
	var shown map[string]bool // pages the open pages show as the build wrote them
	if ch != nil && err == nil {
		shown = s.settle(upto, ch.Pages)
	} else {
		s.settle(upto, nil)
	}
	what := describe(changed)
	switch {
	case ch == nil:
	case ch.Full && err == nil && ch.Summary != nil:
		catalog.Fprintf(s.log, "%s: built the whole site (%d pages) in %s\n", what, ch.Summary.Counts["html"], ch.Duration.Round(time.Millisecond))
	case len(ch.Pages) > 0 || len(ch.Removed) > 0:
		catalog.Fprintf(s.log, "%s: rewrote %d pages, removed %d files in %s\n", what, len(ch.Pages), len(ch.Removed), ch.Duration.Round(time.Millisecond))
	}

	if err != nil {
		fmt.Fprintf(s.log, "%s\n", problemText(err))
	}
	s.mu.Lock()
	first := false // the first build that succeeded: every page showed the error page
	if ch != nil && err == nil && !s.built {
		s.built, first = true, true
	}
	s.mu.Unlock()
	s.setProblem(err) // "ok" before the reload, so the reloaded page shows no old error
	if ch == nil || err != nil {
		return
	}
	switch {
	case ch.Styles != nil:
		s.events.send("css", ch.Styles)
	case ch.Full || first:
		s.events.send("reload", reload{All: true})
	default:
		var pages []string
		for _, p := range ch.Pages {
			if !shown[p] {
				pages = append(pages, p)
			}
		}
		if len(pages) > 0 {
			s.events.send("reload", reload{Pages: pages})
		}
	}
}

// describe names the changed files for the log: the first three, and how
// many more.
func describe(changed []string) string {
	switch {
	case len(changed) == 0:
		return catalog.T("the site")
	case len(changed) > 3:
		return catalog.Sprintf("%s and %d more", strings.Join(changed[:3], ", "), len(changed)-3)
	}
	return strings.Join(changed, ", ")
}

// setProblem records the build error pages show ("" for none) and tells
// the open pages when it changed.
func (s *Server) setProblem(err error) {
	now := ""
	if err != nil {
		now = problemText(err)
	}
	s.mu.Lock()
	was := s.problem
	s.problem = now
	s.mu.Unlock()
	switch {
	case now != "" && now != was:
		s.events.send("builderror", now)
	case now == "" && was != "":
		catalog.Fprintln(s.log, "fixed: the site builds again")
		s.events.send("ok", "")
	}
}

// reload is the data of a "reload" event: the pages to reload, or all.
type reload struct {
	All   bool     `json:"all,omitempty"`
	Pages []string `json:"pages,omitempty"`
}

// problemText formats a build error one problem a line, as `alliance build` does.
func problemText(err error) string {
	var errs diag.Errors
	if errors.As(err, &errs) {
		lines := make([]string, len(errs))
		for i, p := range errs {
			lines[i] = catalog.T("error: ") + p.Error()
		}
		return strings.Join(lines, "\n")
	}
	return catalog.T("error: ") + err.Error()
}

// Problem returns the build error pages show now, "" when none.
func (s *Server) Problem() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.problem
}
