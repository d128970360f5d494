package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file reads a built index and answers queries the way search.js does,
// so the ranking is tested in Go and the benchmark can count the bytes a
// query downloads. search.js must keep to the same steps:
//
//  1. fold the query and split it into words; each word is cut into tokens
//     (queryTokens) and each token's list is fetched from its shard;
//  2. a document is a candidate when every token of every word is in it, for
//     each word in one field class at least (the masks intersect);
//  3. its provisional score is the sum over words of the best such class;
//     candidates are sorted by score, then id (newer first);
//  4. a word of more than three characters is then checked against the folded
//     text, which may drop the candidate or worsen its score; results are
//     given out in (score, id) order once no unchecked candidate could come
//     before them.

// Fetcher returns a file of the index by its path relative to "search/".
type Fetcher func(path string) ([]byte, error)

// Filter narrows a search to one kind (its name, such as "notice") and one
// year; zero values mean all.
type Filter struct {
	Kind string
	Year int
}

// Result is one match.
type Result struct {
	ID    int
	Kind  Kind
	URL   string // site-relative
	Title string
	Date  string // YYYY-MM-DD, or empty
	Score int    // sum over query words of the best field class matched; lower is better
	// Snippet is the stretch of text around the first match when some word
	// matched only in the text; search.js shows the same stretch.
	Snippet string
}

// Results is a page of matches.
type Results struct {
	Hits  []Result
	Total int  // documents that match, or at most match when not Exact
	Exact bool // every candidate was checked, or no word needed checking
}

// Index is an opened search index.
type Index struct {
	fetch  Fetcher
	meta   meta
	shards map[string]map[string]json.RawMessage
	lists  map[string][]post
	heads  map[int][]head
	bodies map[string]map[string]string
	tables map[string][]string
}

type post struct {
	id   uint32
	code uint8 // kind<<3 | mask
}

// Open reads meta.json through fetch.
func Open(fetch Fetcher) (*Index, error) {
	b, err := fetch(strings.TrimPrefix(MetaFile, Dir))
	if err != nil {
		return nil, err
	}
	ix := &Index{fetch: fetch, shards: map[string]map[string]json.RawMessage{}, lists: map[string][]post{},
		heads: map[int][]head{}, bodies: map[string]map[string]string{}, tables: map[string][]string{}}
	if err := json.Unmarshal(b, &ix.meta); err != nil {
		return nil, fmt.Errorf("search: meta.json: %v", err)
	}
	if ix.meta.Version != formatVersion {
		return nil, fmt.Errorf("search: index format %d, want %d", ix.meta.Version, formatVersion)
	}
	return ix, nil
}

// candidate is a document that has every token of the query.
type candidate struct {
	id    uint32
	kind  Kind
	masks []uint8 // per word: the classes where all its tokens are
	score int
}

