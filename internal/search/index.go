package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"alliance/internal/model"
	"alliance/internal/output"
)

// Dir is the folder of the site that holds the search index.
const Dir = "search/"

// MetaFile is the index's entry point, the one file with a fixed name; every
// other file is named by a hash of the build's index, so caches never mix
// two builds.
const MetaFile = Dir + "meta.json"

// formatVersion changes when the files change incompatibly with search.js.
const formatVersion = 1

// limits bound the sizes of the index's files, in bytes before compression.
// Every file a query fetches is at most about this large, except the list of
// a token found in a very large part of the site, which gets a file of its own.
type limits struct {
	postings int // a shard of token lists
	big      int // a token list longer than this gets its own file
	heads    int // a shard of result records (title, URL, date, short fields)
	bodies   int // a shard of texts, fetched only to check or show a match in the text
}

var defaultLimits = limits{postings: 12 << 10, big: 4 << 10, heads: 3 << 10, bodies: 2 << 10}

// Build makes the search index of site: files under "search/" for the
// build to write. Site-relative URLs are stored as they are; search.js
// prefixes the base path from the search page.
func Build(site *model.Site) ([]output.File, error) {
	return build(collect(site), defaultLimits)
}

// meta is the content of meta.json.
type meta struct {
	Version  int      `json:"v"`
	Path     string   `json:"path"`     // folder of this build's files, relative to search/
	Shards   int      `json:"shards"`   // number of posting shards: token hash mod shards
	PerHead  int      `json:"perHead"`  // records per head shard: id / perHead
	Docs     int      `json:"docs"`     // number of documents
	Years    [][3]int `json:"years"`    // year, first id, end id (ids are newest first)
	Fold     string   `json:"fold"`     // Traditional→Simplified table, relative to search/
	Kinds    []string `json:"kinds"`    // kind names by number
	PageSize int      `json:"pageSize"` // results shown at a time
}

// head is a result record: what a result shows and what checks a match
// outside the text.
type head struct {
	Kind    int      `json:"k"`
	URL     string   `json:"u"`
	Title   string   `json:"t"`
	Date    string   `json:"d,omitempty"`
	Meta    []string `json:"m,omitempty"`
	Extra   []string `json:"x,omitempty"`
	Context string   `json:"c,omitempty"`
	Summary string   `json:"s,omitempty"`
	Body    int      `json:"b"` // body shard, -1 when there is no text
}

// pageSize is how many results search.js shows before "more".
const pageSize = 10

