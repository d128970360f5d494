// Package build runs the pipeline: load the site, render its pages, produce
// every other output, and write them into the destination in one swap. It only
// calls the stages; each stage's work lives in its own package.
package build

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/icons"
	"alliance/internal/images"
	"alliance/internal/load"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/outputs"
	"alliance/internal/privacy"
	"alliance/internal/render"
	"alliance/internal/sitemap"
)

// Options say what to build and where.
type Options struct {
	Source      string    // the site folder; "" means "."
	Destination string    // "" means Source/public
	BaseURL     string    // overrides base_url
	Drafts      bool      // include drafts
	Future      bool      // include pages whose publish_date is still to come
	Expired     bool      // include pages whose expiry_date has passed
	Now         time.Time // the build's clock; zero means now
	NoMinify    bool      // leave layouts, pages, CSS and JS unminified, for debugging
	DryRun      bool      // do everything but write, failing wherever a build would; the Summary lists what would be written

	// Store, when set, keeps what this build learns for the next one and
	// lets it keep every output whose inputs are unchanged (see engine).
	// A dry run neither reads nor changes it.
	Store *engine.Store

	// Progress, when set, is called with the name of each stage as it starts.
	Progress func(stage string)
}

// Summary says what a build did.
type Summary struct {
	Counts   map[string]int // pages by kind: notices, reports, pages, directories, templates, tags
	Held     map[string]int // pages held back, by reason
	Files    int
	Bytes    int64
	Reused   int // files unchanged since the previous build, not written again
	Rendered int // pages rendered; the others were kept (see engine)
	// Written lists the files whose content changed or that are new, and
	// Removed the files of the previous build that are gone: what a
	// browser showing the site must load again. Sorted; empty after a
	// build that found nothing changed.
	Written, Removed []string
	Images           int // images processed, not found in the cache of renditions
	Duration         time.Duration
	Warnings         []diag.Problem
	Site             *model.Site
	Theme            *render.Theme // the theme the site was built with, beside Site

	// With DryRun: every file the build would write (site-relative paths)
	// and the rendered HTML pages, for checks that look at the result.
	Paths []string
	Pages []output.File
}