// Search returns up to limit results for query, best first.
func (ix *Index) Search(query string, f Filter, limit int) (*Results, error) {
	words := uniqueWords(query)
	res := &Results{Exact: true}
	if len(words) == 0 {
		return res, nil
	}
	var cands []candidate
	for wi, w := range words {
		var wl []post
		for ti, tok := range queryTokens([]rune(w)) {
			l, err := ix.list(tok)
			if err != nil {
				return nil, err
			}
			if ti == 0 {
				wl = l
			} else {
				wl = intersect(wl, l)
			}
		}
		if wi == 0 {
			for _, p := range wl {
				cands = append(cands, candidate{id: p.id, kind: Kind(p.code >> 3), masks: []uint8{p.code & 7}})
			}
			continue
		}
		next := cands[:0]
		j := 0
		for _, c := range cands {
			for j < len(wl) && wl[j].id < c.id {
				j++
			}
			if j < len(wl) && wl[j].id == c.id {
				c.masks = append(c.masks, wl[j].code&7)
				next = append(next, c)
			}
		}
		cands = next
	}
	lo, hi := 0, ix.meta.Docs
	if f.Year != 0 {
		lo, hi = 0, 0
		for _, y := range ix.meta.Years {
			if y[0] == f.Year {
				lo, hi = y[1], y[2]
			}
		}
	}
	kind, hasKind := KindByName(f.Kind)
	kept := cands[:0]
	for _, c := range cands {
		if int(c.id) < lo || int(c.id) >= hi || (hasKind && c.kind != kind) {
			continue
		}
		for _, m := range c.masks {
			c.score += bits.TrailingZeros8(m)
		}
		kept = append(kept, c)
	}
	cands = kept
	slices.SortFunc(cands, func(a, b candidate) int { return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.id, b.id)) })
	res.Total = len(cands)

	check := false
	for _, w := range words {
		if len([]rune(w)) > exactLen {
			check = true
		}
	}
	if !check {
		for _, c := range cands[:min(limit, len(cands))] {
			classes := make([]int, len(c.masks))
			for i, m := range c.masks {
				classes[i] = bits.TrailingZeros8(m)
			}
			r, err := ix.result(c, classes, words)
			if err != nil {
				return nil, err
			}
			res.Hits = append(res.Hits, r)
		}
		return res, nil
	}
	var pending []Result // checked, in (score, id) order
	i := 0
	checks := 0
	for len(res.Hits) < limit {
		if len(pending) > 0 && (i == len(cands) || before(pending[0], cands[i])) {
			res.Hits = append(res.Hits, pending[0])
			pending = pending[1:]
			continue
		}
		if i == len(cands) || checks == maxChecks {
			break
		}
		c := cands[i]
		i++
		checks++
		classes, ok, err := ix.verify(c, words)
		if err != nil {
			return nil, err
		}
		if !ok {
			res.Total--
			continue
		}
		r, err := ix.result(c, classes, words)
		if err != nil {
			return nil, err
		}
		at, _ := slices.BinarySearchFunc(pending, r, func(a, b Result) int {
			return cmp.Or(cmp.Compare(a.Score, b.Score), cmp.Compare(a.ID, b.ID))
		})
		pending = slices.Insert(pending, at, r)
	}
	res.Exact = i == len(cands)
	return res, nil
}

// maxChecks bounds how many candidates one page of results checks against
// their text, and so what it downloads when many documents have a long
// word's trigrams apart but not the word. A page cut short says so, and
// "more" goes on where it stopped.
const maxChecks = 16

// before reports whether checked result r ranks before candidate c, whose
// score can only grow when checked.
func before(r Result, c candidate) bool {
	return r.Score < c.score || (r.Score == c.score && r.ID < int(c.id))
}

// result makes the result for c, whose words matched in classes, with a
// snippet of its text when a word matched only there.
func (ix *Index) result(c candidate, classes []int, words []string) (Result, error) {
	h, err := ix.head(int(c.id))
	if err != nil {
		return Result{}, err
	}
	r := Result{ID: int(c.id), Kind: c.kind, URL: h.URL, Title: h.Title, Date: h.Date}
	var inBody []string
	for i, class := range classes {
		r.Score += class
		if class == ClassBody {
			inBody = append(inBody, words[i])
		}
	}
	if len(inBody) > 0 {
		b, err := ix.body(h.Body, int(c.id))
		if err != nil {
			return Result{}, err
		}
		r.Snippet = snippet(b, inBody)
	}
	return r, nil
}

// Snippet length, in characters of the original text, before and after the
// first match.
const (
	snippetBefore = 24
	snippetAfter  = 56
)

