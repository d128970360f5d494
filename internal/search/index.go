package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/parallel"
)

// Dir is the folder of the site that holds the search index.
const Dir = "search/"

// MetaFile is the index's entry point, the one file with a fixed name and
// the one that changes under its name. Every other file is named by a hash
// of its own bytes, so it never changes under its name, and an edit changes
// only the files whose bytes it changes (and the tables and meta.json that
// name them).
const MetaFile = Dir + "meta.json"

// formatVersion changes when the files change incompatibly with search.js.
const formatVersion = 2

// limits bound the sizes of the index's files, in bytes before compression.
// Every file a query fetches is at most about this large, except the list of
// a token found in a very large part of the site, which gets a file of its own.
type limits struct {
	postings int // a shard of token lists
	big      int // a token list longer than this gets its own file
	heads    int // a shard of result records (title, URL, date, short fields)
	bodies   int // a shard of texts, fetched only to check or show a match in the text
	segment  int // sets the length of a segment kept in the cache (see segmentBounds)
}

var defaultLimits = limits{postings: 12 << 10, big: 4 << 10, heads: 3 << 10, bodies: 2 << 10, segment: segmentEvery}

// Build makes the search index of site: files under "search/" for the
// build to write. Site-relative URLs are stored as they are; search.js
// prefixes the base path from the search page.
func Build(site *model.Site) ([]output.File, error) {
	return BuildWith(site, nil)
}

// meta is the content of meta.json.
type meta struct {
	Version  int      `json:"v"`
	Shards   int      `json:"shards"`   // number of posting shards: token hash mod shards
	PerHead  int      `json:"perHead"`  // records per head shard: id / perHead
	Group    int      `json:"group"`    // shard names per name table: shard / group
	Postings []string `json:"p"`        // names of the posting shards' name tables
	Heads    []string `json:"h"`        // names of the head shards' name tables
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
	Body    string   `json:"b,omitempty"` // name of the body shard, none when there is no text
}

// pageSize is how many results search.js shows before "more".
const pageSize = 10

// File names: a kind letter, a dash and a hash of the file's bytes, so
// search/p-3fa9c0e1d2b4.json. search.js builds the same names.
const (
	postingFile = "p" // a shard of token lists
	bigFile     = "t" // one long token list
	headFile    = "h" // a shard of result records
	bodyFile    = "b" // a shard of texts
	tableFile   = "n" // a table of shard names
)

// contentName is the name of a file holding data: twelve lower-case hex
// characters from its SHA-256, every fourth one a letter, so that the name
// reads as a hash (deploy caches such files for a year) and never holds a
// run of digits the privacy gate would take for a phone number.
func contentName(data []byte) string {
	return nameOf(sha256.Sum256(data))
}

// nameOf is contentName for the SHA-256 sum of a file's bytes.
func nameOf(sum [32]byte) string {
	const hexDigits, letters = "0123456789abcdef", "abcdef"
	var b [12]byte
	for i := range b {
		if i%4 == 3 {
			b[i] = letters[int(sum[i])%len(letters)]
		} else {
			b[i] = hexDigits[sum[i]&15]
		}
	}
	return string(b[:])
}

// filePath is the site path of the file of kind named name.
func filePath(kind, name string) string {
	return Dir + kind + "-" + name + ".json"
}

// powerOfTwo is the smallest power of two at least n. Counts of shards are
// powers of two so that they stay the same while the site grows by less
// than half, and an edit does not move every token to another shard.
func powerOfTwo(n int) int {
	p := 1
	for p < n {
		p *= 2
	}
	return p
}

// bodyCut reports whether a body shard ends after the text of the document
// at url whatever the sizes: about one document in four. Shards cut at such
// points, and otherwise only when full, so a text that grows or shrinks
// moves the cuts only up to the next such document, not all the way to the
// end of the index.
func bodyCut(url string) bool {
	return TokenHash(url)%4 == 0
}

