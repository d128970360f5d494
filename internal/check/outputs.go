package check

import (
	"errors"
	"strings"
	"sync"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/downloads"
	"alliance/internal/feed"
	"alliance/internal/icons"
	"alliance/internal/images"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/privacy"
	"alliance/internal/render"
	"alliance/internal/search"
	"alliance/internal/sheet"
	"alliance/internal/sitefs"
	"alliance/internal/sitemap"
)

// outputs are the stages a build runs beside the pages whose files check
// makes as a build does: they are quick, and their files are checked for
// personal numbers as a build checks them. The search index, slow on a
// large site, is made only when another file could take one of its paths
// (see outputs).
var outputs = []struct {
	name string
	run  func(*model.Site) ([]output.File, error) // nil for the search index
}{
	{"feed", feed.Build},
	{"search index", nil},
	{"template downloads", downloads.Build},
	{"member spreadsheets", sheet.Build},
}

// outputs finds what a build would refuse in the files it writes, without
// rendering every page: each output's path goes to the same checks a build
// makes (a dry output.Writer: paths outside the site, two outputs wanting
// one file, a file where a folder must go), and each file made goes through
// the same privacy gate. Pages come from the plan; one page of each layout
// is rendered, and every page only when one of those fails, so that the
// errors are the build's own. It returns the paths of every file and
// the plan, or the build's error.
func (c *checker) outputs(source string, theme *render.Theme, minifier *output.Minifier) ([]string, []render.Planned, error) {
	site := c.site
	w := output.NewDryWriter(minifier)
	if err := w.SourcesIn(source); err != nil {
		w.Abort()
		return nil, nil, err
	}
	gate := output.NewGate(func() map[string]bool { return privacy.Public(site) })
	var (
		mu    sync.Mutex
		paths []string
	)
	emit := func(files []output.File) {
		files = gate.Pass(files)
		w.Add(files...)
		mu.Lock()
		for _, f := range files {
			paths = append(paths, f.Path)
		}
		mu.Unlock()
	}
	attached := make([]output.File, 0, len(site.Files))
	for _, f := range site.Files {
		attached = append(attached, output.File{Path: f.URL, Src: f.Src, Data: f.Data, Source: sitefs.RelName(source, f.Src)})
	}
	copied, err := images.StripFiles(append(attached, theme.Static...))
	if err != nil {
		w.Abort()
		return nil, nil, err
	}
	emit(copied)
	var generated []output.File
	for _, p := range icons.Paths(theme.HasStatic) {
		generated = append(generated, output.File{Path: p, Minified: true})
	}
	emit(generated)

	planned := render.Plan(site)
	errs := make([]error, len(outputs)+2)
	if c.layoutsFail(planned, theme, minifier) {
		// Render every page, as the build does, for its errors.
		errs[0] = render.RenderEach(planned, theme, func(_ int, f output.File) { emit([]output.File{f}) })
	} else {
		pages := make([]output.File, len(planned))
		for i, p := range planned {
			pages[i] = output.File{Path: p.Path, Source: p.Page.Source(), Minified: true}
		}
		emit(pages)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		files, err := images.Build(site, nil) // only lists the renditions
		errs[len(errs)-1] = err
		emit(files)
	})
	for i, o := range outputs {
		if o.run == nil {
			continue
		}
		wg.Go(func() {
			files, err := o.run(site)
			if err != nil {
				errs[i+1] = catalog.Errorf("%s: %w", o.name, err)
				return
			}
			emit(files)
		})
	}
	wg.Wait()
	// The search index's files are named by a hash of its content, under
	// search/: only a file another output puts there can clash with them.
	// Then the index is made; else its one file of a fixed name stands for it.
	index := []output.File{{Path: search.MetaFile, Minified: true}}
	for _, p := range paths {
		if f := strings.ToLower(p); f == strings.TrimSuffix(search.Dir, "/") || strings.HasPrefix(f, search.Dir) && f != search.Dir+"index.html" {
			files, err := search.Build(site)
			if err != nil {
				errs[2] = catalog.Errorf("%s: %w", outputs[1].name, err)
			}
			index = files
			break
		}
	}
	emit(index)
	err = errors.Join(errs...)
	if err == nil {
		var sm []output.File
		if sm, err = sitemap.Build(site, sitemap.PagesOf(planned)); err == nil {
			emit(sm)
		}
	}
	if err == nil {
		err = gate.Err()
	}
	if err != nil {
		w.Abort()
		return nil, nil, err
	}
	if _, err := w.Commit(); err != nil {
		return paths, planned, err // the paths are complete, for the checks of links
	}
	return paths, planned, nil
}

// layoutsFail renders the first page of each layout, as a sample, and
// reports whether any fails to render, to minify or to pass the privacy
// gate: a layout that fails on one page usually fails on every page of its
// kind, and the build reports them all.
func (c *checker) layoutsFail(planned []render.Planned, theme *render.Theme, minifier *output.Minifier) bool {
	seen := map[string]bool{}
	var sample []render.Planned
	for _, p := range planned {
		if !seen[p.Page.Kind] {
			seen[p.Page.Kind] = true
			sample = append(sample, p)
		}
	}
	files, err := render.Render(sample, theme)
	if err != nil {
		return true
	}
	gate := output.NewGate(func() map[string]bool { return privacy.Public(c.site) })
	w := output.NewDryWriter(minifier)
	w.Add(gate.Pass(files)...)
	_, err = w.Commit()
	return err != nil || gate.Err() != nil
}

// addErr adds err, from the outputs, to dl as the build reports it.
func addErr(dl *diag.List, err error) {
	var errs diag.Errors
	switch {
	case errors.As(err, &errs):
		for _, p := range errs {
			dl.Add(p)
		}
	case err != nil:
		dl.Errorf("", 0, "", "%v", err)
	}
}