// snippet returns the stretch of text around the first match of any word,
// with an ellipsis where the text goes on.
func snippet(text string, words []string) string {
	folded, from := foldMap(text)
	fs := string(folded)
	best := -1
	for _, w := range words {
		if i := strings.Index(fs, w); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	at := utf8.RuneCountInString(fs[:best]) // rune index in folded
	start := from[at]
	rs := []rune(text[:start])
	lo := max(0, len(rs)-snippetBefore)
	out := string(rs[lo:])
	tail := []rune(text[start:])
	out += string(tail[:min(len(tail), snippetAfter)])
	out = strings.Join(strings.Fields(out), " ")
	if lo > 0 {
		out = "…" + out
	}
	if len(tail) > snippetAfter {
		out += "…"
	}
	return out
}

// verify checks that every word is in one field of c, and scores c by the
// best class each word is found in.
func (ix *Index) verify(c candidate, words []string) (classes []int, ok bool, err error) {
	h, err := ix.head(int(c.id))
	if err != nil {
		return nil, false, err
	}
	for wi, w := range words {
		found := false
		for class := 0; class < numClasses && !found; class++ {
			if c.masks[wi]&(1<<class) == 0 {
				continue
			}
			var texts []string
			switch class {
			case ClassTitle:
				texts = []string{h.Title}
			case ClassMeta:
				texts = append(append([]string{}, h.Meta...), h.Extra...)
			case ClassBody:
				b, err := ix.body(h.Body, int(c.id))
				if err != nil {
					return nil, false, err
				}
				texts = []string{b}
			}
			for _, t := range texts {
				if strings.Contains(Fold(t), w) {
					found = true
					classes = append(classes, class)
					break
				}
			}
		}
		if !found {
			return nil, false, nil
		}
	}
	return classes, true, nil
}

// uniqueWords folds query and returns its words, each once.
func uniqueWords(query string) []string {
	var out []string
	for _, w := range Words(query) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// intersect keeps the documents in both lists, with the classes common to both.
func intersect(a, b []post) []post {
	var out []post
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			if m := a[i].code & b[j].code & 7; m != 0 {
				out = append(out, post{a[i].id, a[i].code&^7 | m})
			}
			i++
			j++
		}
	}
	return out
}

// list returns the posting list of tok, fetching its shard once.
func (ix *Index) list(tok string) ([]post, error) {
	if l, ok := ix.lists[tok]; ok {
		return l, nil
	}
	name, err := ix.name(postingFile, ix.meta.Postings, int(TokenHash(tok)%uint32(ix.meta.Shards)))
	if err != nil {
		return nil, err
	}
	sh, err := ix.shard(name)
	if err != nil {
		return nil, err
	}
	raw, ok := sh[tok]
	var l []post
	if ok {
		var enc string
		if err := json.Unmarshal(raw, &enc); err != nil {
			return nil, fmt.Errorf("search: %s: token %q: %v", name, tok, err)
		}
		if strings.HasPrefix(enc, string(bigRef)) {
			b, err := ix.fetch(strings.TrimPrefix(filePath(bigFile, enc[1:]), Dir))
			if err != nil {
				return nil, err
			}
			var big []string
			if err := json.Unmarshal(b, &big); err != nil || len(big) != 1 {
				return nil, fmt.Errorf("search: %s: not a list file", enc[1:])
			}
			enc = big[0]
		}
		if l, err = decodeList(enc); err != nil {
			return nil, fmt.Errorf("search: %s: token %q: %v", name, tok, err)
		}
	}
	ix.lists[tok] = l
	return l, nil
}

func (ix *Index) shard(name string) (map[string]json.RawMessage, error) {
	if sh, ok := ix.shards[name]; ok {
		return sh, nil
	}
	b, err := ix.fetch(name)
	if err != nil {
		return nil, err
	}
	var sh map[string]json.RawMessage
	if err := json.Unmarshal(b, &sh); err != nil {
		return nil, fmt.Errorf("search: %s: %v", name, err)
	}
	ix.shards[name] = sh
	return sh, nil
}

// decodeList reverses encodeList.
func decodeList(enc string) ([]post, error) {
	var nums []int64
	n, shift := int64(0), 0
	for i := 0; i < len(enc); i++ {
		d := strings.IndexByte(listAlphabet, enc[i])
		if d < 0 {
			return nil, fmt.Errorf("bad character %q", enc[i])
		}
		n |= int64(d&31) << shift
		if d >= 32 {
			shift += 5
			continue
		}
		nums = append(nums, n)
		n, shift = 0, 0
	}
	if shift != 0 {
		return nil, fmt.Errorf("list ends inside a number")
	}
	var out []post
	id := int64(-1)
	code := uint8(0)
	for i := 0; i < len(nums); i++ {
		v := nums[i]
		id += v >> 1
		if v&1 == 1 {
			i++
			if i == len(nums) {
				return nil, fmt.Errorf("list ends inside an entry")
			}
			code = uint8(nums[i])
		}
		out = append(out, post{uint32(id), code})
	}
	return out, nil
}