// build makes the index of docs, giving each file to emit as soon as it is
// made: on a large site the texts alone are hundreds of megabytes, which
// the writer takes away while the rest is made.
func build(docs []document, c DocCache, keep output.Keeper, lim limits, emit func([]output.File)) error {
	var keys [][32]byte
	if c != nil {
		keys = docKeys(docs)
	}
	ex, post, err := index(docs, c, keys, lim.segment)
	if err != nil {
		return err
	}

	// add names a file by its bytes and emits it, once: two files of the
	// same bytes are one file. It is called from several goroutines.
	var mu sync.Mutex
	seen := map[string]bool{}
	first := func(p string) bool {
		mu.Lock()
		defer mu.Unlock()
		dup := seen[p]
		seen[p] = true
		return !dup
	}
	add := func(kind string, data []byte) string {
		sum := sha256.Sum256(data)
		name := nameOf(sum)
		if p := filePath(kind, name); first(p) {
			emit([]output.File{{Path: p, Data: data, Minified: true, Sum: sum}})
		}
		return name
	}
	var shards *shardCache
	if c != nil && keep != nil {
		shards = &shardCache{c: c, keep: keep, first: first}
	}
	// The characters of the site, for the fold table at the end.
	present := map[rune]bool{}
	for _, k := range post.keys {
		if k < 1<<21 {
			present[rune(k)] = true
		}
	}

	// The posting shards are made beside the texts' shards, which do not
	// depend on them, and each shard on a core of its own.
	var postingNames []string
	var wg sync.WaitGroup
	wg.Go(func() { postingNames = postingShards(post, lim, add) })

	// Bodies, packed in id order; heads name their body shard.
	bodyOf, bodyNames := bodyShards(docs, ex, keys, shards, lim, add)
	wg.Wait()

	headTotal := 0
	for id := range docs {
		headTotal += len(ex[id].head) + 1
	}
	perHead := 1
	if headTotal > 0 {
		// The largest power of two that keeps a shard within the limit on
		// average, so that it changes only when the records' average
		// size doubles or halves.
		for 2*perHead*headTotal <= lim.heads*len(docs) {
			perHead *= 2
		}
	}
	var headNames []string
	for i := 0; i < len(docs); i += perHead {
		var b []byte
		b = append(b, '[')
		for j := i; j < min(i+perHead, len(docs)); j++ {
			if j > i {
				b = append(b, ',')
			}
			h := ex[j].head
			if bodyOf[j] < 0 {
				b = append(b, h...)
				continue
			}
			// The record is a JSON object without "b", which comes last.
			b = append(b, h[:len(h)-1]...)
			b = append(b, `,"b":"`...)
			b = append(b, bodyNames[bodyOf[j]]...)
			b = append(b, '"', '}')
		}
		b = append(b, ']')
		headNames = append(headNames, add(headFile, b))
	}

	// Name tables: meta.json names the tables, a table names a group of
	// shards. The group grows as the square root of the number of shards, so
	// meta.json and each table stay small.
	group := powerOfTwo(int(math.Ceil(math.Sqrt(float64(max(len(postingNames), len(headNames)))))))
	tables := func(names []string) ([]string, error) {
		var out []string
		for i := 0; i < len(names); i += group {
			b, err := json.Marshal(names[i:min(i+group, len(names))])
			if err != nil {
				return nil, err
			}
			out = append(out, add(tableFile, b))
		}
		return out, nil
	}
	pTables, err := tables(postingNames)
	if err != nil {
		return err
	}
	hTables, err := tables(headNames)
	if err != nil {
		return err
	}

	// The Traditional→Simplified table, cut down to the characters whose
	// Simplified form occurs in the site: a query character outside it
	// cannot match anything whether folded or not.
	table := []byte(tsTable(func(r rune) bool { return present[r] }))
	foldName := "fold-" + contentName(table) + ".txt"
	emit([]output.File{{Path: Dir + foldName, Data: table}})

	m := meta{Version: formatVersion, Shards: len(postingNames), PerHead: perHead, Group: group,
		Postings: pTables, Heads: hTables, Docs: len(docs),
		Fold: foldName, Kinds: kindNames[:], PageSize: pageSize, Years: years(docs)}
	mb, err := json.Marshal(m)
	if err != nil {
		return err
	}
	emit([]output.File{{Path: MetaFile, Data: mb}})
	return nil
}

