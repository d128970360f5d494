package engine

import (
	"bytes"
	"slices"
	"sync"
)

// Tracked is a Store seen by one step, noting the key of every blob the
// step reads or writes. A step kept whole in a later run reads none of
// them, yet the run after may make it again from most of them (the search
// index, from its segments): the step's record lists them (Record.Blobs)
// and the run that keeps the step keeps them (Store.Keep), where they
// would otherwise be dropped as unused.
type Tracked struct {
	s    *Store
	mu   sync.Mutex
	keys map[Sum]bool
}

// Track returns s seen by one step.
func (s *Store) Track() *Tracked { return &Tracked{s: s, keys: map[Sum]bool{}} }

func (t *Tracked) note(key Sum) {
	t.mu.Lock()
	t.keys[key] = true
	t.mu.Unlock()
}

// Get returns the blob stored under key, as Store.Get, and notes key.
func (t *Tracked) Get(key [32]byte) ([]byte, bool) {
	b, ok := t.s.Get(key)
	if ok {
		t.note(key)
	}
	return b, ok
}

// Has reports whether a blob is stored under key, as Store.Has, and notes
// key.
func (t *Tracked) Has(key [32]byte) bool {
	ok := t.s.Has(key)
	if ok {
		t.note(key)
	}
	return ok
}

// PutBlob stores b under key, as Store.PutBlob, and notes key.
func (t *Tracked) PutBlob(key [32]byte, b []byte) {
	t.s.PutBlob(key, b)
	t.note(key)
}

// Keys returns the keys noted, in order.
func (t *Tracked) Keys() []Sum {
	t.mu.Lock()
	defer t.mu.Unlock()
	keys := make([]Sum, 0, len(t.keys))
	for k := range t.keys {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b Sum) int { return bytes.Compare(a[:], b[:]) })
	return keys
}

// Keep keeps the blobs under keys for the next run, as a Get would,
// without reading them: those of a step kept whole (Record.Blobs).
func (s *Store) Keep(keys []Sum) {
	s.readPackOnce()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		s.use(k)
	}
}
