package engine

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"

	"alliance/internal/catalog"
)

// The pack holds every blob in one file, each as its key, length, checksum
// and data: one mapping at the start of a run rather than a file per blob,
// whose system calls would cost more than the data. A run appends the blobs
// it makes as it makes them, so that they are not held in memory; Save
// writes the pack anew when most of it is blobs no run uses any more.
const packName = "pack"

// entryHead is the length of a pack entry before its data: key, length and
// checksum. The checksum finds damage, not tampering: nothing but alliance
// writes the cache.
const entryHead = 32 + 8 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// blob is one blob of the Store.
type blob struct {
	data    []byte // nil for a blob appended to the pack in this run
	off     int64  // where the data of an appended blob is in the pack
	n       int64
	sum     uint32 // CRC-32C of the data, checked before it is first trusted
	checked bool
	used    bool // read or written in this run
}

// Get returns the blob stored under key, checking its sum. The sum is
// checked outside the lock: the search index's segments are megabytes each,
// and other goroutines read their blobs meanwhile.
func (s *Store) Get(key [32]byte) ([]byte, bool) {
	s.readPackOnce()
	s.mu.Lock()
	b, ok := s.blobs[key]
	if !ok {
		s.mu.Unlock()
		return nil, false
	}
	data, checked := b.data, b.checked
	if data == nil {
		// Appended in this or an earlier run of this process: read it back.
		data = make([]byte, b.n)
		if !s.readBack(data, b.off) {
			s.mu.Unlock()
			return nil, false
		}
	}
	s.mu.Unlock()
	good := checked || crc32.Checksum(data, castagnoli) == b.sum
	s.mu.Lock()
	defer s.mu.Unlock()
	if !good {
		if s.blobs[key] == b {
			delete(s.blobs, key)
		}
		if !s.warned {
			s.warned = true
			s.warnings = append(s.warnings, catalog.Sprintf("the build cache %s holds a damaged entry; it is ignored and made again", s.dir))
		}
		return nil, false
	}
	b.checked, b.used = true, true
	return data, true
}

// Has reports whether a blob is stored under key, keeping it for the next
// run as Get does, without reading it: a caller that may never need the
// data (a converted text, read only if its page is rendered) asks Has
// first and Get when it needs the data, whose sum is checked then.
func (s *Store) Has(key [32]byte) bool {
	s.readPackOnce()
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.blobs[key]
	if ok {
		b.used = true
	}
	return ok
}

// readBack reads appended data at off in the pack.
func (s *Store) readBack(data []byte, off int64) bool {
	if s.pack != nil {
		if s.packBuf.Flush() != nil {
			return false
		}
		_, err := s.pack.ReadAt(data, off)
		return err == nil
	}
	f, err := os.Open(filepath.Join(s.dir, packName))
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.ReadAt(data, off)
	return err == nil
}

// PutBlob stores b under key. A Store in memory keeps b, which must not
// change; one with a folder appends it to the pack. A blob that cannot be
// written is left out: the cache is an aid, never a reason to fail.
func (s *Store) PutBlob(key [32]byte, b []byte) {
	s.readPackOnce()
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.blobs[key]; ok {
		old.used = true
		return
	}
	sum := crc32.Checksum(b, castagnoli)
	if s.dir == "" {
		s.blobs[key] = &blob{data: b, n: int64(len(b)), sum: sum, checked: true, used: true}
		return
	}
	if !s.openPack() {
		return
	}
	var head [entryHead]byte
	copy(head[:], key[:])
	binary.LittleEndian.PutUint64(head[32:], uint64(len(b)))
	binary.LittleEndian.PutUint32(head[40:], sum)
	if _, err := s.packBuf.Write(head[:]); err != nil {
		return
	}
	if _, err := s.packBuf.Write(b); err != nil {
		return
	}
	s.blobs[key] = &blob{off: s.packed + entryHead, n: int64(len(b)), sum: sum, checked: true, used: true}
	s.packed += entryHead + int64(len(b))
}