func (ix *Index) head(id int) (*head, error) {
	n := id / ix.meta.PerHead
	hs, ok := ix.heads[n]
	if !ok {
		name, err := ix.name(headFile, ix.meta.Heads, n)
		if err != nil {
			return nil, err
		}
		b, err := ix.fetch(name)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &hs); err != nil {
			return nil, fmt.Errorf("search: head shard %d: %v", n, err)
		}
		ix.heads[n] = hs
	}
	i := id % ix.meta.PerHead
	if i >= len(hs) {
		return nil, fmt.Errorf("search: no record for document %d", id)
	}
	return &hs[i], nil
}

// name returns the path, relative to search/, of shard i of a kind whose
// name tables are tables.
func (ix *Index) name(kind string, tables []string, i int) (string, error) {
	t := i / ix.meta.Group
	if t >= len(tables) {
		return "", fmt.Errorf("search: no name table for %s shard %d", kind, i)
	}
	names, ok := ix.tables[tables[t]]
	if !ok {
		b, err := ix.fetch(strings.TrimPrefix(filePath(tableFile, tables[t]), Dir))
		if err != nil {
			return "", err
		}
		if err := json.Unmarshal(b, &names); err != nil {
			return "", fmt.Errorf("search: name table %s: %v", tables[t], err)
		}
		ix.tables[tables[t]] = names
	}
	if i%ix.meta.Group >= len(names) {
		return "", fmt.Errorf("search: name table %s has no shard %d", tables[t], i)
	}
	return strings.TrimPrefix(filePath(kind, names[i%ix.meta.Group]), Dir), nil
}

func (ix *Index) body(shard string, id int) (string, error) {
	if shard == "" {
		return "", nil
	}
	bs, ok := ix.bodies[shard]
	if !ok {
		b, err := ix.fetch(strings.TrimPrefix(filePath(bodyFile, shard), Dir))
		if err != nil {
			return "", err
		}
		if err := json.Unmarshal(b, &bs); err != nil {
			return "", fmt.Errorf("search: body shard %s: %v", shard, err)
		}
		ix.bodies[shard] = bs
	}
	return bs[strconv.Itoa(id)], nil
}

// queryTokens returns the tokens to look up for one folded query word: the
// word itself when it has up to three characters, else trigrams at offsets
// 0, 2, 4 … and the last trigram. Neighbouring trigrams overlap by a
// character, which makes a document that has them all, apart, rare, and so
// keeps the check against the text cheap.
func queryTokens(w []rune) []string {
	if len(w) <= 3 {
		return []string{string(w)}
	}
	var out []string
	i := 0
	for ; i+3 < len(w); i += 2 {
		out = append(out, string(w[i:i+3]))
	}
	return append(out, string(w[len(w)-3:]))
}

// exactLen is the longest word whose tokens answer it exactly, without
// checking the text.
const exactLen = 3

// Words splits s, folded, into words: the units a query must match as typed.
func Words(s string) []string {
	return strings.Fields(Fold(s))
}

// foldMap folds s like Fold and also returns, for each rune of the result,
// the byte offset in s of the character it came from, so a match found in
// folded text can be marked in the original.
func foldMap(s string) (folded []rune, from []int) {
	foldOnce.Do(initFold)
	var one []rune
	for i, r := range s {
		one = appendFold(one[:0], r)
		for _, c := range one {
			if c == sep && (len(folded) == 0 || folded[len(folded)-1] == sep) {
				continue
			}
			folded = append(folded, c)
			from = append(from, i)
		}
	}
	if n := len(folded); n > 0 && folded[n-1] == sep {
		folded, from = folded[:n-1], from[:n-1]
	}
	return folded, from
}