// bodyShards packs the documents' texts into shards in id order, gives them
// to add, and returns each document's shard (-1 for none) and the shards'
// names. Where the shards are cut depends on the lengths of the records
// only (extracted.textJSON), so the cuts are found without the texts; each
// shard is then made on a core of its own, one at a time per core, so that
// the records held at once are few (all of them were 450 MB at 100,000
// notices). With shards (a cache and an output.Keeper), a shard whose documents,
// as their keys say, are those of a shard the previous build wrote is kept
// as it is: its texts are not read. An edit of one notice among ten
// thousand reads and writes one shard of texts, not all of them.
func bodyShards(docs []document, ex []extracted, keys [][32]byte, shards *shardCache, lim limits, add func(kind string, data []byte) string) ([]int, []string) {
	bodyOf := make([]int, len(docs))
	type shard struct{ lo, hi, size int }
	var (
		all  []shard
		open *shard // the shard records are being added to
	)
	for id := range docs {
		bodyOf[id] = -1
		if ex[id].textJSON == 0 {
			continue
		}
		// The record is `{"id":"text"`; its first byte becomes a comma
		// when it joins a shard.
		size := 1 + len(strconv.Itoa(id)) + 2 + 1 + ex[id].textJSON
		if open != nil && open.size+size-1 > lim.bodies {
			all, open = append(all, *open), nil
		}
		if open == nil {
			open = &shard{lo: id}
		}
		open.hi, open.size = id+1, open.size+size
		bodyOf[id] = len(all)
		if bodyCut(docs[id].url) {
			all, open = append(all, *open), nil
		}
	}
	if open != nil {
		all = append(all, *open)
	}
	names := make([]string, len(all))
	parallel.Each(len(all), func(i int) {
		sh := all[i]
		var key [32]byte
		if shards != nil {
			key = bodyShardKey(sh.lo, keys[sh.lo:sh.hi])
			if name, ok := shards.kept(bodyFile, key); ok {
				names[i] = name
				return
			}
		}
		b := make([]byte, 0, sh.size+1)
		for id := sh.lo; id < sh.hi; id++ {
			if ex[id].textJSON == 0 {
				continue
			}
			if len(b) > 0 {
				b = append(b, ',')
			} else {
				b = append(b, '{')
			}
			b = appendJSONString(b, strconv.Itoa(id))
			b = appendJSONString(append(b, ':'), ex[id].text(&docs[id]))
		}
		b = append(b, '}')
		names[i] = add(bodyFile, b)
		if shards != nil {
			shards.made(key, b)
		}
	})
	return bodyOf, names
}

