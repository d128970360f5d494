package search

import (
	"bytes"
	"path"
	"strconv"
	"strings"
	"testing"

	"alliance/internal/deploy"
	"alliance/internal/model"
)

// TestEditChangesFewFiles builds the index of the benchmark site, edits a
// few words of one notice's text and builds again: the files whose bytes
// are the same keep their names, and only the shards that hold the edited
// words, the notice's text and record, the name tables and meta.json
// change, so a deploy sends a few dozen files, not the whole index.
func TestEditChangesFewFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the 31,000-document benchmark site twice; run without -short")
	}
	site := benchSite()
	before, err := Build(site)
	if err != nil {
		t.Fatal(err)
	}

	// The same site with one notice edited; benchSite is shared, so the
	// notice is copied.
	edited := *site
	edited.Notices = append([]*model.Notice(nil), site.Notices...)
	i := len(edited.Notices) / 2
	n := *edited.Notices[i]
	text := n.Body.Text()
	cut := strings.Index(text, "，")
	if cut < 0 {
		t.Fatal("the notice's text has no comma to edit after")
	}
	n.Body = model.NewBody(n.Body.HTML(), text[:cut]+"，请各园对照清单逐项自查"+text[cut:])
	edited.Notices[i] = &n
	after, err := Build(&edited)
	if err != nil {
		t.Fatal(err)
	}

	old := map[string][]byte{}
	for _, f := range before {
		old[f.Path] = f.Data
	}
	kindOf := func(p string) string {
		name := path.Base(p)
		if k, _, ok := strings.Cut(name, "-"); ok {
			return k
		}
		return name
	}
	total, changed := map[string]int{}, map[string]int{}
	newFiles := 0
	for _, f := range after {
		k := kindOf(f.Path)
		total[k]++
		prev, ok := old[f.Path]
		switch {
		case f.Path == MetaFile:
			if bytes.Equal(prev, f.Data) {
				t.Error("meta.json did not change, though it names the changed shards")
			}
		case !ok:
			changed[k]++
			newFiles++
		case !bytes.Equal(prev, f.Data):
			t.Errorf("%s changed its bytes but kept its name", f.Path)
		}
	}
	t.Logf("of %d files, %d are new after the edit: %v of %v", len(after), newFiles, changed, total)
	if newFiles == 0 {
		t.Fatal("the edit changed no file of the index")
	}
	if newFiles*50 > len(after) {
		t.Errorf("one edit made %d new files of %d (over 2%%)", newFiles, len(after))
	}
	// Posting shards: only those holding the inserted words' tokens.
	if p := total["p"]; p == 0 || changed["p"]*20 > p {
		t.Errorf("%d of %d posting shards changed (want under 5%%)", changed["p"], p)
	}
	// The notice's text is in one or two body shards, and its record in one
	// head shard.
	if changed["b"] > 2 || changed["h"] > 1 {
		t.Errorf("%d body shards and %d head shards changed; want at most 2 and 1", changed["b"], changed["h"])
	}
}

// TestNamesAndListsSpellNoNumbers: the index is mostly hashes and encoded
// numbers, which the privacy gate must not mistake for a mobile number (it
// once did, 7 times on the 10,000-notice site). A file's name never holds
// more than three digits in a row and still reads as a hash to deploy; a
// posting list holds no digit at all.
func TestNamesAndListsSpellNoNumbers(t *testing.T) {
	for i := range 100000 {
		name := contentName([]byte(strconv.Itoa(i)))
		run := 0
		for _, c := range name {
			if c >= '0' && c <= '9' {
				run++
			} else {
				run = 0
			}
			if run > 3 {
				t.Fatalf("contentName(%d) = %q: a run of %d digits", i, name, run)
			}
		}
		if !deploy.Hashed("search/h-" + name + ".json") {
			t.Fatalf("contentName(%d) = %q: deploy does not take it for a hash", i, name)
		}
	}
	var b []byte
	for n := int64(0); n < 1<<20; n += 7 {
		b = appendNum(b[:0], n)
		if i := bytes.IndexAny(b, "0123456789"); i >= 0 {
			t.Fatalf("appendNum(%d) = %q holds a digit", n, b)
		}
		if got := decodeNum(t, b); got != n {
			t.Fatalf("appendNum(%d) = %q reads back as %d", n, b, got)
		}
	}
}

func decodeNum(t *testing.T, b []byte) int64 {
	var n int64
	shift := 0
	for _, c := range b {
		d := strings.IndexByte(listAlphabet, c)
		if d < 0 {
			t.Fatalf("%q is not in the list alphabet", c)
		}
		n |= int64(d&31) << shift
		shift += 5
	}
	return n
}