func build(docs []document, lim limits) ([]output.File, error) {
	lists, keys := index(docs)

	var files []output.File // paths relative to the build folder
	add := func(name string, data []byte) {
		files = append(files, output.File{Path: name, Data: data, Minified: true})
	}

	// Posting shards: small lists grouped by token hash; big lists alone.
	type entry struct {
		tok string
		enc []byte
	}
	var small []entry
	total := 0
	bigN := 0
	var bigRefs []entry
	for i, k := range keys {
		enc := lists[i]
		tok := keyString(k)
		if len(enc) > lim.big {
			name := "t" + strconv.Itoa(bigN)
			bigN++
			add(name+".json", append(append([]byte("["), enc...), ']'))
			bigRefs = append(bigRefs, entry{tok, []byte(`"` + string(bigRef) + name + `"`)})
			continue
		}
		small = append(small, entry{tok, enc})
		total += len(enc) + len(tok) + 6
	}
	all := append(small, bigRefs...)
	nShards := max(1, (total+lim.postings-1)/lim.postings)
	shards := make([][]entry, nShards)
	for _, e := range all {
		s := TokenHash(e.tok) % uint32(nShards)
		shards[s] = append(shards[s], e)
	}
	for i, sh := range shards {
		slices.SortFunc(sh, func(a, b entry) int { return strings.Compare(a.tok, b.tok) })
		var b []byte
		b = append(b, '{')
		for j, e := range sh {
			if j > 0 {
				b = append(b, ',')
			}
			// A token is letters, numbers and marks only, so it needs no
			// JSON escapes.
			b = append(append(append(b, '"'), e.tok...), '"', ':')
			b = append(b, e.enc...)
		}
		b = append(b, '}')
		add("p"+strconv.Itoa(i)+".json", b)
	}

	// Bodies, packed in id order; heads point at their body shard.
	heads := make([][]byte, len(docs))
	var body []byte
	nBody := 0
	flushBody := func() {
		if len(body) > 0 {
			add("b"+strconv.Itoa(nBody)+".json", append(body, '}'))
			nBody++
			body = nil
		}
	}
	headTotal := 0
	for id, d := range docs {
		h := head{Kind: int(d.kind), URL: d.url, Title: d.title, Meta: d.meta, Extra: d.extra,
			Context: d.context, Summary: d.summary, Body: -1}
		if !d.date.IsZero() {
			h.Date = d.date.Format("2006-01-02")
		}
		if d.body != "" {
			// rec is `{"id":"text"`; its first byte becomes a comma when it
			// joins a shard. A long body is its own shard, not copied again.
			rec := make([]byte, 0, len(d.body)+len(d.body)/8+16)
			rec = appendJSONString(append(rec, '{'), strconv.Itoa(id))
			rec = appendJSONString(append(rec, ':'), d.body)
			if len(body) > 0 && len(body)+len(rec)-1 > lim.bodies {
				flushBody()
			}
			if len(body) == 0 {
				body = rec
			} else {
				rec[0] = ','
				body = append(body, rec...)
			}
			h.Body = nBody
		}
		b, err := json.Marshal(h)
		if err != nil {
			return nil, fmt.Errorf("search: %s: %v", d.url, err)
		}
		heads[id] = b
		headTotal += len(b) + 1
	}
	flushBody()
	perHead := 1
	if headTotal > 0 {
		perHead = max(1, lim.heads*len(docs)/headTotal)
	}
	for i := 0; i < len(docs); i += perHead {
		var b []byte
		b = append(b, '[')
		for j := i; j < min(i+perHead, len(docs)); j++ {
			if j > i {
				b = append(b, ',')
			}
			b = append(b, heads[j]...)
		}
		b = append(b, ']')
		add("h"+strconv.Itoa(i/perHead)+".json", b)
	}

	// Name the build's folder by its content.
	sum := sha256.New()
	for _, f := range files {
		sum.Write([]byte(f.Path))
		sum.Write(f.Data)
	}
	path := hex.EncodeToString(sum.Sum(nil))[:12] + "/"
	for i := range files {
		files[i].Path = Dir + path + files[i].Path
	}

	// The Traditional→Simplified table, cut down to the characters whose
	// Simplified form occurs in the site: a query character outside it
	// cannot match anything whether folded or not.
	present := map[rune]bool{}
	for _, k := range keys {
		if k < 1<<21 {
			present[rune(k)] = true
		}
	}
	table := []byte(tsTable(func(r rune) bool { return present[r] }))
	th := sha256.Sum256(table)
	foldName := "fold-" + hex.EncodeToString(th[:])[:12] + ".txt"
	files = append(files, output.File{Path: Dir + foldName, Data: table})

	m := meta{Version: formatVersion, Path: path, Shards: nShards, PerHead: perHead, Docs: len(docs),
		Fold: foldName, Kinds: kindNames[:], PageSize: pageSize, Years: years(docs)}
	mb, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	files = append(files, output.File{Path: MetaFile, Data: mb})
	return files, nil
}

// index builds the posting list of every token, encoded as a JSON string
// (see runList), returned with the tokens' keys in key order. The documents
// are split between workers in runs of consecutive ids, so each text is
// read once and a token's list is its lists from the workers joined in
// worker order.
func index(docs []document) ([][]byte, []uint64) {
	return indexWith(docs, min(runtime.GOMAXPROCS(0), 4))
}

func indexWith(docs []document, workers int) ([][]byte, []uint64) {
	bounds := split(docs, workers)
	parts := make([]indexPart, len(bounds)-1)
	var wg sync.WaitGroup
	for w := range parts {
		wg.Go(func() { parts[w].build(docs, bounds[w], bounds[w+1]) })
	}
	wg.Wait()
	type ref struct {
		key  uint64
		part uint32
		tok  uint32
	}
	n := 0
	for p := range parts {
		n += len(parts[p].keys)
	}
	refs := make([]ref, 0, n)
	for p := range parts {
		for t, k := range parts[p].keys {
			refs = append(refs, ref{k, uint32(p), uint32(t)})
		}
	}
	slices.SortFunc(refs, func(a, b ref) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.part, b.part))
	})
	lists := make([][]byte, 0, len(refs))
	keys := make([]uint64, 0, len(refs))
	for i := 0; i < len(refs); {
		j := i + 1
		for j < len(refs) && refs[j].key == refs[i].key {
			j++
		}
		size := 2
		for _, r := range refs[i:j] {
			size += len(parts[r.part].lists[r.tok].enc) + 8 // a first entry may grow
		}
		b := make([]byte, 0, size)
		b = append(b, '"')
		var prev *runList
		for _, r := range refs[i:j] {
			l := &parts[r.part].lists[r.tok]
			b = l.appendAfter(b, prev)
			prev = l
		}
		lists = append(lists, append(b, '"'))
		keys = append(keys, refs[i].key)
		i = j
	}
	return lists, keys
}

