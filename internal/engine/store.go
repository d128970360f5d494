package engine

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/rawfile"
)

// Dir is the folder of a site where the build cache lives, beside the cache
// of image renditions. It is safe to delete at any time.
const Dir = ".alliance-cache/build"

const (
	indexMagic = "alliance build cache 1\n"
	indexName  = "index"
	headName   = "head"
)

// Record is what a run learned about one step: the key of its declared
// inputs, the inputs it was found to read as it ran and their values then,
// and the files it made. A later run whose step has the same key and finds
// the same values may keep the files instead of running the step.
type Record struct {
	Key   Sum
	Deps  []Dep
	Out   []Out
	Until time.Time // when set, the record holds only before this time
	Data  []byte    // what else the step keeps, in its own encoding
	// Blobs are the keys of the blobs the step read or wrote (Tracked): a
	// run that keeps the step keeps them (Store.Keep), for the run that
	// makes it again.
	Blobs []Sum
}

// Dep is an input a step read while it ran, by name, with its value then.
type Dep struct {
	Name string
	Sum  Sum
}

// Out is one file a step made, as the writer recorded it.
type Out struct {
	Path string
	Sum  string
	Size int64
}

// Store keeps, between runs, the records of steps and blobs of data by the
// sum of what they were made from. Nothing in it is trusted: an index or a
// blob that fails its checksum, or was made by another version of the
// program, is ignored with a warning. A Store without a folder (Memory)
// keeps everything in memory, for a process that builds many times.
type Store struct {
	dir     string // "" for a Store in memory only
	version Sum

	indexOnce sync.Once
	packOnce  sync.Once
	mu        sync.Mutex
	head      Record
	prev      map[string]Record
	next      map[string]Record
	blobs     map[Sum]blob
	mem       map[Sum][]byte // the blobs' data, in a Store without a folder
	packed    int64          // bytes in the pack file, live or not
	packID    [packIDLen]byte
	pack      *os.File      // the pack, open to append this run's blobs
	packBuf   *bufio.Writer // writes to pack
	flushed   int64         // bytes of the pack surely in the file, not in packBuf
	reader    *os.File      // the pack as the run found it, open to read
	appended  bool          // blobs were appended since the table of contents was written
	warnings  []string
	warned    bool // a corrupt blob was reported
}

// Open opens the cache in dir (the site's Dir), made by the program whose
// version is given. A missing cache is empty; a corrupt or foreign one is
// empty too, and Warnings says so.
func Open(dir string, version Sum) *Store {
	return &Store{dir: dir, version: version, prev: map[string]Record{}, next: map[string]Record{}, blobs: map[Sum]blob{}, mem: map[Sum][]byte{}}
}

// readIndex reads the records of the previous run, once, when first needed:
// a run that finds nothing changed (Head) never needs them.
func (s *Store) readIndex() {
	s.indexOnce.Do(func() {
		if s.dir == "" {
			return
		}
		var m map[string]Record
		if s.readChecked(indexName, func(b []byte) (ok bool) { m, ok = decodeIndex(b); return ok }) {
			s.prev = m
		}
	})
}

// readChecked decodes the file name of the cache with decode, checking its
// magic line, version and checksum; false when it is missing, foreign or
// damaged (with a warning for the last two).
func (s *Store) readChecked(name string, decode func([]byte) bool) bool {
	data, err := os.ReadFile(filepath.Join(s.dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		s.warn(catalog.Sprintf("cannot read the build cache %s: %v; building without it", s.dir, err))
		return false
	}
	ver, rest, ok := splitHeader(data)
	if !ok || len(rest) < 32 {
		s.warn(catalog.Sprintf("the build cache %s is not one alliance made; it is ignored and will be replaced", s.dir))
		return false
	}
	sum, body := Sum(rest), rest[32:]
	if sha256.Sum256(body) != sum {
		s.warn(catalog.Sprintf("the build cache %s is damaged; it is ignored and will be replaced", s.dir))
		return false
	}
	if ver != s.version {
		// Made by another build of the program: its records may not
		// describe what this one makes. Not a fault, so said quietly.
		return false
	}
	if !decode(body) {
		s.warn(catalog.Sprintf("the build cache %s is damaged; it is ignored and will be replaced", s.dir))
		return false
	}
	return true
}

// splitHeader returns the version of the program that wrote a file of the
// cache whose bytes begin with b, and the bytes after it (the checksum and
// the body); false when b is not the start of such a file.
func splitHeader(b []byte) (ver Sum, rest []byte, ok bool) {
	rest, ok = bytes.CutPrefix(b, []byte(indexMagic))
	if !ok || len(rest) < len(ver) {
		return ver, nil, false
	}
	return Sum(rest), rest[len(ver):], true
}

// writeChecked writes into the file name of the cache what encode appends,
// as readChecked reads it.
func (s *Store) writeChecked(name string, encode func([]byte) []byte) error {
	// The header first, its sum left blank, then the body, encoded in
	// place: the index is megabytes, and is not copied again.
	b := append([]byte(indexMagic), s.version[:]...)
	at := len(b)
	b = encode(append(b, make([]byte, sha256.Size)...))
	sum := sha256.Sum256(b[at+sha256.Size:])
	copy(b[at:], sum[:])
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return err
	}
	return replaceFile(filepath.Join(s.dir, name), b)
}

