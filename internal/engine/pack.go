package engine

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"alliance/internal/catalog"
)

// The pack holds every blob in one file, one after another: one file
// rather than a file per blob, whose system calls would
// cost more than the data. A run appends the blobs it makes as it makes
// them, so that they are not held in memory, and reads a blob from the
// file when asked for it, so that a run holds (and touches) only the blobs
// it uses: a hundred thousand notices' texts are a gigabyte. Where each
// blob is, the table of contents (tocName) says, written by Save: a run
// reads it instead of stepping through the pack. Save writes the pack anew
// when most of it is blobs no run uses any more.
const (
	packName = "pack"
	tocName  = "toc"
)

// The pack starts with blobMagic and an id of its own, which its table of
// contents names: a table never describes another pack.
const (
	blobMagic = "alliance blob 2\n"
	packHead  = len(blobMagic) + packIDLen
	packIDLen = 16
)

// tocEntry is the length of an entry of the table of contents: key,
// offset, length and checksum. The checksum finds damage, not tampering:
// nothing but alliance writes the cache.
const tocEntry = 32 + 8 + 8 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// blob is where one blob of the Store is. It holds no pointer, so that
// the collector need not look into the index of a hundred thousand
// notices' blobs (85 MB of it) on every collection.
type blob struct {
	off, n int64  // where the data is in its file
	sum    uint32 // CRC-32C of the data, checked whenever it is read
	file   uint8  // the file holding the data (inReader, inPack, inMemory)
	used   bool   // read or written in this run
}

// The files a blob can be in: the pack as the run found it, the pack the
// run appends to, or memory (Store.mem), for a Store without a folder.
const (
	inReader = iota
	inPack
	inMemory
)

// use marks the blob under key as used in this run, kept for the next, and
// returns it. The caller holds s.mu.
func (s *Store) use(key Sum) (blob, bool) {
	b, ok := s.blobs[key]
	if ok {
		b.used = true
		s.blobs[key] = b
	}
	return b, ok
}

// file is the file holding b; nil for a blob in memory. The caller holds
// s.mu.
func (s *Store) file(b blob) *os.File {
	switch b.file {
	case inReader:
		return s.reader
	case inPack:
		return s.pack
	}
	return nil
}

// Get returns the blob stored under key, read from the pack and checked
// against its sum outside the lock: the search index's segments are
// megabytes each, and converted texts are read on every core.
func (s *Store) Get(key [32]byte) ([]byte, bool) {
	s.readPackOnce()
	s.mu.Lock()
	b, ok := s.blobs[key]
	if !ok {
		s.mu.Unlock()
		return nil, false
	}
	if b.file == inMemory {
		s.use(key)
		data := s.mem[key]
		s.mu.Unlock()
		return data, true
	}
	f, off, n, sum := s.file(b), b.off, b.n, b.sum
	if b.file == inPack && off+n > s.flushed {
		// Appended in this run and still in the write buffer.
		if s.packBuf.Flush() != nil {
			s.mu.Unlock()
			return nil, false
		}
		s.flushed = s.packed
	}
	s.mu.Unlock()
	data := make([]byte, n)
	_, err := f.ReadAt(data, off)
	good := err == nil && crc32.Checksum(data, castagnoli) == sum
	s.mu.Lock()
	defer s.mu.Unlock()
	if !good {
		if now, ok := s.blobs[key]; ok && now.file == b.file && now.off == b.off {
			delete(s.blobs, key)
		}
		if !s.warned {
			s.warned = true
			s.warnings = append(s.warnings, catalog.Sprintf("the build cache %s holds a damaged entry; it is ignored and made again", s.dir))
		}
		return nil, false
	}
	s.use(key)
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
	_, ok := s.use(key)
	return ok
}

