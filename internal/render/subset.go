package render

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"

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
func Render(pages []Planned, th *Theme) ([]output.File, error) {
	files := make([]output.File, len(pages))
	errs := make([]error, len(pages))
	workers := min(runtime.NumCPU(), len(pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := range next {
				p := pages[i]
				t, ok := th.layouts[p.Page.Kind]
				if !ok {
					errs[i] = fmt.Errorf("%s: no layout %s.html", p.Path, p.Page.Kind)
					continue
				}
				buf.Reset()
				if err := t.ExecuteTemplate(&buf, "base.html", p.Page); err != nil {
					errs[i] = fmt.Errorf("rendering %s with %s.html: %w", p.Path, p.Page.Kind, err)
					continue
				}
				files[i] = output.File{Path: p.Path, Data: bytes.Clone(buf.Bytes())}
			}
		}()
	}
	for i := range pages {
		next <- i
	}
	close(next)
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