// bodyShardKey names a shard of texts by the id of its first document and
// the keys of its documents (docKey), which say everything its texts are
// made from.
func bodyShardKey(lo int, keys [][32]byte) [32]byte {
	h := sha256.New()
	h.Write([]byte("search body shard " + strconv.Itoa(extractVersion) + " " + strconv.Itoa(lo) + "\n"))
	for i := range keys {
		h.Write(keys[i][:])
	}
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// shardCache remembers, in the cache, which file a shard made from given
// inputs was, so that a later build keeps that file (output.Keeper)
// instead of making it again.
type shardCache struct {
	c     DocCache
	keep  output.Keeper
	first func(path string) bool // notes path as emitted or kept
}

// kept returns the name of the file of kind the shard named key was made
// into, when the cache remembers it and the file is kept.
func (s *shardCache) kept(kind string, key [32]byte) (string, bool) {
	b, ok := s.c.Get(key)
	if !ok || len(b) != 32+8 {
		return "", false
	}
	sum := [32]byte(b[:32])
	size := int64(binary.LittleEndian.Uint64(b[32:]))
	name := nameOf(sum)
	p := filePath(kind, name)
	if !s.keep(p, sum, size) {
		return "", false
	}
	s.first(p) // no other shard has these bytes: each holds its own ids
	return name, true
}

// made remembers that the shard named key was made into data.
func (s *shardCache) made(key [32]byte, data []byte) {
	sum := sha256.Sum256(data)
	s.c.PutBlob(key, binary.LittleEndian.AppendUint64(sum[:], uint64(len(data))))
}

// postingShards makes the posting shards, small lists grouped by token
// hash and big lists alone, gives them to add and returns the shards' names.
func postingShards(post *postings, lim limits, add func(kind string, data []byte) string) []string {
	type entry struct {
		tok string
		i   int    // the token's number
		ref []byte // the value naming its big file, for a big list
	}
	var all []entry
	total := 0
	for i, k := range post.keys {
		tok := keyString(k)
		if post.sizes[i] > lim.big {
			b := make([]byte, 0, post.sizes[i]+2)
			b = append(post.appendList(append(b, '['), i), ']')
			name := add(bigFile, b)
			all = append(all, entry{tok, i, []byte(`"` + string(bigRef) + name + `"`)})
			continue
		}
		all = append(all, entry{tok: tok, i: i})
		total += post.sizes[i] + len(tok) + 6
	}
	nShards := powerOfTwo((total + lim.postings - 1) / lim.postings)
	shards := make([][]entry, nShards)
	sizes := make([]int, nShards) // each shard's bytes, so that it is made in one piece
	for _, e := range all {
		s := TokenHash(e.tok) % uint32(nShards)
		shards[s] = append(shards[s], e)
		n := post.sizes[e.i]
		if e.ref != nil {
			n = len(e.ref)
		}
		sizes[s] += len(e.tok) + n + 4
	}
	postingNames := make([]string, nShards)
	parallel.Each(nShards, func(i int) {
		sh := shards[i]
		slices.SortFunc(sh, func(a, b entry) int { return strings.Compare(a.tok, b.tok) })
		b := make([]byte, 0, sizes[i]+2)
		b = append(b, '{')
		for j, e := range sh {
			if j > 0 {
				b = append(b, ',')
			}
			// A token is letters, numbers and marks only, so it needs no
			// JSON escapes.
			b = append(append(append(b, '"'), e.tok...), '"', ':')
			if e.ref != nil {
				b = append(b, e.ref...)
			} else {
				b = post.appendList(b, e.i)
			}
		}
		b = append(b, '}')
		postingNames[i] = add(postingFile, b)
	})
	return postingNames
}

// index extracts every document and inverts them into the posting list of
// every token, encoded as a JSON string (see indexPart) and joined when
// asked for (see postings). The documents are cut into runs of consecutive ids, each
// indexed apart with ids counted from its start: with a cache, the segments
// whose documents are unchanged are read back from it (see segment.go);
// without, one run per worker. A token's list is its lists from the runs
// joined in order.
func index(docs []document, c DocCache, keys [][32]byte, segment int) ([]extracted, *postings, error) {
	if c != nil {
		return indexIn(docs, c, keys, segmentBounds(docs, segment))
	}
	return indexWith(docs, min(runtime.GOMAXPROCS(0), 4))
}

// indexWith indexes docs without a cache, in a run of documents a worker.
func indexWith(docs []document, workers int) ([]extracted, *postings, error) {
	sizes := make([]int, len(docs))
	for i := range docs {
		sizes[i] = docs[i].size()
	}
	return indexIn(docs, nil, nil, split(sizes, workers))
}

// indexIn indexes docs in the runs of the given bounds, through c when
// there is one; keys are then the documents' keys (docKeys).
func indexIn(docs []document, c DocCache, keys [][32]byte, bounds []int) ([]extracted, *postings, error) {
	ex := make([]extracted, len(docs))
	parts := make([]indexPart, len(bounds)-1)
	errs := make([]error, len(parts))
	parallel.EachWith(len(parts), func() *extractor { return new(extractor) }, func(x *extractor, i int) bool {
		lo, hi := bounds[i], bounds[i+1]
		var key [32]byte
		if c != nil {
			key = segmentKey(keys[lo:hi])
			if b, ok := c.Get(key); ok && parts[i].read(key, b, ex[lo:hi]) {
				return true
			}
		}
		parts[i] = indexPart{}
		errs[i] = parts[i].build(docs[lo:hi], ex[lo:hi], x)
		if errs[i] == nil && c != nil {
			c.PutBlob(key, parts[i].blob(key, ex[lo:hi]))
		}
		return true
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return ex, merge(parts, bounds), nil
}

// postings is the index's posting lists as the parts hold them: a token's
// list is joined from its parts' lists when asked for (appendList), so
// that the joined lists, as large as the parts, are never all in memory at
// once (570 MB at 100,000 notices). Tokens are numbered in key order.
type postings struct {
	parts  []indexPart
	bounds []int     // part i's ids count from bounds[i]
	keys   []uint64  // by token number
	refs   []partRef // each token's lists in part order, token after token
	start  []uint32  // token i's lists are refs[start[i]:start[i+1]]
	sizes  []int     // the bytes of each token's joined list, quotes included
}

// partRef is a token's list in one part.
type partRef struct{ part, tok uint32 }

// appendList appends token i's list, joined from its parts, as a JSON
// string.
func (p *postings) appendList(b []byte, i int) []byte {
	b = append(b, '"')
	var j joined
	for _, r := range p.refs[p.start[i]:p.start[i+1]] {
		pt := &p.parts[r.part]
		l := &pt.lists[r.tok]
		b = l.appendAfter(b, pt.enc[l.off:l.off+l.size], &j, uint32(p.bounds[r.part]))
	}
	return append(b, '"')
}

// size is the number of bytes appendList appends for token i, worked out
// without joining.
func (p *postings) size(i int) int {
	n := 2
	var j joined
	for _, r := range p.refs[p.start[i]:p.start[i+1]] {
		l := &p.parts[r.part].lists[r.tok]
		first := uint32(p.bounds[r.part]) + l.first + 1
		n += entryLen(int64(first)-int64(j.last), l.firstCode != j.code, l.firstCode)
		n += int(l.size) - int(l.firstLen)
		j.last, j.code = uint32(p.bounds[r.part])+l.last+1, l.lastCode
	}
	return n
}

// merge gathers the parts' lists, part i's ids counting from bounds[i],
// by token, tokens in key order, and works out each joined list's size.
//
// The tokens of every part are numbered in one table, and each token's
// (part, token) references gathered in part order by counting, not sorting:
// a part holds most of the site's tokens again, so there are a hundred times
// more references than tokens.
func merge(parts []indexPart, bounds []int) *postings {
	var table tokenTable
	table.init(10)
	var keys []uint64
	global := make([][]uint32, len(parts)) // each part's tokens' numbers in the table
	n := 0
	for p := range parts {
		pk := parts[p].keys
		g := make([]uint32, len(pk))
		for t, k := range pk {
			s, fresh := table.slot(k, uint32(len(keys)))
			if fresh {
				keys = append(keys, k)
			}
			s.size++
			g[t] = s.tok
		}
		global[p] = g
		n += len(pk)
	}
	// Each token's number in key order, and where its references start.
	order := make([]uint32, len(keys))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return cmp.Compare(keys[a], keys[b]) })
	rank := make([]uint32, len(keys))
	for i, g := range order {
		rank[g] = uint32(i)
	}
	count := make([]uint32, len(keys))
	for _, s := range table.slots {
		if s.key != 0 {
			count[rank[s.tok]] = s.size
		}
	}
	post := &postings{parts: parts, bounds: bounds, keys: make([]uint64, len(keys)),
		refs: make([]partRef, n), start: make([]uint32, len(keys)+1), sizes: make([]int, len(keys))}
	at := uint32(0)
	for i, g := range order {
		post.keys[i] = keys[g]
		post.start[i] = at
		at += count[i]
	}
	post.start[len(keys)] = at
	next := slices.Clone(post.start[:len(keys)])
	for p := range parts {
		for t, g := range global[p] {
			r := rank[g]
			post.refs[next[r]] = partRef{uint32(p), uint32(t)}
			next[r]++
		}
	}
	runs := runtime.GOMAXPROCS(0)
	parallel.Each(runs, func(w int) {
		for i := w * len(keys) / runs; i < (w+1)*len(keys)/runs; i++ {
			post.sizes[i] = post.size(i)
		}
	})
	return post
}

// split cuts a sequence of items of the given sizes into at most n runs of
// about the same total size, returned as the runs' bounds: run i is
// items[b[i]:b[i+1]].
func split(sizes []int, n int) []int {
	total := 0
	for _, s := range sizes {
		total += s
	}
	b := []int{0}
	sum := 0
	for i, s := range sizes {
		sum += s
		if len(b) < n && sum*n >= total*len(b) && i+1 < len(sizes) {
			b = append(b, i+1)
		}
	}
	return append(b, len(sizes))
}

// indexPart is the index of a run of documents, their ids counted from the
// run's start: its tokens, numbered in order of first occurrence, with their
// lists.
//
// A token's posting list holds the documents that contain the token, in id
// order, each with a code, kind<<3 | mask, where bit c of mask says the token
// is in a field of class c. For each document it holds (id − previous id) ×
// 2, plus 1 when its code differs from the previous document's, in which
// case the code follows (see appendNum). Runs of documents of one kind and
// field class, as in a member directory, cost a character each.
//
// The lists are inverted in two passes over the part's (document, token)
// pairs, not grown: the first numbers the tokens and counts the bytes of
// each list, the second writes each entry in its place in enc, where every
// list has its bytes, one after another.
type indexPart struct {
	keys  []uint64    // by token number
	lists []tokenList // by token number
	enc   []byte      // every list's entries
}

// tokenList is where a token's list is in its part's enc, with what joining
// it to the list of the part before needs: its first entry again, and the
// last.
type tokenList struct {
	off, size uint32 // its bytes are enc[off : off+size]
	first     uint32
	last      uint32
	firstCode uint8
	lastCode  uint8
	firstLen  uint8 // bytes of the list that hold the first entry
}

// numLen is the number of characters appendNum writes for n.
func numLen(n uint64) int {
	k := 1
	for n >= 32 {
		n >>= 5
		k++
	}
	return k
}

// joined is where a list being joined from parts has got to: its last
// document + 1 (0 when it has none yet) and that document's code.
type joined struct {
	last uint32
	code uint8
}

// appendAfter appends l's entries enc, whose ids count from base, to the
// list b that has got to j, and moves j on. The first entry is written
// again for its place in the joined list; the others are relative to it.
func (l *tokenList) appendAfter(b, enc []byte, j *joined, base uint32) []byte {
	first := base + l.first + 1
	b = appendEntry(b, int64(first)-int64(j.last), l.firstCode != j.code, l.firstCode)
	j.last, j.code = base+l.last+1, l.lastCode
	return append(b, enc[l.firstLen:]...)
}

// entryLen is the number of bytes appendEntry appends.
func entryLen(delta int64, changed bool, code uint8) int {
	v := delta << 1
	if !changed {
		return numLen(uint64(v))
	}
	return numLen(uint64(v|1)) + numLen(uint64(code))
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

// pairChunk is the number of (token, code) pairs in a chunk of a part's
// pairs, which grow by chunks so that what they hold is never copied.
const pairChunk = 1 << 16

// build extracts docs, setting their ex, and indexes them with x's scratch
// space.
func (p *indexPart) build(docs []document, ex []extracted, x *extractor) error {
	// The table and the chunks of pairs are the extractor's, kept from
	// part to part: made anew for each, they were a tenth of what a cold
	// build of 100,000 notices allocated.
	table := &x.table
	table.reset()
	// The pairs: the token numbers of each document in turn, with their
	// codes, and how many each document has.
	var chunks []pairs
	var c pairs
	p.keys = make([]uint64, 0, x.tokens+x.tokens/8)
	p.lists = make([]tokenList, 0, x.tokens+x.tokens/8)
	defer func() {
		x.spare = append(x.spare, chunks...)
		x.tokens = len(p.keys)
	}()
	counts := make([]int, len(docs))
	for id := range docs {
		e, err := x.extract(&docs[id])
		if err != nil {
			return err
		}
		ex[id] = e
		counts[id] = len(x.doc.used)
		next := uint32(id) + 1
		for _, i := range x.doc.used {
			k, code := x.doc.keys[i], x.doc.codes[i]
			s, fresh := table.slot(k, uint32(len(p.keys)))
			// A list's last document is 0 and its code 0 before its
			// first entry, which is then written as any other: the
			// id + 1 and the code, which is never 0.
			v := uint64(next-s.last) << 1
			n := numLen(v)
			if code != s.code {
				n = numLen(v|1) + numLen(uint64(code))
			}
			if fresh {
				p.keys = append(p.keys, k)
				p.lists = append(p.lists, tokenList{first: uint32(id), firstCode: code, firstLen: uint8(n)})
			}
			s.size += uint32(n)
			s.last, s.code = next, code
			if len(c.toks) == cap(c.toks) {
				if len(c.toks) > 0 {
					chunks = append(chunks, c)
				}
				c = x.chunk()
			}
			c.toks, c.codes = append(c.toks, s.tok), append(c.codes, code)
		}
	}
	chunks = append(chunks, c)

	// Each list's place in enc, and the second pass: each list's next place
	// and its last document + 1 and code so far, as in the first.
	type cursor struct {
		at   int
		last uint32
		code uint8
	}
	cur := make([]cursor, len(p.lists))
	for _, s := range table.slots {
		if s.key != 0 {
			l := &p.lists[s.tok]
			l.size, l.last, l.lastCode = s.size, s.last-1, s.code
		}
	}
	off := 0
	for t := range p.lists {
		if off > math.MaxUint32-int(p.lists[t].size) {
			return fmt.Errorf("search: the texts from %s to %s make a posting list over 4 GB; split them into more pages", docs[0].url, docs[len(docs)-1].url)
		}
		p.lists[t].off = uint32(off)
		cur[t].at = off
		off += int(p.lists[t].size)
	}
	p.enc = make([]byte, off)
	d := -1
	left := 0 // pairs of document d still to write
	for _, c := range chunks {
		for j, t := range c.toks {
			for left == 0 {
				d++
				left = counts[d]
			}
			left--
			next := uint32(d) + 1
			code := c.codes[j]
			cu := &cur[t]
			b := appendEntry(p.enc[cu.at:cu.at], int64(next)-int64(cu.last), code != cu.code, code)
			cu.at += len(b)
			cu.last, cu.code = next, code
		}
	}
	return nil
}

// tokenTable numbers a part's tokens and keeps in each token's slot what the
// first pass over the pairs needs, so that a pair costs one lookup: open
// addressing with linear probing, faster than a map for millions of keys.
// Key 0 marks an empty slot; no token has it, since rune 0 folds to a
// separator.
type tokenTable struct {
	slots []tokenSlot
	n     int
	shift uint
}

type tokenSlot struct {
	key  uint64
	tok  uint32 // the token's number
	size uint32 // bytes of its list so far
	last uint32 // the last document in its list + 1, 0 when none
	code uint8  // that document's code
}

// reset empties the table, keeping its slots (1<<10 when it has none).
func (t *tokenTable) reset() {
	if t.slots == nil {
		t.init(10) // it grows: a table larger than the cache is slow
		return
	}
	clear(t.slots)
	t.n = 0
}

// init empties the table and gives it 1<<bits slots.
func (t *tokenTable) init(bits uint) {
	t.slots = make([]tokenSlot, 1<<bits)
	t.shift = 64 - bits
	t.n = 0
}

// slot returns k's slot, numbering k next when it is new (fresh).
func (t *tokenTable) slot(k uint64, next uint32) (s *tokenSlot, fresh bool) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.init(64 - t.shift + 1)
		for _, s := range old {
			if s.key != 0 {
				*t.free(s.key) = s
				t.n++
			}
		}
	}
	mask := uint64(len(t.slots) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == k {
			return s, false
		}
		if s.key == 0 {
			*s = tokenSlot{key: k, tok: next}
			t.n++
			return s, true
		}
	}
}

// free returns the empty slot where k goes, k being absent.
func (t *tokenTable) free(k uint64) *tokenSlot {
	mask := uint64(len(t.slots) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		if t.slots[i].key == 0 {
			return &t.slots[i]
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
// It holds no digits, so that no list can spell a phone number, and nothing
// JSON escapes.
const listAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!$()*+,.:;-_"

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

// jsonStringLen is len(appendJSONString(nil, s)), counted without writing.
func jsonStringLen(s string) int {
	n := 2
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&':
				n++
			case c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t':
				n += 2
			default:
				n += 6
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			n += 6
		} else {
			n += size
		}
		i += size
	}
	return n
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