// PutBlob stores b under key. A Store in memory keeps b, which must not
// change; one with a folder appends it to the pack. A blob that cannot be
// written is left out: the cache is an aid, never a reason to fail.
func (s *Store) PutBlob(key [32]byte, b []byte) {
	s.readPackOnce()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.use(key); ok {
		return
	}
	sum := crc32.Checksum(b, castagnoli)
	if s.dir == "" {
		s.blobs[key] = blob{n: int64(len(b)), sum: sum, file: inMemory, used: true}
		s.mem[key] = b
		return
	}
	if !s.openPack() {
		return
	}
	if _, err := s.packBuf.Write(b); err != nil {
		return
	}
	s.blobs[key] = blob{file: inPack, off: s.packed, n: int64(len(b)), sum: sum, used: true}
	s.packed += int64(len(b))
	s.appended = true
}

// openPack opens the pack for appending, making it when there is none (or
// none that its table of contents describes). The caller holds s.mu.
func (s *Store) openPack() bool {
	if s.pack != nil {
		return true
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return false
	}
	name := filepath.Join(s.dir, packName)
	if s.packed > 0 {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_APPEND, 0o644)
		if err != nil {
			return false
		}
		s.pack, s.packBuf, s.flushed = f, bufio.NewWriterSize(f, 1<<20), s.packed
		return true
	}
	// A new file, never the old one cut short: a run reading blobs from
	// the old one may still hold it open.
	os.Remove(name)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return false
	}
	s.pack, s.packBuf, s.flushed = f, bufio.NewWriterSize(f, 1<<20), 0
	s.packID = newPackID()
	s.packBuf.WriteString(blobMagic)
	s.packBuf.Write(s.packID[:])
	s.packed = int64(packHead)
	return true
}

func newPackID() (id [packIDLen]byte) {
	rand.Read(id[:])
	return id
}

func (s *Store) readPackOnce() {
	s.packOnce.Do(func() {
		if s.dir != "" {
			s.readPack()
		}
	})
}

// readPack reads the table of contents into s.blobs and opens the pack it
// describes. Without a sound table, or with a pack it does not describe,
// the cache starts a new pack.
func (s *Store) readPack() {
	var (
		id    [packIDLen]byte
		size  int64
		table []byte
	)
	if !s.readChecked(tocName, func(b []byte) bool {
		if len(b) < packIDLen+8 || (len(b)-packIDLen-8)%tocEntry != 0 {
			return false
		}
		copy(id[:], b)
		size = int64(binary.LittleEndian.Uint64(b[packIDLen:]))
		table = b[packIDLen+8:]
		return true
	}) {
		return
	}
	f, err := os.Open(filepath.Join(s.dir, packName))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.warn(catalog.Sprintf("cannot read the build cache %s: %v; building without it", s.dir, err))
		} else {
			s.warn(catalog.Sprintf("the build cache %s is damaged; it is ignored and will be replaced", s.dir))
		}
		return
	}
	var head [packHead]byte
	fi, err := f.Stat()
	if err == nil && size >= int64(packHead) && fi.Size() >= size {
		_, err = f.ReadAt(head[:], 0)
	}
	if err != nil || size < int64(packHead) || fi.Size() < size ||
		string(head[:len(blobMagic)]) != blobMagic || [packIDLen]byte(head[len(blobMagic):]) != id {
		f.Close()
		s.warn(catalog.Sprintf("the build cache %s is damaged; it is ignored and will be replaced", s.dir))
		return
	}
	n := len(table) / tocEntry
	blobs := make(map[Sum]blob, n)
	for i := range n {
		e := table[i*tocEntry:]
		key := Sum(e[:32])
		off := int64(binary.LittleEndian.Uint64(e[32:]))
		ln := int64(binary.LittleEndian.Uint64(e[40:]))
		if off < int64(packHead) || ln < 0 || off > size-ln {
			continue // beyond the pack: Get would fail it anyway
		}
		blobs[key] = blob{file: inReader, off: off, n: ln, sum: binary.LittleEndian.Uint32(e[48:])}
	}
	s.reader, s.blobs, s.packID = f, blobs, id
	// Appends go after whatever a run that did not finish left: dead
	// bytes until the pack is written anew.
	s.packed = fi.Size()
}

