package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"alliance/internal/model"
	"alliance/internal/output"
)

// The index is built in two steps. Extraction reads one document: it folds
// and cuts its texts into tokens and makes its result record, and returns
// them as a compact blob that a cache can keep between builds. Assembly
// joins every document's blob into the index's files. A build after an edit
// extracts only the documents whose key changed.

// DocCache keeps extracted documents between builds, by key. Get and Put
// are called from several goroutines at once. A blob read back is checked
// (a version, its length and a checksum over the key and the bytes), so a
// corrupt or foreign entry is extracted again, never trusted.
type DocCache interface {
	Get(key [32]byte) ([]byte, bool)
	PutBlob(key [32]byte, b []byte)
}

// extractVersion changes whenever extraction or its blob changes, so that
// the keys of older entries are never asked for again.
const extractVersion = 1

// BuildWith is Build with c keeping the extraction of each document between
// builds (nil for none). Its files are the same bytes with or without c.
func BuildWith(site *model.Site, c DocCache) ([]output.File, error) {
	return build(collect(site), c, defaultLimits)
}

// extracted is what assembly keeps of a document besides its tokens: its
// result record and where its searchable text starts.
type extracted struct {
	head []byte // the result record as JSON, without "b"
	lead bool   // the searchable text is the summary, a newline and the text
}

// text is the searchable text of d: its text, with the summary before it
// when extraction found the summary written apart from the text.
func (e *extracted) text(d *document) string {
	if e.lead {
		return d.lead + "\n" + d.body
	}
	return d.body
}

// docKey is the cache key of d: a hash of every field extraction reads, and
// of extractVersion.
func docKey(d *document) [32]byte {
	h := sha256.New()
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
		if len(b) > 4<<10 {
			h.Write(b)
			b = b[:0]
		}
	}
	strs := func(ss []string) {
		b = binary.AppendUvarint(b, uint64(len(ss)))
		for _, s := range ss {
			str(s)
		}
	}
	b = append(b, "search "...)
	b = strconv.AppendInt(b, extractVersion, 10)
	b = append(b, byte(d.kind))
	str(d.url)
	str(d.title)
	str(d.dateString())
	strs(d.meta)
	strs(d.extra)
	str(d.context)
	str(d.summary)
	str(d.lead)
	h.Write(b)
	// The text is hashed where it is, not copied.
	b = binary.AppendUvarint(b[:0], uint64(len(d.body)))
	h.Write(b)
	h.Write([]byte(d.body))
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// dateString is d's date as results show it, or "" when undated.
func (d *document) dateString() string {
	if d.date.IsZero() {
		return ""
	}
	return d.date.Format("2006-01-02")
}

// size is the length in bytes of the text a document indexes, by which
// assembly shares the documents between its workers.
func (d *document) size() int {
	n := len(d.title) + len(d.body) + len(d.lead)
	for _, m := range d.meta {
		n += len(m)
	}
	for _, m := range d.extra {
		n += len(m)
	}
	return n
}

// extractor holds one goroutine's scratch space for extraction.
type extractor struct {
	keys  []uint64 // the document's tokens, each once
	codes []uint8  // the code of each of keys: kind<<3 | the classes it is in
	doc   docTable
	buf   []rune
	read  []rune         // the characters of a blob being read
	chars []rune         // the document's characters, numbered by position
	bmp   []int32        // for a character below U+10000, its number + 1, or 0
	other map[rune]int32 // the numbers of the other characters
}

// number returns r's number among the document's characters, numbering it
// when it is new.
func (x *extractor) number(r rune) int32 {
	if r < 0x10000 {
		if i := x.bmp[r]; i > 0 {
			return i - 1
		}
		x.bmp[r] = int32(len(x.chars)) + 1
	} else {
		if i, ok := x.other[r]; ok {
			return i
		}
		x.other[r] = int32(len(x.chars))
	}
	x.chars = append(x.chars, r)
	return int32(len(x.chars) - 1)
}

