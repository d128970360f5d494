package check

import (
	"errors"
	"slices"
	"sync"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/icons"
	"alliance/internal/images"
	"alliance/internal/output"
	"alliance/internal/outputs"
	"alliance/internal/privacy"
	"alliance/internal/render"
	"alliance/internal/sitemap"
)

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
	w.Screen(gate)
	var (
		mu    sync.Mutex
		paths []string
	)
	emit := func(files []output.File) {
		w.Add(files...)
		mu.Lock()
		for _, f := range files {
			paths = append(paths, f.Path)
		}
		mu.Unlock()
	}
	copied, err := outputs.Copied(source, site, theme)
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
	errs := make([]error, len(outputs.All)+2)
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
	var slow []int
	for i, o := range outputs.All {
		if o.Slow {
			slow = append(slow, i)
			continue
		}
		wg.Go(func() {
			if err := o.Make(site, c.cache, nil, emit); err != nil {
				errs[i+1] = catalog.Errorf("%s: %w", o.Name, err)
			}
		})
	}
	wg.Wait()
	// A slow output (the search index) is made only when a file another
	// output made could clash with its paths; else its one file of a fixed
	// name stands for it.
	for _, i := range slow {
		o := outputs.All[i]
		if !slices.ContainsFunc(paths, outputs.ClashesWithSearch) {
			emit(outputs.SearchStandIn())
		} else if err := o.Make(site, c.cache, nil, emit); err != nil {
			errs[i+1] = catalog.Errorf("%s: %w", o.Name, err)
		}
	}
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
	w.Screen(gate)
	w.Add(files...)
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
