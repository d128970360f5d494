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
	"sync"
	"unicode/utf8"
	"unsafe"

	"alliance/internal/model"
	"alliance/internal/output"
)

// The index is built in two steps. Extraction reads one document: it folds
// and cuts its texts into tokens and makes its result record. Inversion
// turns the tokens of a run of documents into posting lists, and assembly
// joins the runs' lists into the index's files. With a cache, the runs are
// segments whose inverted lists are kept between builds (segment.go): a
// build after an edit extracts and inverts only the segment that changed.

// DocCache keeps inverted segments between builds, by key. Get and PutBlob
// are called from several goroutines at once. A blob read back is checked
// (a version, every length and offset, and a checksum over the key and the
// bytes), so a corrupt or foreign entry is made again, never trusted.
type DocCache interface {
	Get(key [32]byte) ([]byte, bool)
	PutBlob(key [32]byte, b []byte)
}

// extractVersion changes whenever extraction, inversion or a segment's blob
// changes, so that the keys of older entries are never asked for again.
const extractVersion = 3

// BuildWith is Build with c keeping the inverted segments between builds
// (nil for none). Its files are the same bytes with or without c.
func BuildWith(site *model.Site, c DocCache) ([]output.File, error) {
	return collected(func(emit func([]output.File)) error { return Write(site, c, nil, emit) })
}

// collected gathers what run emits, sorted by path: Write emits from
// several goroutines, in no set order.
func collected(run func(emit func([]output.File)) error) ([]output.File, error) {
	var mu sync.Mutex
	var files []output.File
	err := run(func(f []output.File) {
		mu.Lock()
		files = append(files, f...)
		mu.Unlock()
	})
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	return files, err
}

// Write is BuildWith giving the files to emit as they are made, so that
// the index of a large site is never in memory all at once. emit is called
// from several goroutines at once. With a cache, keep (when not nil) keeps
// the shards of texts a previous build made from the same documents, whose
// texts are then not read at all.
func Write(site *model.Site, c DocCache, keep output.Keeper, emit func([]output.File)) error {
	return build(collect(site), c, keep, defaultLimits, emit)
}

// extracted is what assembly keeps of a document besides its tokens: its
// result record and where its searchable text starts.
type extracted struct {
	head     []byte // the result record as JSON, without "b"
	lead     bool   // the searchable text is the summary, a newline and the text
	textJSON int    // the length of the searchable text as a JSON string; 0 when there is none
}

// text is the searchable text of d: its text, with the summary before it
// when extraction found the summary written apart from the text.
func (e *extracted) text(d *document) string {
	if e.lead {
		return d.lead + "\n" + d.bodyText()
	}
	return d.bodyText()
}

// docKey is the cache key of d: a hash of every field extraction reads, and
// of extractVersion; the text by the sum of its source when it has one.
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
	if sum := d.body.Sum; sum != [32]byte{} {
		// The text is converted from a source that the body's sum names:
		// the sum stands for it, at a fraction of hashing the text again.
		b = append(b, 1)
		b = append(b, sum[:]...)
		h.Write(b)
	} else {
		b = append(b, 0)
		text := d.bodyText()
		b = binary.AppendUvarint(b, uint64(len(text)))
		h.Write(b)
		h.Write(unsafe.Slice(unsafe.StringData(text), len(text))) // read, not copied
	}
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
	n := len(d.title) + d.body.TextLen() + len(d.lead)
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
	doc docTable
	buf []rune

	// What indexPart.build keeps from part to part: its table of tokens,
	// chunks of pairs free for the next part, and the number of tokens of
	// the last part, which the next is likely to have again.
	table  tokenTable
	spare  []pairs
	tokens int
}

// pairs is a chunk of (token, code) pairs: each token's number in its
// part, and the code of the document it was found in.
type pairs struct {
	toks  []uint32
	codes []uint8
}

// chunk returns an empty chunk of pairs, a spare one when there is one.
func (x *extractor) chunk() pairs {
	if n := len(x.spare); n > 0 {
		c := x.spare[n-1]
		x.spare = x.spare[:n-1]
		return pairs{c.toks[:0], c.codes[:0]}
	}
	return pairs{make([]uint32, 0, pairChunk), make([]uint8, 0, pairChunk)}
}

// extract gathers the tokens of d in x.doc and makes its result record.
func (x *extractor) extract(d *document) (extracted, error) {
	body := d.bodyText()
	lead := d.lead != "" && !leads(d.lead, body) && !strings.Contains(Fold(body), Fold(d.lead))
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
	addText(kind|1<<ClassBody, body)

	e := extracted{head: hb, lead: lead}
	// The length of e.text(d) as JSON, from the text already read: the
	// lead and the body joined by "\n" are as long as the two apart.
	switch {
	case lead:
		e.textJSON = jsonStringLen(d.lead) + jsonStringLen(body)
	case body != "":
		e.textJSON = jsonStringLen(body)
	}
	return e, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// blobSum is the checksum of a blob's bytes b stored under key.
func blobSum(key [32]byte, b []byte) uint32 {
	return crc32.Update(crc32.Checksum(key[:], castagnoli), castagnoli, b)
}
