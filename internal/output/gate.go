package output

import (
	"sync"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/privacy"
)

// Gate is the last check before files are written: it reads the text each
// output shows (privacy.Scan) and stops a personal mobile or ID-card number
// that earlier stages left in full, naming the output and the source file.
// Mobile numbers that the data marks public pass. It is safe for
// concurrent use.
type Gate struct {
	public func() map[string]bool
	once   sync.Once
	allow  map[string]bool

	mu       sync.Mutex
	problems diag.List
}

// NewGate returns a Gate that lets through the mobile numbers (eleven ASCII
// digits) that public returns; public is called once, and only when an
// output shows a mobile number in full.
func NewGate(public func() map[string]bool) *Gate { return &Gate{public: public} }

// Pass reports whether f shows no personal number in full, and records a
// problem for each it shows; the writer refuses such a file (Screen), and
// so does anything else that shows files, such as the dev server's preview.
func (g *Gate) Pass(f File) bool {
	ok := true
	for _, s := range privacy.Scan(f.Path, f.Data) {
		if s.Kind == privacy.Mobile && g.isPublic(s.Digits) {
			continue
		}
		ok = false
		file, where := f.Source, catalog.T("made from it")
		if file == "" {
			file, where = f.Path, catalog.T("made from several files")
		}
		kind := catalog.T("mobile")
		if s.Kind == privacy.IDCard {
			kind = catalog.T("ID-card")
		}
		g.mu.Lock()
		g.problems.Errorf(file, 0, "mask the number in the source (the build masks texts it knows; this one got through), or mark an office number public with phone = { number = \"…\", public = true }",
			"the output %s (%s) would show a personal %s number in full (%s); nothing was written", f.Path, where, kind, s.Masked)
		g.mu.Unlock()
	}
	return ok
}

func (g *Gate) isPublic(digits string) bool {
	g.once.Do(func() {
		if g.public != nil {
			g.allow = g.public()
		}
	})
	return g.allow[digits]
}

// Err returns the problems found, as a diag.Errors, or nil.
func (g *Gate) Err() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.problems.Err()
}
