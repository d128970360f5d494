package search

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"strconv"

	"alliance/internal/parallel"
)

// With a cache, the documents are indexed in segments: runs of consecutive
// documents, each inverted apart with ids counted from its start and kept in
// the cache under a hash of its documents. Where the cuts fall depends on
// the documents, not on their positions (see segmentBounds): an edit changes
// its segment only, and a notice added at the top changes the first
// segment, not all those after it. A build after an edit reads every other
// segment back and joins the lists (merge), which costs far less than
// extracting and inverting ten thousand documents again.

// segmentEvery sets the length of a segment in documents (see
// segmentBounds): longer segments mean fewer lists to join and to hold (a
// segment holds most of the site's tokens again), shorter ones less to redo
// after an edit. At 1024, ten thousand notices make segments of about 700
// documents on average, and an edit redoes a few percent of the work of
// extracting and inverting them all. Measured on 2026-12-06 against 512:
// a cold build of 100,000 notices took 44 s instead of 48–49 s (84 CPU-s
// instead of 94: fewer parts hold the same token again, and the heap is
// smaller for the collector), one of 10,000 the same (4.0–4.6 s), and an
// edit there the same (0.90–0.93 s); at 2048 the 100,000 took 43.8 s and
// the edit 1.04–1.16 s.
const segmentEvery = 1024

// segmentBounds cuts docs into segments of up to about every documents, returned
// as their bounds: segment i is docs[b[i]:b[i+1]].
//
// A segment ends after a document whose URL hashes to 0 modulo every; once
// it holds every documents, after one whose URL hashes to 0 modulo every/8;
// and at 4×every documents in any case. Cuts by the first rule alone give
// lengths spread as a geometric law: on 10,000 notices one segment held
// 2,879, and an edit there redid six times the mean. The second rule keeps
// segments near every documents while their cuts still depend on the
// documents, not on a count: a count would carry a shift from segment to
// segment (the third rule, almost never reached, does).
func segmentBounds(docs []document, every int) []int {
	every = max(every, 1)
	late := uint32(max(every/8, 1))
	b := []int{0}
	start := 0
	for i := range docs {
		if i+1 == len(docs) {
			break
		}
		n := i + 1 - start
		h := TokenHash(docs[i].url)
		if h%uint32(every) == 0 || n >= every && h%late == 0 || n >= 4*every {
			b = append(b, i+1)
			start = i + 1
		}
	}
	return append(b, len(docs))
}

