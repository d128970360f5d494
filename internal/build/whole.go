package build

import (
	"bytes"
	"encoding/gob"
	"path/filepath"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/model"
	"alliance/internal/output"
)

// The whole build is a step too: its inputs are every file under the
// folders a build reads, by name, size, times and inode (engine.Tree), and
// the options. When none changed since the build that wrote the
// destination, and the destination is intact, and no deadline, publication
// or expiry fell due since, the build has nothing to do: it reports what
// that build made and stops, without loading the site. A build whose
// inputs had not all settled (engine.Settle) when it began is not recorded
// so: a file written again within the same tick of the clock, at the same
// size, would look unchanged to the next build.

// inputs are the entries of the site folder a build reads.
var inputs = []string{"site.toml", "content", "data", "themes", "layouts", "static"}

// headData is what a build that changed nothing reports, from the build
// that did the work.
type headData struct {
	Manifest string // the sum of the destination's manifest then
	Counts   map[string]int
	Held     map[string]int
	Files    int
	Bytes    int64
	Warnings []diag.Problem
}

// wholeKey returns the key of the whole build, and the stamps of the
// files it read (see engine.Tree): ok is false when the inputs cannot be
// vouched for by their file times (a link among them).
func wholeKey(opts Options) (engine.Sum, map[string]engine.FileStamp, bool) {
	tree, stamps, ok := engine.Tree(opts.Source, inputs)
	if !ok {
		return engine.Sum{}, nil, false
	}
	dest, err := filepath.Abs(opts.Destination)
	if err != nil {
		return engine.Sum{}, nil, false
	}
	return engine.NewHasher().String("whole 1").Sum(engine.Version()).Sum(tree).String(dest).
		String(opts.BaseURL).Bool(opts.Drafts).Bool(opts.Future).Bool(opts.Expired).Bool(opts.NoMinify).
		Int(int64(catalog.Current())).Done(), stamps, true
}

// unchanged returns the summary of the previous build when the whole build
// is unchanged since it (see above).
func unchanged(opts Options, key engine.Sum, now time.Time) (*Summary, bool) {
	r, ok := opts.Store.Head()
	if !ok || r.Key != key || (!r.Until.IsZero() && !now.Before(r.Until)) {
		return nil, false
	}
	var d headData
	if gob.NewDecoder(bytes.NewReader(r.Data)).Decode(&d) != nil {
		return nil, false
	}
	if sum, ok := output.Intact(opts.Destination); !ok || sum != d.Manifest {
		return nil, false
	}
	return &Summary{Counts: d.Counts, Held: d.Held, Files: d.Files, Bytes: d.Bytes, Reused: d.Files, Warnings: d.Warnings}, true
}

// setHead records the build just made as the whole build's step, valid
// until the first moment its output could change with the clock alone.
func setHead(opts Options, key engine.Sum, sum *Summary, site *model.Site) {
	manifest, ok := output.ManifestSum(opts.Destination)
	if !ok {
		return
	}
	d := headData{Manifest: manifest, Counts: sum.Counts, Held: sum.Held, Files: sum.Files, Bytes: sum.Bytes, Warnings: sum.Warnings}
	var b bytes.Buffer
	if gob.NewEncoder(&b).Encode(d) != nil {
		return
	}
	opts.Store.SetHead(engine.Record{Key: key, Until: nextChange(site), Data: b.Bytes()})
}

// nextChange is the first moment after the site's clock at which a build of
// the same sources would make something else: the next midnight (pages
// that read the clock depend on the day), a deadline, or a publish or
// expiry date (model.Site.NextChange).
func nextChange(site *model.Site) time.Time {
	now := site.Now
	y, m, d := now.Date()
	until := time.Date(y, m, d+1, 0, 0, 0, 0, now.Location())
	sooner := func(t time.Time) {
		if t.After(now) && t.Before(until) {
			until = t
		}
	}
	sooner(site.NextChange)
	for _, n := range site.Notices {
		if n.Deadline != nil {
			sooner(n.Deadline.Time)
		}
	}
	for _, t := range site.Templates {
		if t.Submission.Deadline != nil {
			sooner(t.Submission.Deadline.Time)
		}
	}
	return until
}
