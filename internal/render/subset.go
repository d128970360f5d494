package render

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/parallel"
)

// Planned is one page of the site before it is rendered: the file it becomes
// and what its layout receives. A build plans every page, then renders only
// those whose inputs changed (see build's page steps).
type Planned struct {
	Path string // output path, such as "notices/a/index.html"
	Page *Page
}

// Plan lists every HTML page of site; a build renders them with RenderEach.
func Plan(site *model.Site) []Planned { return plan(site) }

// PlanOf lists the pages of their own that the given notices, reports and
// plain pages of site have, as Plan does, without the lists that show
// them.
func PlanOf(site *model.Site, notices []*model.Notice, reports []*model.Report, pages []*model.Page) []Planned {
	pl := planner{view: &SiteView{m: site}, cfg: site.Config}
	out := make([]Planned, 0, len(notices)+len(reports)+len(pages))
	for _, n := range notices {
		out = append(out, pl.notice(n).planned())
	}
	for _, r := range reports {
		out = append(out, pl.report(r).planned())
	}
	for _, pg := range pages {
		out = append(out, pl.page(pg).planned())
	}
	return out
}

// Render renders the planned pages with th, in parallel, and returns them in
// the order given.
func Render(pages []Planned, th *Theme) ([]output.File, error) {
	files := make([]output.File, len(pages))
	err := RenderEach(pages, th, func(i int, f output.File) { files[i] = f })
	if err != nil {
		return nil, err
	}
	return files, nil
}

// RenderEach renders the planned pages with th, in parallel, and hands each
// to emit (with its index in pages) as soon as it is made, from any of the
// workers, so that a build can write pages while others render and need not
// hold them all. One worker per usable core takes the next page whenever it
// is free, so a few heavy pages (a directory of a thousand members) do not
// hold up the rest; the workers share only the cache of partials. After the
// first error no page is emitted, and that error is returned.
func RenderEach(pages []Planned, th *Theme, emit func(i int, f output.File)) error {
	return RenderRecorded(pages, th, func(i int, f output.File, _ []string) {
		f.Data = bytes.Clone(f.Data)
		emit(i, f)
	})
}

// RenderRecorded renders pages as RenderEach does, and gives emit with each
// page the inputs of the site its layouts read beyond the page itself (the
// Dep names; see SiteView), for the page's record in the build engine.
// The page's Data is the worker's buffer, lent for the call: emit writes
// it or copies it, and keeps nothing of it once it returns. Copied for
// every page, the pages of 100,000 notices were 1.5 GB more to allocate.
func RenderRecorded(pages []Planned, th *Theme, emit func(i int, f output.File, deps []string)) error {
	cache := &partialCache{}
	var (
		mu    sync.Mutex
		first error
	)
	fail := func(err error) bool {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
		return false
	}
	// Each goroutine has a worker (its templates' functions record what
	// its page reads) and a buffer of its own.
	type state struct {
		w   *worker
		buf *bytes.Buffer
	}
	newState := func() state { return state{newWorker(th, cache), new(bytes.Buffer)} }
	parallel.EachWith(len(pages), newState, func(st state, i int) bool {
		w, buf := st.w, st.buf
		p := pages[i]
		t, err := w.layout(p.Page.Kind)
		if err != nil {
			return fail(catalog.Errorf("%s: %w", p.Path, err))
		}
		buf.Reset()
		buf.Grow(bodySize(p.Page)) // a long text is written once, not copied as the buffer grows
		// The page renders with a view of the site of its own, that
		// records what its layouts read.
		w.rec = engine.NewRecorder()
		page := *p.Page
		if p.Page.Site != nil {
			page.Site = &SiteView{m: p.Page.Site.m, w: w}
			w.now = p.Page.Site.m.Now
			if page.Tag != nil {
				page.Tag = page.Site.tagRef(page.Tag.t)
			}
		}
		if err := t.ExecuteTemplate(buf, "base.html", &page); err != nil {
			return fail(th.problem(p, th.explain(p, err)))
		}
		emit(i, output.File{Path: p.Path, Data: buf.Bytes(), Minified: th.minified, Source: p.Page.Source()}, w.rec.Names())
		if buf.Cap() > 1<<20 {
			*buf = bytes.Buffer{} // a long page's buffer is not kept for the next
		}
		return true
	})
	return first
}

// bodySize is the length of the HTML text a page shows, with room for the
// rest of the page.
func bodySize(p *Page) int {
	n := 0
	switch {
	case p.Notice != nil:
		n = p.Notice.Body.HTMLLen()
	case p.Report != nil:
		n = p.Report.Body.HTMLLen()
	case p.Page != nil:
		n = p.Page.Body.HTMLLen()
	}
	return n + 64<<10
}

// explain returns the error of rendering p with the layouts as written, when
// err came from their minified text: its line and column then point into
// the file the author wrote. It returns err if they render p after all.
func (th *Theme) explain(p Planned, err error) error {
	if th.source == nil {
		return err
	}
	t, lerr := newWorker(th.source, &partialCache{}).layout(p.Page.Kind)
	if lerr != nil {
		return err
	}
	if serr := t.ExecuteTemplate(io.Discard, "base.html", p.Page); serr != nil {
		return serr
	}
	return err
}

// execError is text/template's "template: NAME:LINE:COL: message".
var execError = regexp.MustCompile(`^template: ([^:]+):(\d+):(\d+): `)

// problem describes err, from rendering p, as a problem in the layout file
// the template error names, at its line, where it can; otherwise it names
// the page and its layout.
func (th *Theme) problem(p Planned, err error) error {
	m := execError.FindStringSubmatch(err.Error())
	if m == nil || th.paths[m[1]] == "" {
		return catalog.Errorf("rendering %s with %s.html: %w", p.Path, p.Page.Kind, err)
	}
	line, _ := strconv.Atoi(m[2])
	return diag.Problem{
		File: th.paths[m[1]],
		Line: line,
		Msg:  catalog.Sprintf("rendering %s (column %s): %s", p.Path, m[3], strings.TrimPrefix(err.Error(), m[0])),
		Hint: catalog.T("check the layout against the page it renders"),
	}
}