// segmentKey is the cache key of a segment: a hash of its documents' keys
// (docKey) in order.
func segmentKey(keys [][32]byte) [32]byte {
	h := sha256.New()
	h.Write([]byte("search segment " + strconv.Itoa(extractVersion) + "\n"))
	for i := range keys {
		h.Write(keys[i][:])
	}
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// docKeys returns the keys of docs (docKey), worked out on every core.
func docKeys(docs []document) [][32]byte {
	keys := make([][32]byte, len(docs))
	parallel.Each(len(docs), func(i int) { keys[i] = docKey(&docs[i]) })
	return keys
}

// blob encodes p, the index of a segment whose documents' extractions are
// ex, under key: the result records, then each token's key and list
// bounds, then the lists' bytes, then a checksum.
func (p *indexPart) blob(key [32]byte, ex []extracted) []byte {
	n := 32 + len(p.enc) + 24*len(p.keys)
	for _, e := range ex {
		n += len(e.head) + 8
	}
	b := make([]byte, 0, n)
	b = append(b, extractVersion)
	b = binary.AppendUvarint(b, uint64(len(ex)))
	for _, e := range ex {
		b = binary.AppendUvarint(b, uint64(len(e.head)))
		b = append(b, e.head...)
		if e.lead {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
		b = binary.AppendUvarint(b, uint64(e.textJSON))
	}
	b = binary.AppendUvarint(b, uint64(len(p.keys)))
	for t, k := range p.keys {
		l := &p.lists[t]
		b = binary.LittleEndian.AppendUint64(b, k)
		b = binary.AppendUvarint(b, uint64(l.size))
		b = binary.AppendUvarint(b, uint64(l.first))
		b = binary.AppendUvarint(b, uint64(l.last-l.first))
		b = append(b, l.firstCode, l.lastCode, l.firstLen)
	}
	b = binary.AppendUvarint(b, uint64(len(p.enc)))
	b = append(b, p.enc...)
	return binary.LittleEndian.AppendUint32(b, blobSum(key, b))
}

// inList marks the bytes a posting list is written in.
var inList = func() (t [256]bool) {
	for i := range len(listAlphabet) {
		t[listAlphabet[i]] = true
	}
	return t
}()

// read sets p to the segment blob b stored under key, and ex to its
// documents' extractions, and reports whether b is whole: the version, the
// checksum, every length and bound, each code and each byte of the lists
// are checked, so garbage is rejected, never read past its end. The lists
// share b's memory, which must never change.
func (p *indexPart) read(key [32]byte, b []byte, ex []extracted) bool {
	*p = indexPart{}
	if len(b) < 5 || b[0] != extractVersion {
		return false
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if blobSum(key, body) != sum {
		return false
	}
	q := body[1:]
	bad := false
	num := func() uint64 {
		v, n := binary.Uvarint(q)
		if n <= 0 {
			bad = true
			return 0
		}
		q = q[n:]
		return v
	}
	if num() != uint64(len(ex)) || bad {
		return false
	}
	heads := 0
	for i := range ex {
		hl := num()
		if bad || hl < 2 || hl+1 > uint64(len(q)) {
			return false
		}
		h := q[:hl:hl]
		if h[0] != '{' || h[hl-1] != '}' || q[hl] > 1 {
			return false
		}
		lead := q[hl] == 1
		q = q[hl+1:]
		tl := num()
		if bad || tl == 1 || tl > math.MaxInt32 || lead && tl == 0 {
			return false
		}
		ex[i] = extracted{head: h, lead: lead, textJSON: int(tl)}
		heads += len(h)
	}
	// The records are kept to the end of the build, the lists only until
	// they are joined: copied into a block of their own, the records do
	// not keep the lists' memory (400 MB at 100,000 notices) alive.
	block := make([]byte, 0, heads)
	for i := range ex {
		n := len(block)
		block = append(block, ex[i].head...)
		ex[i].head = block[n:len(block):len(block)]
	}
	count := num()
	if bad || count > uint64(len(q))/12 { // a token takes at least 12 bytes
		return false
	}
	p.keys = make([]uint64, count)
	p.lists = make([]tokenList, count)
	off := 0
	for t := range p.keys {
		if len(q) < 8 {
			return false
		}
		k := binary.LittleEndian.Uint64(q)
		q = q[8:]
		size, first, span := num(), num(), num()
		if bad || len(q) < 3 || k == 0 || first >= uint64(len(ex)) || span >= uint64(len(ex))-first || size > uint64(len(body)) {
			return false
		}
		if uint64(off)+size > math.MaxUint32 {
			return false
		}
		l := tokenList{off: uint32(off), size: uint32(size), first: uint32(first), last: uint32(first + span),
			firstCode: q[0], lastCode: q[1], firstLen: q[2]}
		q = q[3:]
		if !validCode(l.firstCode) || !validCode(l.lastCode) || l.firstLen == 0 || uint32(l.firstLen) > l.size {
			return false
		}
		p.keys[t], p.lists[t] = k, l
		off += int(size)
	}
	if n := num(); bad || n != uint64(off) || n != uint64(len(q)) {
		return false
	}
	for _, c := range q {
		if !inList[c] {
			return false
		}
	}
	p.enc = q
	return true
}

// validCode reports whether c names a kind and at least one class.
func validCode(c uint8) bool {
	return c>>3 < uint8(numKinds) && c&7 != 0
}