// openPack opens the pack for appending, making it when there is none.
func (s *Store) openPack() bool {
	if s.pack != nil {
		return true
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return false
	}
	name := filepath.Join(s.dir, packName)
	flag := os.O_RDWR | os.O_APPEND
	if s.packed == 0 || s.damaged {
		s.packed = 0 // a damaged pack is written anew by closePack
		// A new file, never the old one cut short: blobs read from the
		// old one may point into its mapping (see mapFile).
		os.Remove(name)
		flag = os.O_RDWR | os.O_CREATE | os.O_EXCL
	}
	f, err := os.OpenFile(name, flag, 0o644)
	if err != nil {
		return false
	}
	s.pack, s.packBuf = f, bufio.NewWriterSize(f, 1<<20)
	if s.packed == 0 {
		s.packBuf.WriteString(blobMagic)
		s.packed = int64(len(blobMagic))
	}
	return true
}

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
	data, err := mapFile(filepath.Join(s.dir, packName))
	if err != nil {
		return
	}
	rest, ok := bytes.CutPrefix(data, []byte(blobMagic))
	if !ok {
		s.warn(catalog.Sprintf("the build cache %s is damaged; it is ignored and will be replaced", s.dir))
		return
	}
	for len(rest) >= entryHead {
		var key Sum
		copy(key[:], rest)
		n := binary.LittleEndian.Uint64(rest[32:])
		sum := binary.LittleEndian.Uint32(rest[40:])
		if n > uint64(len(rest)-entryHead) {
			break
		}
		d := rest[entryHead : entryHead+n : entryHead+n]
		s.blobs[key] = &blob{data: d, n: int64(n), sum: sum}
		rest = rest[entryHead+n:]
	}
	if len(rest) > 0 {
		// Append after the last whole entry, cutting the damage off.
		s.warn(catalog.Sprintf("the build cache %s is damaged; it is ignored and will be replaced", s.dir))
		s.damaged = true
	}
	s.packed = int64(len(data))
}

// closePack ends the run's appends and drops the blobs it did not use;
// when most of the pack is such blobs, it writes the pack anew without
// them. The caller holds s.mu.
func (s *Store) closePack() error {
	var live int64
	for k, b := range s.blobs {
		if !b.used {
			delete(s.blobs, k)
			continue
		}
		live += entryHead + b.n
	}
	dead := s.packed - int64(len(blobMagic)) - live
	var err error
	if s.pack != nil {
		err = s.packBuf.Flush()
	}
	if err == nil && (s.damaged || dead > 0 && dead > live/2) {
		err = s.rewritePack()
		s.damaged = err != nil
	}
	if s.pack != nil {
		if cerr := s.pack.Close(); err == nil {
			err = cerr
		}
		s.pack, s.packBuf = nil, nil
	}
	for _, b := range s.blobs {
		b.used = false
	}
	return err
}

// rewritePack writes a pack of the live blobs only, streaming, and puts it
// in place of the old one.
func (s *Store) rewritePack() error {
	name := filepath.Join(s.dir, packName)
	tmp := name + ".tmp-" + randomName()
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(blobMagic)
	keys := make([]Sum, 0, len(s.blobs))
	for k := range s.blobs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b Sum) int { return bytes.Compare(a[:], b[:]) })
	off := int64(len(blobMagic))
	for _, k := range keys {
		b := s.blobs[k]
		var head [entryHead]byte
		copy(head[:], k[:])
		binary.LittleEndian.PutUint64(head[32:], uint64(b.n))
		binary.LittleEndian.PutUint32(head[40:], b.sum)
		w.Write(head[:])
		if b.data != nil {
			w.Write(b.data)
		} else if _, err = io.Copy(w, io.NewSectionReader(s.pack, b.off, b.n)); err != nil {
			break
		}
		b.off = off + entryHead
		off += entryHead + b.n
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	s.packed = off
	return nil
}

// sweepMemory drops the blobs of a Store in memory that the run did not use.
func (s *Store) sweepMemory() {
	for k, b := range s.blobs {
		if !b.used {
			delete(s.blobs, k)
		}
		b.used = false
	}
}

// ReadOnly returns s seen only through Get, for a command that writes
// nothing (check): it uses what builds stored and stores nothing.
func (s *Store) ReadOnly() ReadOnly { return ReadOnly{s} }

// ReadOnly is a Store that never writes.
type ReadOnly struct{ s *Store }

// Get returns the blob stored under key.
func (r ReadOnly) Get(key [32]byte) ([]byte, bool) { return r.s.Get(key) }

// Has reports whether a blob is stored under key.
func (r ReadOnly) Has(key [32]byte) bool { return r.s.Has(key) }

// PutBlob does nothing.
func (ReadOnly) PutBlob([32]byte, []byte) {}

// Close ends a run that will not Save (a failed build): the blobs it
// appended are flushed whole, so the pack's end is not left damaged.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pack == nil {
		return nil
	}
	err := s.packBuf.Flush()
	if cerr := s.pack.Close(); err == nil {
		err = cerr
	}
	s.pack, s.packBuf = nil, nil
	return err
}