// split cuts docs into at most n runs with about the same amount of text,
// returned as the runs' bounds: run i is docs[b[i]:b[i+1]].
func split(docs []document, n int) []int {
	total := 0
	for i := range docs {
		total += docs[i].size()
	}
	b := []int{0}
	sum := 0
	for i := range docs {
		sum += docs[i].size()
		if len(b) < n && sum*n >= total*len(b) && i+1 < len(docs) {
			b = append(b, i+1)
		}
	}
	return append(b, len(docs))
}

// size is the length in bytes of the text a document indexes.
func (d *document) size() int {
	n := len(d.title) + len(d.body)
	for _, m := range d.meta {
		n += len(m)
	}
	for _, m := range d.extra {
		n += len(m)
	}
	return n
}

// indexPart is one worker's share of the index: the tokens of a run of
// documents, each with its list.
type indexPart struct {
	keys  []uint64
	lists []runList
}

// runList is a token's posting list within one run of documents: the
// documents that contain the token, in id order, each with a code,
// kind<<3 | mask, where bit c of mask says the token is in a field of class
// c. It is written as it grows: for each document, (id − previous id) × 2,
// plus 1 when its code differs from the previous document's, in which case
// the code follows (see appendNum). Runs of documents of one kind and field class,
// as in a member directory, cost a character each. It keeps what joining it
// to the list of the run before needs: its first entry again.
type runList struct {
	enc       []byte
	first     uint32
	last      uint32
	firstCode uint8
	lastCode  uint8
	firstLen  uint8 // bytes of enc that hold the first entry
}

// add appends document id with code; ids come in increasing order.
func (l *runList) add(id uint32, code uint8) {
	if len(l.enc) == 0 {
		l.enc = appendEntry(l.enc, int64(id)+1, true, code)
		l.first, l.firstCode, l.firstLen = id, code, uint8(len(l.enc))
	} else {
		l.enc = appendEntry(l.enc, int64(id)-int64(l.last), code != l.lastCode, code)
	}
	l.last, l.lastCode = id, code
}

// appendAfter appends l's entries to b for a list whose entries so far
// are prev's (nil when there are none).
func (l *runList) appendAfter(b []byte, prev *runList) []byte {
	if prev == nil {
		return append(b, l.enc...)
	}
	b = appendEntry(b, int64(l.first)-int64(prev.last), l.firstCode != prev.lastCode, l.firstCode)
	return append(b, l.enc[l.firstLen:]...)
}

func appendEntry(b []byte, delta int64, changed bool, code uint8) []byte {
	v := delta << 1
	if changed {
		v |= 1
	}
	b = appendNum(b, v)
	if changed {
		b = appendNum(b, int64(code))
	}
	return b
}

// build indexes docs[lo:hi]. Each document's tokens are first gathered in
// a small table, so the large table of every token is consulted once per
// token and document, not once per occurrence.
func (p *indexPart) build(docs []document, lo, hi int) {
	// A distinct token per hundred bytes of Chinese text is a fair first
	// guess; the table starts small and grows, since a table larger than the
	// cache is slow.
	size := 1024
	for i := lo; i < hi; i++ {
		size += docs[i].size()
	}
	var all keyTable
	all.init(size / 128)
	p.keys = make([]uint64, 0, size/100)
	p.lists = make([]runList, 0, size/100)
	var doc docTable
	var buf []rune
	addText := func(code uint8, text string) {
		// Room for the folded text at once: growing by appends would
		// allocate several times its size for a long text.
		buf = foldRunes(slices.Grow(buf[:0], utf8.RuneCountInString(text)), text)
		for i, r := range buf {
			if r == sep {
				continue
			}
			doc.add(unigramKey(r), code)
			if i+1 < len(buf) && buf[i+1] != sep {
				doc.add(bigramKey(r, buf[i+1]), code)
				if i+2 < len(buf) && buf[i+2] != sep {
					doc.add(trigramKey(r, buf[i+1], buf[i+2]), code)
				}
			}
		}
	}
	for id := lo; id < hi; id++ {
		d := &docs[id]
		doc.reset(min(3*d.size(), docTableStart)) // at most three tokens a byte
		kind := uint8(d.kind) << 3
		addText(kind|1<<ClassTitle, d.title)
		for _, m := range d.meta {
			addText(kind|1<<ClassMeta, m)
		}
		for _, m := range d.extra {
			addText(kind|1<<ClassMeta, m)
		}
		addText(kind|1<<ClassBody, d.body)
		for _, i := range doc.used {
			k := doc.keys[i]
			t, fresh := all.get(k, uint32(len(p.keys)))
			if fresh {
				p.keys = append(p.keys, k)
				p.lists = append(p.lists, runList{})
			}
			p.lists[t].add(uint32(id), doc.codes[i])
		}
	}
}

