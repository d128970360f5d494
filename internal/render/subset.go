package render

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"alliance/internal/model"
	"alliance/internal/output"
)

// Planned is one page of the site before it is rendered: the file it becomes
// and what its layout receives. The dev server plans the site after a change,
// compares the plan with the previous one and renders only what differs.
type Planned struct {
	Path string // output path, such as "notices/a/index.html"
	Page *Page
}

// Plan lists every HTML page of site, in the order Pages renders them.
func Plan(site *model.Site) []Planned { return plan(site) }

// Render renders the planned pages with th, in parallel, in the order given.
// One worker per usable core takes the next page whenever it is free, so a
// few heavy pages (a directory of a thousand members) do not hold up the
// rest; the workers share only the cache of partials.
func Render(pages []Planned, th *Theme) ([]output.File, error) {
	files := make([]output.File, len(pages))
	errs := make([]error, len(pages))
	cache := &partialCache{}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Go(func() {
			w := newWorker(th, cache)
			var buf bytes.Buffer
			for {
				i := int(next.Add(1)) - 1
				if i >= len(pages) {
					return
				}
				p := pages[i]
				t, err := w.layout(p.Page.Kind)
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", p.Path, err)
					continue
				}
				buf.Reset()
				if err := t.ExecuteTemplate(&buf, "base.html", p.Page); err != nil {
					errs[i] = fmt.Errorf("rendering %s with %s.html: %w", p.Path, p.Page.Kind, err)
					continue
				}
				files[i] = output.File{Path: p.Path, Data: bytes.Clone(buf.Bytes())}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// NoticePage returns the page of notice n exactly as Plan(site) plans it,
// without planning the rest of the site, so that the page someone is
// editing can be rendered before the lists that show it.
func NoticePage(site *model.Site, n *model.Notice) (Planned, bool) {
	only := &model.Site{Config: site.Config, Now: site.Now, Notices: []*model.Notice{n}}
	for _, j := range plan(only) {
		if j.Page.Kind == "notice" && j.Page.Notice == n {
			j.Page.Site = site
			return j, true
		}
	}
	return Planned{}, false
}