// forget empties the numbering for the next document.
func (x *extractor) forget() {
	if x.bmp == nil {
		x.bmp = make([]int32, 0x10000)
		x.other = map[rune]int32{}
	}
	for _, r := range x.chars {
		if r < 0x10000 {
			x.bmp[r] = 0
		}
	}
	clear(x.other)
	x.chars = x.chars[:0]
}

// load sets x.keys and x.codes to the tokens of d and returns the rest of
// its extraction: from c when c holds a whole blob for d, else extracted
// again (and given to c, when there is one).
func (x *extractor) load(c DocCache, d *document) (extracted, error) {
	var key [32]byte
	if c != nil {
		key = docKey(d)
		if b, ok := c.Get(key); ok {
			if e, ok := x.readBlob(key, b); ok {
				return e, nil
			}
		}
	}
	e, err := x.extract(d)
	if err != nil {
		return e, err
	}
	x.keys, x.codes = x.keys[:0], x.codes[:0]
	for _, i := range x.doc.used {
		x.keys = append(x.keys, x.doc.keys[i])
		x.codes = append(x.codes, x.doc.codes[i])
	}
	if c != nil {
		c.PutBlob(key, x.blob(key, e))
	}
	return e, nil
}

// extract gathers the tokens of d in x.doc and makes its result record.
func (x *extractor) extract(d *document) (extracted, error) {
	lead := d.lead != "" && !leads(d.lead, d.body) && !strings.Contains(Fold(d.body), Fold(d.lead))
	h := head{Kind: int(d.kind), URL: d.url, Title: d.title, Meta: d.meta, Extra: d.extra,
		Context: d.context, Summary: d.summary, Date: d.dateString()}
	hb, err := json.Marshal(h)
	if err != nil {
		return extracted{}, fmt.Errorf("search: %s: %v", d.url, err)
	}

	x.doc.reset(min(3*d.size(), docTableStart)) // at most three tokens a byte
	addText := func(code uint8, text string) {
		// Room for the folded text at once: growing by appends would
		// allocate several times its size for a long text.
		x.buf = foldRunes(slices.Grow(x.buf[:0], utf8.RuneCountInString(text)), text)
		buf := x.buf
		for i, r := range buf {
			if r == sep {
				continue
			}
			x.doc.add(unigramKey(r), code)
			if i+1 < len(buf) && buf[i+1] != sep {
				x.doc.add(bigramKey(r, buf[i+1]), code)
				if i+2 < len(buf) && buf[i+2] != sep {
					x.doc.add(trigramKey(r, buf[i+1], buf[i+2]), code)
				}
			}
		}
	}
	kind := uint8(d.kind) << 3
	addText(kind|1<<ClassTitle, d.title)
	for _, m := range d.meta {
		addText(kind|1<<ClassMeta, m)
	}
	for _, m := range d.extra {
		addText(kind|1<<ClassMeta, m)
	}
	if lead {
		addText(kind|1<<ClassBody, d.lead)
	}
	addText(kind|1<<ClassBody, d.body)

	return extracted{head: hb, lead: lead}, nil
}

// blob encodes the extraction e of the document whose tokens x.doc holds,
// under key.
func (x *extractor) blob(key [32]byte, e extracted) []byte {
	// The tokens: the document's characters in order of first occurrence,
	// then each token as the numbers of its characters in that list, so a
	// token costs a few bytes and nothing needs sorting.
	x.forget()
	for _, i := range x.doc.used {
		if k := x.doc.keys[i]; k < 1<<21 {
			x.number(rune(k))
		}
	}
	b := make([]byte, 0, 16+len(e.head)+6*len(x.doc.used))
	b = append(b, extractVersion)
	b = binary.AppendUvarint(b, uint64(len(e.head)))
	b = append(b, e.head...)
	if e.lead {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(x.doc.used)))
	b = binary.AppendUvarint(b, uint64(len(x.chars)))
	for _, r := range x.chars {
		b = binary.AppendUvarint(b, uint64(r))
	}
	const m = 1<<21 - 1
	for _, i := range x.doc.used {
		k := x.doc.keys[i]
		b = append(b, x.doc.codes[i])
		switch {
		case k < 1<<21:
			b = binary.AppendUvarint(b, uint64(x.number(rune(k)))<<2|1)
		case k < 1<<42:
			b = binary.AppendUvarint(b, uint64(x.number(rune(k>>21)-1))<<2|2)
			b = binary.AppendUvarint(b, uint64(x.number(rune(k&m))))
		default:
			b = binary.AppendUvarint(b, uint64(x.number(rune(k>>42)-1))<<2|3)
			b = binary.AppendUvarint(b, uint64(x.number(rune(k>>21&m))))
			b = binary.AppendUvarint(b, uint64(x.number(rune(k&m))))
		}
	}
	return binary.LittleEndian.AppendUint32(b, blobSum(key, b))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// blobSum is the checksum of a blob's bytes b stored under key.
