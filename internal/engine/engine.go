// Package engine is what lets a build do only the work its changes call for.
// Each output is made by a step that declares its inputs as a key (a Sum of
// the source files, settings and layouts it reads) and records the inputs it
// reads while it runs (which collections of the site a layout ranges over).
// A Store keeps each step's record between runs, in the site's cache folder
// or in memory; a later run keeps a step's files when its key and recorded
// inputs are unchanged, and runs it otherwise. The package knows nothing of
// pages or notices: the orchestrator (build) names the steps and their inputs.
package engine

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"sort"
	"sync"
)

var (
	versionOnce sync.Once
	version     Sum
)

// Version names the running program: the Sum of its executable, so that a
// new build of alliance never trusts records an older one made. When the
// executable cannot be read, every run gets a Version of its own.
func Version() Sum {
	versionOnce.Do(func() {
		h := sha256.New()
		if exe, err := os.Executable(); err == nil {
			if f, err := os.Open(exe); err == nil {
				_, err = io.Copy(h, f)
				f.Close()
				if err == nil {
					h.Sum(version[:0])
					return
				}
			}
		}
		rand.Read(version[:])
	})
	return version
}

// Recorder collects the names of the inputs a step reads as it runs. It is
// safe for concurrent use; a nil Recorder records nothing.
type Recorder struct {
	mu     sync.Mutex
	names  map[string]bool
	parent *Recorder
}

// Child returns a Recorder whose inputs are recorded in r too: for a part
// of a step whose result is reused by other steps, which then Use its Names.
func (r *Recorder) Child() *Recorder { return &Recorder{names: map[string]bool{}, parent: r} }

// NewRecorder returns an empty Recorder.
func NewRecorder() *Recorder { return &Recorder{names: map[string]bool{}} }

// Use records that the input called name was read.
func (r *Recorder) Use(name string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.names[name] = true
	r.mu.Unlock()
	r.parent.Use(name)
}

// Names returns what was recorded, sorted.
func (r *Recorder) Names() []string {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.names))
	for n := range r.names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Deps returns the recorded names with their values from current; ok is
// false when an input has no value (the step cannot be recorded).
func (r *Recorder) Deps(current func(string) (Sum, bool)) ([]Dep, bool) {
	names := r.Names()
	deps := make([]Dep, 0, len(names))
	for _, n := range names {
		v, ok := current(n)
		if !ok {
			return nil, false
		}
		deps = append(deps, Dep{n, v})
	}
	return deps, true
}

func randomName() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
