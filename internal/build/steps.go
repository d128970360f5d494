package build

import (
	"sync"

	"alliance/internal/config"
	"alliance/internal/engine"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/parallel"
	"alliance/internal/render"
)

// pageSteps makes each planned page a step of the engine: its declared
// inputs are the program, the theme, the settings and everything the page
// shows (its Page, hashed deeply); its recorded inputs are the parts of the
// site its layouts read through .Site. A page whose inputs are unchanged
// since the build that wrote the destination is kept as it is.
type pageSteps struct {
	store  *engine.Store
	w      *output.Writer
	site   *model.Site
	values *engine.Values
	static engine.Sum // the inputs every page shares

	mu      sync.Mutex
	deps    map[string]*depValue  // the site's inputs by name
	ran     []ranPage             // pages rendered, recorded once written
	keys    map[string]engine.Sum // by path, for the pages to render
	outs    []ranOutput           // other outputs made, recorded once written
	planned int
}

// ranOutput is an output other than a page made in this build.
type ranOutput struct {
	id    string
	key   engine.Sum
	paths []string
	blobs *engine.Tracked // the cache as the output saw it
}

// ranPage is a page rendered in this build, to record once it is written.
type ranPage struct {
	path string
	deps []engine.Dep
}

func newPageSteps(store *engine.Store, w *output.Writer, site *model.Site, theme *render.Theme) *pageSteps {
	v := engine.NewValues((*render.SiteView)(nil), (*config.Site)(nil))
	// The settings are hashed on their own: pages skip them, as a part of
	// every page's inputs.
	static := engine.NewHasher().String("page 1").Sum(engine.Version()).Sum(theme.Sum()).Sum(engine.NewValues().Of(site.Config)).Done()
	s := &pageSteps{store: store, w: w, site: site, values: v, static: static, deps: map[string]*depValue{}, keys: map[string]engine.Sum{}}
	// The site's collections first, in order, before any step runs: the
	// values they share with the pages are remembered as hashed from here
	// in every run, and no others are (see engine.Values.Freeze), so a
	// page's key does not depend on which step hashed a notice first.
	for _, name := range render.Collections {
		s.current(name)
	}
	v.Freeze()
	return s
}

// current returns the value of the site's input called name, worked out
// once however many steps ask for it at the same time.
func (s *pageSteps) current(name string) (engine.Sum, bool) {
	s.mu.Lock()
	d := s.deps[name]
	if d == nil {
		d = &depValue{}
		s.deps[name] = d
	}
	s.mu.Unlock()
	d.once.Do(func() { d.sum, d.ok = render.DepSum(s.site, s.values, name) })
	return d.sum, d.ok
}

// depValue is the value of one of the site's inputs, once worked out.
type depValue struct {
	once sync.Once
	sum  engine.Sum
	ok   bool
}

// stale keeps every page whose record says it is unchanged and returns the
// others, to render.
func (s *pageSteps) stale(planned []render.Planned) []render.Planned {
	s.planned = len(planned)
	keys := make([]engine.Sum, len(planned))
	kept := make([]bool, len(planned))
	now := s.site.Now
	parallel.Each(len(planned), func(i int) {
		p := planned[i]
		keys[i] = engine.NewHasher().Sum(s.static).String(p.Path).Sum(s.values.Of(p.Page)).Done()
		id := "page:" + p.Path
		if r, ok := s.store.Fresh(id, keys[i], now, s.current); ok && len(r.Out) == 1 && s.w.Keep(r.Out[0].Path, r.Out[0].Sum, r.Out[0].Size, p.Page.Source()) {
			s.store.Put(id, r)
			kept[i] = true
		}
	})
	var redo []render.Planned
	for i, p := range planned {
		if !kept[i] {
			s.keys[p.Path] = keys[i]
			redo = append(redo, p)
		}
	}
	return redo
}

// rendered notes that the page at path was rendered, reading the inputs
// named deps.
func (s *pageSteps) rendered(path string, deps []string) {
	ds := make([]engine.Dep, 0, len(deps))
	for _, n := range deps {
		v, ok := s.current(n)
		if !ok {
			return // an input without a value: the page is never kept
		}
		ds = append(ds, engine.Dep{Name: n, Sum: v})
	}
	s.mu.Lock()
	s.ran = append(s.ran, ranPage{path, ds})
	s.mu.Unlock()
}

// output runs the step id, whose declared inputs are the named parts of
// the site and extra (such as the settings), unless its record is fresh and
// every file it made is as it left it; then it keeps those files and emits
// none. run gives its files to emit as it makes them. The site's parts are
// hashed once per build (current). run may keep files of the previous
// build instead of making them (output.Keeper); they are the step's files
// too. run reads and writes the cache through c, which notes the blobs it
// uses: a build that keeps the step keeps them too (engine.Tracked).
func (s *pageSteps) output(id string, extra engine.Sum, parts []string, emit func([]output.File), run func(c *engine.Tracked, emit func([]output.File), keep output.Keeper) error) error {
	h := engine.NewHasher().String("output 1").String(id).Sum(s.static).Sum(extra)
	for _, p := range parts {
		v, ok := s.current(p)
		if !ok {
			return run(s.store.Track(), emit, nil)
		}
		h.String(p).Sum(v)
	}
	key := h.Done()
	if r, ok := s.store.Fresh(id, key, s.site.Now, s.current); ok && s.keepAll(r.Out) {
		s.store.Keep(r.Blobs)
		s.store.Put(id, r)
		return nil
	}
	c := s.store.Track()
	var (
		mu    sync.Mutex
		paths []string
	)
	err := run(c, func(files []output.File) {
		mu.Lock()
		for _, f := range files {
			paths = append(paths, f.Path)
		}
		mu.Unlock()
		emit(files)
	}, func(p string, sum [32]byte, size int64) bool {
		if !s.w.KeepMade(p, sum, size) {
			return false
		}
		mu.Lock()
		paths = append(paths, p)
		mu.Unlock()
		return true
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.outs = append(s.outs, ranOutput{id, key, paths, c})
	s.mu.Unlock()
	return nil
}

// keepAll keeps every file of outs, or none when any is not as the step
// left it.
func (s *pageSteps) keepAll(outs []engine.Out) bool {
	for _, o := range outs {
		if !s.w.Unchanged(o.Path, o.Sum, o.Size) {
			return false
		}
	}
	for _, o := range outs {
		s.w.Keep(o.Path, o.Sum, o.Size, "")
	}
	return true
}

// record keeps, after the writer committed, the record of every page
// rendered, with what the writer wrote.
func (s *pageSteps) record() {
	for _, r := range s.ran {
		sum, size, ok := s.w.Entry(r.path)
		if !ok {
			continue
		}
		s.store.Put("page:"+r.path, engine.Record{Key: s.keys[r.path], Deps: r.deps, Out: []engine.Out{{Path: r.path, Sum: sum, Size: size}}})
	}
outputs:
	for _, o := range s.outs {
		rec := engine.Record{Key: o.key, Blobs: o.blobs.Keys()}
		for _, p := range o.paths {
			sum, size, ok := s.w.Entry(p)
			if !ok {
				continue outputs
			}
			rec.Out = append(rec.Out, engine.Out{Path: p, Sum: sum, Size: size})
		}
		s.store.Put(o.id, rec)
	}
}
