package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
	blobMagic  = "alliance blob 1\n"
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
	blobs     map[Sum]*blob
	packed    int64 // bytes in the pack file, live or not
	warnings  []string
	warned    bool // a corrupt blob was reported
}

// blob is one entry of the pack: data stored under a key by PutBlob.
type blob struct {
	data    []byte
	sum     uint32 // CRC-32C of data, checked before data is first trusted
	checked bool   // sum was checked
	used    bool   // read or written in this run
	fresh   bool   // written in this run, not in the pack yet
}

// Open opens the cache in dir (the site's Dir), made by the program whose
// version is given. A missing cache is empty; a corrupt or foreign one is
// empty too, and Warnings says so.
func Open(dir string, version Sum) *Store {
	return &Store{dir: dir, version: version, prev: map[string]Record{}, next: map[string]Record{}, blobs: map[Sum]*blob{}}
}

// readIndex reads the records of the previous run, once, when first needed:
// a run that finds nothing changed (Head) never needs them.
func (s *Store) readIndex() {
	s.indexOnce.Do(func() {
		if s.dir == "" {
			return
		}
		var m map[string]Record
		if s.readChecked(indexName, &m) {
			s.prev = m
		}
	})
}

// readChecked decodes the file name of the cache into v, checking its
// magic line, version and checksum; false when it is missing, foreign or
// damaged (with a warning for the last two).
func (s *Store) readChecked(name string, v any) bool {
	data, err := os.ReadFile(filepath.Join(s.dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		s.warn(catalog.Sprintf("cannot read the build cache %s: %v; building without it", s.dir, err))
		return false
	}
	rest, ok := bytes.CutPrefix(data, []byte(indexMagic))
	if !ok || len(rest) < 64 {
		s.warn(catalog.Sprintf("the build cache %s is not one alliance made; it is ignored and will be replaced", s.dir))
		return false
	}
	var ver, sum Sum
	copy(ver[:], rest)
	copy(sum[:], rest[32:])
	body := rest[64:]
	if sha256.Sum256(body) != sum {
		s.warn(catalog.Sprintf("the build cache %s is damaged; it is ignored and will be replaced", s.dir))
		return false
	}
	if ver != s.version {
		// Made by another build of the program: its records may not
		// describe what this one makes. Not a fault, so said quietly.
		return false
	}
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(v); err != nil {
		s.warn(catalog.Sprintf("the build cache %s is damaged; it is ignored and will be replaced", s.dir))
		return false
	}
	return true
}

// writeChecked writes v into the file name of the cache, as readChecked
// reads it.
func (s *Store) writeChecked(name string, v any) error {
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(v); err != nil {
		return err
	}
	sum := sha256.Sum256(body.Bytes())
	var data bytes.Buffer
	data.Grow(len(indexMagic) + 64 + body.Len())
	data.WriteString(indexMagic)
	data.Write(s.version[:])
	data.Write(sum[:])
	data.Write(body.Bytes())
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return err
	}
	return replaceFile(filepath.Join(s.dir, name), data.Bytes())
}