// settlePack ends the run's appends and drops the blobs it did not use;
// when most of the pack is such blobs, it writes the pack anew without
// them. Then it writes the table of contents. The caller holds s.mu.
func (s *Store) settlePack(sweep bool) error {
	var live int64
	for k, b := range s.blobs {
		if sweep && !b.used {
			delete(s.blobs, k)
			continue
		}
		live += b.n
	}
	if s.pack == nil && s.reader == nil {
		return nil // no pack, and nothing to put in one
	}
	if s.pack != nil {
		if err := s.packBuf.Flush(); err != nil {
			return err
		}
		s.flushed = s.packed
	}
	if dead := s.packed - int64(packHead) - live; dead > 0 && dead > live/2 {
		if err := s.rewritePack(); err != nil {
			return err
		}
	}
	for k, b := range s.blobs {
		b.used = false
		s.blobs[k] = b
	}
	s.appended = false
	return s.writeChecked(tocName, func(b []byte) []byte {
		b = append(b, s.packID[:]...)
		b = binary.LittleEndian.AppendUint64(b, uint64(s.packed))
		b = slices.Grow(b, len(s.blobs)*tocEntry)
		for k, bl := range s.blobs {
			b = append(b, k[:]...)
			b = binary.LittleEndian.AppendUint64(b, uint64(bl.off))
			b = binary.LittleEndian.AppendUint64(b, uint64(bl.n))
			b = binary.LittleEndian.AppendUint32(b, bl.sum)
		}
		return b
	})
}

// rewritePack writes a pack of the live blobs only, streaming, puts it in
// place of the old one and appends to it from then on.
func (s *Store) rewritePack() error {
	name := filepath.Join(s.dir, packName)
	tmp := name + ".tmp-" + randomName()
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	id := newPackID()
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(blobMagic)
	w.Write(id[:])
	keys := make([]Sum, 0, len(s.blobs))
	for k := range s.blobs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b Sum) int { return bytes.Compare(a[:], b[:]) })
	offs := make([]int64, len(keys))
	off := int64(packHead)
	for i, k := range keys {
		b := s.blobs[k]
		if _, err = io.Copy(w, io.NewSectionReader(s.file(b), b.off, b.n)); err != nil {
			break
		}
		offs[i] = off
		off += b.n
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	for i, k := range keys {
		b := s.blobs[k]
		b.file, b.off = inPack, offs[i]
		s.blobs[k] = b
	}
	s.closeFiles()
	// f's offset is at its end: appends through packBuf go there.
	s.pack, s.packBuf = f, bufio.NewWriterSize(f, 1<<20)
	s.packed, s.flushed, s.packID = off, off, id
	return nil
}

// closeFiles closes the pack's files. The caller holds s.mu.
func (s *Store) closeFiles() error {
	var err error
	if s.pack != nil {
		err = s.pack.Close()
	}
	if s.reader != nil {
		if cerr := s.reader.Close(); err == nil {
			err = cerr
		}
	}
	s.pack, s.packBuf, s.reader = nil, nil, nil
	return err
}

// sweepMemory drops the blobs of a Store in memory that the run did not use.
func (s *Store) sweepMemory() {
	for k, b := range s.blobs {
		if !b.used {
			delete(s.blobs, k)
			delete(s.mem, k)
			continue
		}
		b.used = false
		s.blobs[k] = b
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

// Close ends a run, closing the pack's files; the Store is not used
// again. After a run that did not Save (a failed build), the blobs it
// appended are flushed whole and listed in the table of contents, for the
// next run.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dir == "" {
		return nil
	}
	var err error
	if s.appended {
		err = s.settlePack(false)
	}
	if cerr := s.closeFiles(); err == nil {
		err = cerr
	}
	return err
}