// keyTable maps token keys to token numbers: open addressing with linear
// probing, faster than a map for millions of keys. Key 0 marks an empty
// slot; no token has it, since rune 0 folds to a separator.
type keyTable struct {
	slots []keySlot
	n     int
	shift uint
}

type keySlot struct {
	key uint64
	val uint32
}

func (t *keyTable) init(hint int) {
	bits := uint(4)
	for 1<<bits < 2*hint {
		bits++
	}
	t.slots = make([]keySlot, 1<<bits)
	t.shift = 64 - bits
	t.n = 0
}

// get returns k's number, giving it next when k is new.
func (t *keyTable) get(k uint64, next uint32) (uint32, bool) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.init(len(old))
		for _, s := range old {
			if s.key != 0 {
				t.put(s)
			}
		}
	}
	mask := uint64(len(t.slots) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == k {
			return s.val, false
		}
		if s.key == 0 {
			*s = keySlot{k, next}
			t.n++
			return next, true
		}
	}
}

func (t *keyTable) put(s keySlot) {
	mask := uint64(len(t.slots) - 1)
	for i := (s.key * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		if t.slots[i].key == 0 {
			t.slots[i] = s
			t.n++
			return
		}
	}
}

// docTable gathers one document's tokens with the classes they occur in.
type docTable struct {
	keys  []uint64
	codes []uint8
	used  []int32 // filled slots, in order of first occurrence
	mask  uint64
	shift uint
}

// docTableStart is the most tokens a docTable makes room for at first: a
// long text has far fewer distinct tokens than bytes (a 20 MB notice asked
// for 1.4 GB), so the table grows as they come instead.
const docTableStart = 1 << 16

// reset empties the table and makes room for n tokens.
func (d *docTable) reset(n int) {
	for _, i := range d.used {
		d.keys[i] = 0
	}
	d.used = d.used[:0]
	if 2*n > len(d.keys) {
		size := 64
		for size < 2*n {
			size *= 2
		}
		d.resize(size)
	}
}

// resize makes the table size slots long, keeping its tokens in order.
func (d *docTable) resize(size int) {
	keys, codes, used := d.keys, d.codes, d.used
	d.keys = make([]uint64, size)
	d.codes = make([]uint8, size)
	d.used = make([]int32, 0, max(cap(used), size/2))
	d.mask = uint64(size - 1)
	d.shift = uint(64 - bits.Len(uint(size-1)))
	for _, i := range used {
		d.add(keys[i], codes[i])
	}
}

func (d *docTable) add(k uint64, code uint8) {
	if 2*(len(d.used)+1) > len(d.keys) {
		d.resize(max(64, 2*len(d.keys)))
	}
	for i := (k * 0x9E3779B97F4A7C15) >> d.shift; ; i = (i + 1) & d.mask {
		switch d.keys[i] {
		case k:
			d.codes[i] |= code
			return
		case 0:
			d.keys[i] = k
			d.codes[i] = code
			d.used = append(d.used, int32(i))
			return
		}
	}
}

// listAlphabet writes numbers in posting lists: each character carries five
// bits, least significant first, and is one of the last 32 when more follow.
const listAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// bigRef starts a shard's value that names a file holding a long list.
const bigRef = '@'

func appendNum(b []byte, n int64) []byte {
	for n >= 32 {
		b = append(b, listAlphabet[32+n&31])
		n >>= 5
	}
	return append(b, listAlphabet[n])
}

// years lists, newest first, each year with the range of ids dated in it.
func years(docs []document) [][3]int {
	out := [][3]int{}
	for id, d := range docs {
		if d.date.IsZero() {
			break
		}
		y := d.date.Year()
		if n := len(out); n > 0 && out[n-1][0] == y {
			out[n-1][2] = id + 1
			continue
		}
		out = append(out, [3]int{y, id, id + 1})
	}
	return out
}

// appendJSONString appends s as a JSON string, escaped as json.Marshal
// escapes it, without the copies Marshal makes: a body is as long as its
// page's text.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = slices.Grow(b, len(s)+2)
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(append(b, s[start:i]...), `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(append(b, s[start:]...), '"')
}