// Run builds the site. On any error the destination is left as it was, but
// for one marked output.ErrDestChanged, whose message says what it holds; the
// error lists every problem found (a diag.Errors) where the source is at fault.
func Run(opts Options) (*Summary, error) {
	start := time.Now()
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Destination == "" {
		opts.Destination = filepath.Join(opts.Source, "public")
	}
	if err := checkPlaces(opts.Source, opts.Destination); err != nil {
		return nil, err
	}
	if opts.DryRun {
		opts.Store = nil
	}
	// Nothing changed since the build that wrote the destination: nothing
	// to do (see whole.go).
	var (
		whole   engine.Sum
		wholeOK bool
		stamps  map[string]engine.FileStamp
	)
	if opts.Store != nil {
		if whole, stamps, wholeOK = wholeKey(opts); wholeOK {
			// Recorded only when every input had settled (see whole.go);
			// a record made before is still good.
			now := opts.Now
			if now.IsZero() {
				now = time.Now()
			}
			if sum, ok := unchanged(opts, whole, now); ok {
				sum.Duration = time.Since(start)
				return sum, nil
			}
		}
	}
	sum := &Summary{Counts: map[string]int{}}
	stage := func(name string) {
		if opts.Progress != nil {
			opts.Progress(name)
		}
	}
	var dl diag.List
	stage(catalog.Key("loading"))
	lo := loadOptions(opts)
	if opts.Store != nil {
		lo.Cache, lo.Stamps = opts.Store, stamps
	}
	site := load.Site(opts.Source, lo, &dl)
	var minifier *output.Minifier
	if !opts.NoMinify {
		minifier = output.NewMinifier()
	}
	var theme *render.Theme
	if site != nil {
		theme = render.LoadTheme(opts.Source, site.Config, minifier, &dl)
	}
	if opts.Store != nil {
		for _, msg := range opts.Store.Warnings() {
			dl.Add(diag.Problem{File: engine.Dir, Msg: msg, Warning: true})
		}
	}
	sum.Warnings = dl.Warnings()
	if err := dl.Err(); err != nil {
		return sum, err
	}
	sum.Site, sum.Theme = site, theme
	// Files are written as each stage makes them, into a folder beside the
	// destination that reaches it only when everything succeeded (see
	// output.Writer). A dry run's writer checks them as a build's does and
	// writes nothing; the build keeps their paths.
	var (
		w    *output.Writer
		kept []string
		mu   sync.Mutex
	)
	if opts.DryRun {
		w = output.NewDryWriter(minifier)
	} else {
		var err error
		if w, err = output.NewWriter(opts.Destination, minifier); err != nil {
			return sum, err
		}
	}
	// The loader gave every file to copy by its real path inside the site
	// folder; the writer checks it again as it copies, or would copy.
	if err := w.SourcesIn(opts.Source); err != nil {
		w.Abort()
		return sum, err
	}
	// Nothing showing a personal number in full is written: the writer
	// passes every file through the gate.
	gate := output.NewGate(func() map[string]bool { return privacy.Public(site) })
	w.Screen(gate)
	emit := func(files []output.File) {
		w.Add(files...)
		if opts.DryRun {
			mu.Lock()
			for _, f := range files {
				kept = append(kept, f.Path)
			}
			mu.Unlock()
		}
	}
	// The icons a phone asks for are drawn unless static/ has them.
	var steps *pageSteps // the engine's steps, when there is a cache
	if opts.Store != nil {
		steps = newPageSteps(opts.Store, w, site, theme)
	}
	copied, err := outputs.Copied(opts.Source, site, theme)
	var generated []output.File
	if err == nil {
		makeIcons := func(_ *engine.Tracked, emit func([]output.File), _ output.Keeper) error {
			files, err := icons.Build(site.Config, theme.HasStatic)
			emit(files)
			return err
		}
		keep := func(files []output.File) { generated = append(generated, files...) }
		if steps != nil {
			err = steps.output("icons", theme.Sum(), nil, keep, makeIcons)
		} else {
			err = makeIcons(nil, keep, nil)
		}
	}
	if err != nil {
		if w != nil {
			w.Abort()
		}
		return sum, err
	}
	emit(copied)
	emit(generated)
	// Pages and the other outputs do not depend on each other: make them at
	// the same time so single-threaded stages overlap with parallel ones.
	stage(catalog.Key("rendering pages and outputs"))
	var (
		pages []output.File // kept for a dry run only
		urls  []sitemap.Page
		html  int
	)
	errs := make([]error, len(outputs.All)+2)
	var wg sync.WaitGroup
	wg.Go(func() {
		// Photos as renditions; a dry run only lists them.
		var cache *images.Cache
		if !opts.DryRun {
			cache = &images.Cache{Dir: filepath.Join(opts.Source, images.CacheDir)}
			defer func() { sum.Images = int(cache.Made()) }()
		}
		files, err := images.Build(site, cache)
		errs[len(errs)-1] = err // a diag.Errors, with file and line
		emit(files)
	})
	var rendered int
	wg.Go(func() {
		planned := render.Plan(site)
		html = len(planned)
		urls = sitemap.PagesOf(planned)
		if opts.DryRun {
			pages = make([]output.File, len(planned))
		}
		todo := planned
		if steps != nil {
			todo = steps.stale(planned)
		}
		rendered = len(todo)
		errs[0] = render.RenderRecorded(todo, theme, func(i int, f output.File, deps []string) {
			if steps != nil {
				steps.rendered(f.Path, deps)
			}
			if opts.DryRun {
				f.Data = bytes.Clone(f.Data) // lent by the renderer
				pages[i] = f
				emit([]output.File{f})
				return
			}
			w.Write(f) // at once, from the renderer's buffer
		})
	})
	for i, o := range outputs.All {
		wg.Go(func() {
			var err error
			if steps != nil {
				run := func(c *engine.Tracked, emit func([]output.File), keep output.Keeper) error {
					return o.Make(site, c, keep, emit)
				}
				err = steps.output(o.Name, engine.Sum{}, o.Parts, emit, run)
			} else {
				err = o.Make(site, nil, nil, emit)
			}
			if err != nil {
				errs[i+1] = catalog.Errorf("%s: %w", o.Name, err)
			}
		})
	}
	wg.Wait()
	err = errors.Join(errs...)
	if err == nil {
		var sm []output.File
		if sm, err = sitemap.Build(site, urls); err == nil {
			emit(sm)
		}
	}
	if err == nil {
		err = gate.Err()
	}
	if err == nil {
		err = site.Late.Err() // a text the cache held, then failed to give
	}
	if err != nil {
		w.Abort()
		return sum, err
	}
	if !opts.DryRun {
		stage(catalog.Key("writing"))
	}
	if opts.DryRun {
		sum.Paths, sum.Pages = kept, pages // every stage ran: complete, for checks, even when the paths clash
	}
	stats, err := w.Commit()
	if err != nil {
		return sum, err
	}
	if steps != nil {
		steps.record()
	}
	sum.Files, sum.Bytes, sum.Reused = stats.Files, stats.Bytes, stats.Reused
	sum.Written, sum.Removed = stats.Written, stats.Removed
	sum.Counts["notices"] = len(site.Notices)
	sum.Counts["reports"] = len(site.Reports)
	sum.Counts["pages"] = len(site.Pages)
	sum.Counts["directories"] = len(site.Directories)
	sum.Counts["templates"] = len(site.Templates)
	sum.Counts["tags"] = len(site.Tags)
	sum.Counts["html"] = html
	sum.Rendered = rendered
	sum.Held = site.Held
	if opts.Store != nil {
		if wholeOK && engine.Settled(stamps, start) {
			setHead(opts, whole, sum, site)
		}
		if err := opts.Store.Save(); err != nil {
			// The site is built; only the next build is slower.
			sum.Warnings = append(sum.Warnings, diag.Problem{File: engine.Dir, Msg: catalog.Sprintf("cannot save the build cache: %v", err), Warning: true})
		}
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

// loadOptions are the load options a build uses for opts.
func loadOptions(o Options) load.Options {
	return load.Options{BaseURL: o.BaseURL, Drafts: o.Drafts, Future: o.Future, Expired: o.Expired, Now: o.Now}
}

// checkPlaces refuses a destination that is the site folder or holds it, so a
// build can never replace the sources it reads.
func checkPlaces(src, dest string) error {
	s, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	d, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if s == d || strings.HasPrefix(s+string(filepath.Separator), d+string(filepath.Separator)) {
		return catalog.Errorf("destination %s holds the site folder %s; choose a destination such as %s", dest, src, filepath.Join(src, "public"))
	}
	for _, sub := range []string{"content", "data", "themes", "layouts", "static"} {
		p := filepath.Join(s, sub)
		if d == p || strings.HasPrefix(d, p+string(filepath.Separator)) {
			return catalog.Errorf("destination %s is inside the site's %s/ folder; choose a destination such as %s", dest, sub, filepath.Join(src, "public"))
		}
	}
	return nil
}