// Head returns the record of the whole run kept by SetHead, which a run
// reads first to find out whether anything changed at all.
func (s *Store) Head() (Record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dir == "" {
		return s.head, !s.head.Key.IsZero()
	}
	var r Record
	ok := s.readChecked(headName, &r)
	return r, ok
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
	return &Store{version: version, prev: map[string]Record{}, next: map[string]Record{}, blobs: map[Sum]*blob{}}
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

// Get returns the blob stored under key, checking its sum.
func (s *Store) Get(key [32]byte) ([]byte, bool) {
	s.readPackOnce()
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.blobs[key]
	if !ok {
		return nil, false
	}
	if !b.checked {
		if crc32.Checksum(b.data, castagnoli) != b.sum {
			delete(s.blobs, key)
			if !s.warned {
				s.warned = true
				s.warnings = append(s.warnings, catalog.Sprintf("the build cache %s holds a damaged entry; it is ignored and made again", s.dir))
			}
			return nil, false
		}
		b.checked = true
	}
	b.used = true
	return b.data, true
}

// PutBlob stores b under key; the Store keeps b, which must not change.
func (s *Store) PutBlob(key [32]byte, b []byte) {
	s.readPackOnce()
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.blobs[key]; ok {
		old.used = true
		return
	}
	s.blobs[key] = &blob{data: b, sum: crc32.Checksum(b, castagnoli), checked: true, used: true, fresh: true}
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
	var live int64 // bytes of the pack still used
	var fresh []Sum
	for k, b := range s.blobs {
		switch {
		case !b.used:
			delete(s.blobs, k)
		case b.fresh:
			fresh = append(fresh, k)
		default:
			live += entryHead + int64(len(b.data))
		}
	}
	dead := s.packed - int64(len(blobMagic)) - live
	for _, b := range s.blobs {
		b.used = false
	}
	if s.dir == "" {
		for _, k := range fresh {
			s.blobs[k].fresh = false
		}
		return nil
	}
	// The head goes last and is removed first: a run stopped half way
	// leaves no head that vouches for records it did not write.
	os.Remove(filepath.Join(s.dir, headName))
	if err := s.writeChecked(indexName, next); err != nil {
		return err
	}
	if err := s.writePack(fresh, dead > live/2); err != nil {
		return err
	}
	if s.head.Key.IsZero() {
		return nil
	}
	return s.writeChecked(headName, s.head)
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

// The pack holds every blob in one file, each as its key, length, sum and
// data: one read at the start of a run, rather than a file per blob, whose
// system calls cost more than the data.
const packName = "pack"

// entryHead is the length of a pack entry before its data: key, length and
// checksum. The checksum finds damage, not tampering: nothing but alliance
// writes the cache.
const entryHead = 32 + 8 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func (s *Store) readPackOnce() {
	s.packOnce.Do(func() {
		if s.dir != "" {
			s.readPack()
		}
	})
}

// readPack reads the pack into s.blobs. A damaged end (a run stopped while
// appending) loses only the blobs after the damage.
func (s *Store) readPack() {
	data, err := os.ReadFile(filepath.Join(s.dir, packName))
	if err != nil {
		return
	}
	s.packed = int64(len(data))
	rest, ok := bytes.CutPrefix(data, []byte(blobMagic))
	if !ok {
		s.warn(catalog.Sprintf("the build cache %s is damaged; it is ignored and will be replaced", s.dir))
		s.packed = 0
		return
	}
	for len(rest) > 0 {
		if len(rest) < entryHead {
			break
		}
		var key Sum
		copy(key[:], rest)
		n := binary.LittleEndian.Uint64(rest[32:])
		sum := binary.LittleEndian.Uint32(rest[40:])
		rest = rest[entryHead:]
		if n > uint64(len(rest)) {
			break
		}
		s.blobs[key] = &blob{data: rest[:n:n], sum: sum}
		rest = rest[n:]
	}
	if len(rest) > 0 {
		s.warn(catalog.Sprintf("the build cache %s is damaged; it is ignored and will be replaced", s.dir))
	}
}

// writePack appends the fresh blobs to the pack, or writes it anew with
// the live blobs only when whole is set (most of it is dead) or it has
// none.
func (s *Store) writePack(fresh []Sum, whole bool) error {
	name := filepath.Join(s.dir, packName)
	entry := func(buf []byte, k Sum, b *blob) []byte {
		buf = append(buf, k[:]...)
		buf = binary.LittleEndian.AppendUint64(buf, uint64(len(b.data)))
		buf = binary.LittleEndian.AppendUint32(buf, b.sum)
		return append(buf, b.data...)
	}
	if whole || s.packed == 0 {
		buf := []byte(blobMagic)
		keys := make([]Sum, 0, len(s.blobs))
		for k := range s.blobs {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b Sum) int { return bytes.Compare(a[:], b[:]) })
		for _, k := range keys {
			buf = entry(buf, k, s.blobs[k])
			s.blobs[k].fresh = false
		}
		if err := replaceFile(name, buf); err != nil {
			return err
		}
		s.packed = int64(len(buf))
		return nil
	}
	if len(fresh) == 0 {
		return nil
	}
	var buf []byte
	for _, k := range fresh {
		buf = entry(buf, k, s.blobs[k])
		s.blobs[k].fresh = false
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(buf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	s.packed += int64(len(buf))
	return err
}
