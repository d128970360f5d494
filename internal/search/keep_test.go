package search

import (
	"crypto/sha256"
	"encoding/json"
	"html/template"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"alliance/internal/model"
	"alliance/internal/output"
)

// lazySite is site with every notice's body read only when asked for, as
// the loader gives bodies from the build cache; reads counts the bodies
// read, each once however often it is read. edited, when not negative, is a notice whose text gains a line.
func lazySite(site *model.Site, reads *atomic.Int64, edited int) *model.Site {
	s := *site
	s.Notices = make([]*model.Notice, len(site.Notices))
	for i, n := range site.Notices {
		c := *n
		html, text := n.Body.HTML(), n.Body.Text()
		if i == edited {
			text += "补充说明：报名延期一周。"
		}
		sum := sha256.Sum256([]byte(text))
		var read atomic.Bool
		c.Body = model.LazyBody(sum, len(html), len(text), "", func() template.HTML {
			if read.CompareAndSwap(false, true) {
				reads.Add(1)
			}
			return html
		}, func() string {
			if read.CompareAndSwap(false, true) {
				reads.Add(1)
			}
			return text
		})
		s.Notices[i] = &c
	}
	return &s
}

// keptBuild builds docs with c and a Keeper that keeps a file the previous
// build's files (prev) hold with the same sum and size; it returns every
// file the output would hold: those emitted and those kept.
func keptBuild(t *testing.T, docs []document, c DocCache, prev []output.File) (all []output.File, kept int) {
	t.Helper()
	byPath := map[string]output.File{}
	for _, f := range prev {
		byPath[f.Path] = f
	}
	var (
		mu        sync.Mutex // bodyShards calls keep from several goroutines
		keptFiles []output.File
	)
	keep := func(p string, sum [32]byte, size int64) bool {
		f, ok := byPath[p]
		if !ok || sha256.Sum256(f.Data) != sum || int64(len(f.Data)) != size {
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		keptFiles = append(keptFiles, f)
		return true
	}
	files, err := collected(func(emit func([]output.File)) error {
		return build(docs, c, keep, testLimits, emit)
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err = collected(func(emit func([]output.File)) error {
		emit(files)
		emit(keptFiles)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return all, len(keptFiles)
}

// TestKeptShardsAreNotRead builds a site whose bodies are read on demand
// three times with one cache: cold, again with nothing changed, and after
// one notice's text changed. With nothing changed no text is read and every
// shard of texts is kept; after the edit only the texts of the edited
// notice's segment are read; each time the files, kept ones included, are
// the bytes a build without any cache makes.
func TestKeptShardsAreNotRead(t *testing.T) {
	site := genSmallSite(t)
	var reads atomic.Int64
	c := newMemCache()

	cold, kept := keptBuild(t, collect(lazySite(site, &reads, -1)), c, nil)
	want, err := Build(site)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "cold build", want, cold)
	if kept != 0 {
		t.Fatalf("a cold build kept %d files", kept)
	}
	bodies := 0
	for _, f := range cold {
		if strings.HasPrefix(f.Path, Dir+bodyFile+"-") {
			bodies++
		}
	}
	if bodies < 3 {
		t.Fatalf("%d shards of texts; the test needs several", bodies)
	}

	reads.Store(0)
	again, kept := keptBuild(t, collect(lazySite(site, &reads, -1)), c, cold)
	sameFiles(t, "nothing changed", want, again)
	if n := reads.Load(); n != 0 {
		t.Errorf("with nothing changed, %d texts were read; want none", n)
	}
	if kept != bodies {
		t.Errorf("with nothing changed, %d of %d shards of texts were kept", kept, bodies)
	}

	edited := len(site.Notices) / 2
	reads.Store(0)
	after, kept := keptBuild(t, collect(lazySite(site, &reads, edited)), c, again)
	wantEdited, err := Build(lazySite(site, new(atomic.Int64), edited))
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "one notice edited", wantEdited, after)
	// The texts read are at most those of the edited notice's segment,
	// extracted again, and of its new shard of texts.
	bound := 0
	b := segmentBounds(collect(site), testLimits.segment)
	for i := 1; i < len(b); i++ {
		bound = max(bound, b[i]-b[i-1])
	}
	prev := map[string]bool{}
	for _, f := range again {
		prev[f.Path] = true
	}
	for _, f := range after {
		if strings.HasPrefix(f.Path, Dir+bodyFile+"-") && !prev[f.Path] {
			var texts map[string]string
			if err := json.Unmarshal(f.Data, &texts); err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			bound += len(texts)
		}
	}
	if n := reads.Load(); n == 0 || n > int64(bound) || n*4 > int64(len(site.Notices)) {
		t.Errorf("after one notice changed, %d texts of %d were read; want at most its segment's and its shard's (%d)", n, len(site.Notices), bound)
	}
	if kept != bodies-1 {
		t.Errorf("after one notice changed, %d of %d shards of texts were kept; want all but its own", kept, bodies)
	}
}