func blobSum(key [32]byte, b []byte) uint32 {
	return crc32.Update(crc32.Checksum(key[:], castagnoli), castagnoli, b)
}

// readBlob reads the blob b stored under key into x.keys and x.codes and
// the extraction it returns, and reports whether it is whole: the version,
// every length, the checksum and each token are checked, so garbage is
// rejected, never read past its end.
func (x *extractor) readBlob(key [32]byte, b []byte) (extracted, bool) {
	var e extracted
	if len(b) < 5 || b[0] != extractVersion {
		return e, false
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if blobSum(key, body) != sum {
		return e, false
	}
	p := body[1:]
	hl, n := binary.Uvarint(p)
	if n <= 0 || hl > uint64(len(p)-n) {
		return e, false
	}
	p = p[n:]
	e.head, p = p[:hl], p[hl:]
	if len(e.head) < 2 || e.head[0] != '{' || e.head[len(e.head)-1] != '}' || len(p) < 1 || p[0] > 1 {
		return e, false
	}
	e.lead = p[0] == 1
	p = p[1:]
	count, n := binary.Uvarint(p)
	if n <= 0 || count > uint64(len(p)) {
		return e, false
	}
	return e, x.readTokens(int(count), p[n:])
}

// readTokens reads n tokens from toks into x.keys and x.codes, and reports
// whether toks held exactly n whole tokens: characters in range, numbers
// within the list, codes that name a kind and a class.
func (x *extractor) readTokens(n int, q []byte) bool {
	x.keys, x.codes = x.keys[:0], x.codes[:0]
	next := func() (uint64, bool) {
		if len(q) > 0 && q[0] < 0x80 {
			v := uint64(q[0])
			q = q[1:]
			return v, true
		}
		v, m := binary.Uvarint(q)
		if m <= 0 {
			return 0, false
		}
		q = q[m:]
		return v, true
	}
	nc, ok := next()
	if !ok || nc > uint64(len(q)) {
		return false
	}
	chars := x.read[:0]
	for range nc {
		r, ok := next()
		if !ok || r == 0 || r > utf8.MaxRune {
			return false
		}
		chars = append(chars, rune(r))
	}
	x.read = chars
	char := func() (uint64, bool) {
		i, ok := next()
		if !ok || i >= uint64(len(chars)) {
			return 0, false
		}
		return uint64(chars[i]), true
	}
	for range n {
		if len(q) == 0 {
			return false
		}
		code := q[0]
		q = q[1:]
		if code>>3 >= uint8(numKinds) || code&7 == 0 {
			return false
		}
		v, ok := next()
		if !ok || v>>2 >= uint64(len(chars)) {
			return false
		}
		a := uint64(chars[v>>2])
		var k uint64
		switch v & 3 {
		case 1:
			k = a
		case 2:
			b, ok := char()
			if !ok {
				return false
			}
			k = (a+1)<<21 | b
		case 3:
			b, ok := char()
			if !ok {
				return false
			}
			c, ok := char()
			if !ok {
				return false
			}
			k = (a+1)<<42 | b<<21 | c
		default:
			return false
		}
		x.keys = append(x.keys, k)
		x.codes = append(x.codes, code)
	}
	return len(q) == 0
}
