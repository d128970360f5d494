package render

import (
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/engine"
	"alliance/internal/model"
)

// partialCache holds, for one call of Render, the output of the partials
// layouts render with cached. It lives no longer than the call, so a partial
// never shows a site other than the one being rendered.
type partialCache struct {
	m sync.Map // partialKey → cachedPartial
}

// cachedPartial is a partial's output and the inputs of the site it read
// (see SiteView), which every page that shows the output reads too.
type cachedPartial struct {
	html template.HTML
	deps []string
}

// partialKey names one output of a cached partial: the partial and the keys
// the layout gave.
type partialKey struct {
	name string
	keys [maxCacheKeys]any
}

const maxCacheKeys = 3

// worker renders pages on one goroutine of Render. It clones the theme's
// layouts as it first needs them, so that workers share no template (each
// execution locks its template set), and binds the clones' cached function
// to the call's cache.
type worker struct {
	th       *Theme
	cache    *partialCache
	funcs    template.FuncMap
	layouts  map[string]*template.Template
	partials *template.Template // base.html and partials/, where cached partials run
	rec      *engine.Recorder   // the inputs the page being rendered reads
	now      time.Time          // the site's clock
}

func newWorker(th *Theme, cache *partialCache) *worker {
	w := &worker{th: th, cache: cache, layouts: map[string]*template.Template{}}
	w.funcs = template.FuncMap{"cached": w.cached, "open": w.open}
	return w
}

// layout returns the worker's clone of the layout of kind.
func (w *worker) layout(kind string) (*template.Template, error) {
	if t, ok := w.layouts[kind]; ok {
		return t, nil
	}
	master, ok := w.th.layouts[kind]
	if !ok {
		return nil, catalog.Errorf("no layout %s.html", kind)
	}
	t, err := master.Clone()
	if err != nil {
		return nil, err
	}
	w.layouts[kind] = t.Funcs(w.funcs)
	return t, nil
}

// open reports whether d is still open at the site's clock, and records
// that the page depends on that answer (DepOpen), which changes only when
// the clock passes d.
func (w *worker) open(d *model.Deadline) bool {
	if d == nil {
		return false
	}
	w.rec.Use(DepOpen + strconv.FormatInt(d.Time.UnixNano(), 10))
	return d.Open(w.now)
}

// cached renders the partial called name with data once per call of Render
// for each combination of keys (at most three, each a comparable value such
// as a pointer, string or number), and returns that output every time after.
// A layout uses it for what many pages show alike: the site's header is the
// same on every page linked from the same menu item, a notice's line in a
// list is the same in every list. The partial's output must depend on
// nothing but the keys, the site's settings and the UI strings. It runs in
// the set of base.html and partials/, so it cannot call templates a layout
// defines, and it is escaped as HTML text, so it belongs where {{template}}
// would put HTML text.
func (w *worker) cached(name string, data any, keys ...any) (template.HTML, error) {
	if len(keys) > maxCacheKeys {
		return "", catalog.Errorf("cached %q: at most %d keys, not %d", name, maxCacheKeys, len(keys))
	}
	k := partialKey{name: name}
	for i, v := range keys {
		if v != nil && !reflect.TypeOf(v).Comparable() {
			return "", catalog.Errorf("cached %q: key %d is a %T, which cannot tell outputs apart; pass a pointer, string or number", name, i+1, v)
		}
		k.keys[i] = v
	}
	if h, ok := w.cache.m.Load(k); ok {
		c := h.(cachedPartial)
		for _, d := range c.deps {
			w.rec.Use(d)
		}
		return c.html, nil
	}
	if w.partials == nil {
		t, err := w.th.root.Clone()
		if err != nil {
			return "", err
		}
		w.partials = t.Funcs(w.funcs)
	}
	var b strings.Builder
	page := w.rec
	w.rec = page.Child()
	err := w.partials.ExecuteTemplate(&b, name, data)
	deps := w.rec.Names()
	w.rec = page
	if err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	w.cache.m.Store(k, cachedPartial{h, deps})
	return h, nil
}