// Head returns the record of the whole run kept by SetHead, which a run
// reads first to find out whether anything changed at all.
func (s *Store) Head() (Record, bool) {
	if s.dir == "" {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.head, !s.head.Key.IsZero()
	}
	var r Record
	ok := s.readChecked(headName, func(b []byte) (ok bool) { r, ok = decodeRecord(b); return ok })
	return r, ok
}

// Warm reports whether a run of this program saved its records here, so
// that this one will read most of what it needs instead of making it. It
// says nothing of whether they are sound, and warns of nothing: Head and
// the reads after it do.
func (s *Store) Warm() bool {
	if s.dir == "" {
		return false
	}
	// The index, not the head: a run that began within Settle of an
	// edit leaves no head, and its records are as good.
	f, err := os.Open(filepath.Join(s.dir, indexName))
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, len(indexMagic)+len(s.version))
	if _, err := io.ReadFull(f, b); err != nil {
		return false
	}
	ver, _, ok := splitHeader(b)
	return ok && ver == s.version
}

// SetHead keeps r as the record of the whole run, written by Save.
func (s *Store) SetHead(r Record) {
	s.mu.Lock()
	s.head = r
	s.mu.Unlock()
}

// Memory returns a Store that keeps everything in memory: for the dev
// server, which builds again on every change, and for tests.
func Memory(version Sum) *Store {
	return &Store{version: version, prev: map[string]Record{}, next: map[string]Record{}, blobs: map[Sum]blob{}, mem: map[Sum][]byte{}}
}

// Warnings returns what was wrong with the cache, in the current language.
func (s *Store) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.warnings...)
}

func (s *Store) warn(msg string) {
	s.mu.Lock()
	s.warnings = append(s.warnings, msg)
	s.mu.Unlock()
}

// Fresh returns the previous run's record of step id when it was made from
// inputs with the same key and every input it read still has the value it
// had, as current tells (false: the input is gone or unknown).
func (s *Store) Fresh(id string, key Sum, now time.Time, current func(name string) (Sum, bool)) (Record, bool) {
	s.readIndex()
	s.mu.Lock()
	r, ok := s.prev[id]
	s.mu.Unlock()
	if !ok || r.Key != key || (!r.Until.IsZero() && !now.Before(r.Until)) {
		return Record{}, false
	}
	for _, d := range r.Deps {
		if v, ok := current(d.Name); !ok || v != d.Sum {
			return Record{}, false
		}
	}
	return r, true
}

// Put keeps r as step id's record for the next run. Only steps put in this
// run are kept: the records of outputs the site no longer makes go.
func (s *Store) Put(id string, r Record) {
	s.mu.Lock()
	s.next[id] = r
	s.mu.Unlock()
}

// Save writes the records of this run for the next one, and deletes the
// blobs this run neither read nor wrote. The previous run's records are
// the next run's records from then on, as for a Store in memory.
func (s *Store) Save() error {
	s.readIndex()
	s.readPackOnce()
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.next
	s.prev, s.next = next, map[string]Record{}
	if s.dir == "" {
		s.sweepMemory()
		return nil
	}
	// The head goes last and is removed first: a run stopped half way
	// leaves no head that vouches for records it did not write.
	os.Remove(filepath.Join(s.dir, headName))
	ignoreInGit(filepath.Dir(s.dir))
	if err := s.settlePack(true); err != nil {
		return err
	}
	if err := s.writeChecked(indexName, func(b []byte) []byte { return appendIndex(b, next) }); err != nil {
		return err
	}
	if s.head.Key.IsZero() {
		return nil
	}
	return s.writeChecked(headName, func(b []byte) []byte { return appendRecord(b, s.head) })
}

// ignoreInGit puts a .gitignore that ignores everything into the cache's
// folder, so that the cache is never committed with the site's sources.
func ignoreInGit(dir string) {
	name := filepath.Join(dir, ".gitignore")
	if _, err := os.Stat(name); err == nil {
		return
	}
	if os.MkdirAll(dir, 0o755) == nil {
		os.WriteFile(name, []byte("# Written by alliance: its caches are made again from the sources; never commit them.\n*\n"), 0o644)
	}
}

// replaceFile writes data to name through a temporary file, so that a
// reader never sees half of it.
func replaceFile(name string, data []byte) error {
	tmp := name + ".tmp-" + randomName()
	if err := rawfile.WriteFile(tmp, data); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
