package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"alliance/internal/model"
	"alliance/internal/output"
)

// memCache is a DocCache in memory that counts what it is asked.
type memCache struct {
	mu         sync.Mutex
	m          map[[32]byte][]byte
	gets, puts int
}

func newMemCache() *memCache { return &memCache{m: map[[32]byte][]byte{}} }

func (c *memCache) Get(k [32]byte) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gets++
	b, ok := c.m[k]
	return b, ok
}

func (c *memCache) PutBlob(k [32]byte, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.puts++
	c.m[k] = b
}

func sameFiles(t *testing.T, what string, a, b []output.File) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d files, want %d", what, len(b), len(a))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("%s: file %d is %s, want %s with the same bytes", what, i, b[i].Path, a[i].Path)
		}
	}
}

// TestCacheGivesTheSameFiles builds with no cache, with an empty one, with
// the filled one, and with one whose entries are all damaged, in each of
// several ways: the files are the same bytes every time, and damaged
// entries are made again and replaced.
func TestCacheGivesTheSameFiles(t *testing.T) {
	site := genSmallSite(t)
	want, err := Build(site)
	if err != nil {
		t.Fatal(err)
	}
	c := newMemCache()
	cold, err := buildFiles(collect(site), c, testLimits)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "empty cache", want, cold)
	segs := len(segmentBounds(collect(site), testLimits.segment)) - 1
	if segs < 3 {
		t.Fatalf("%d segments; the test needs several", segs)
	}
	if c.puts != segs || len(c.m) != segs {
		t.Fatalf("an empty cache got %d puts for %d keys; want one a segment (%d)", c.puts, len(c.m), segs)
	}
	c.gets, c.puts = 0, 0
	warm, err := buildFiles(collect(site), c, testLimits)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "warm cache", want, warm)
	if c.puts != 0 || c.gets != segs {
		t.Errorf("a warm build asked %d and put %d; want %d asks and no puts", c.gets, c.puts, segs)
	}

	// Damage every entry: truncated, a flipped byte, garbage, empty,
	// another segment's blob, a blob with a longer tail.
	r := rand.New(rand.NewPCG(1, 2))
	good := map[[32]byte][]byte{}
	var keys [][32]byte
	for k, b := range c.m {
		good[k] = b
		keys = append(keys, k)
	}
	for way, damage := range []func(i int, b []byte) []byte{
		func(_ int, b []byte) []byte { return b[:r.IntN(len(b))] },
		func(_ int, b []byte) []byte { b[r.IntN(len(b))] ^= 1 << r.IntN(8); return b },
		func(_ int, b []byte) []byte {
			for j := range b {
				b[j] = byte(r.Uint32())
			}
			return b
		},
		func(int, []byte) []byte { return nil },
		func(i int, _ []byte) []byte { return bytes.Clone(good[keys[(i+1)%len(keys)]]) },
		func(_ int, b []byte) []byte { return append(b, b...) },
	} {
		for i, k := range keys {
			c.m[k] = damage(i, bytes.Clone(good[k]))
		}
		c.gets, c.puts = 0, 0
		damaged, err := buildFiles(collect(site), c, testLimits)
		if err != nil {
			t.Fatal(err)
		}
		sameFiles(t, fmt.Sprintf("damaged cache (way %d)", way), want, damaged)
		if c.puts != segs {
			t.Errorf("way %d: %d damaged entries replaced, want %d", way, c.puts, segs)
		}
	}
}

// TestCacheRedoesOneSegment edits a notice, adds one at the top and
// removes one: each time one segment is made again, the others are read
// back, and the files are those of a build without the cache.
func TestCacheRedoesOneSegment(t *testing.T) {
	site := genSmallSite(t)
	c := newMemCache()
	if _, err := buildFiles(collect(site), c, testLimits); err != nil {
		t.Fatal(err)
	}
	edited := *site
	edited.Notices = slices.Clone(site.Notices)
	n := *edited.Notices[100]
	n.Title += "（更正）"
	edited.Notices[100] = &n
	added := *site
	top := *site.Notices[0]
	top.Slug, top.URL, top.Title = "new-top", "notices/new-top/", "新增通知"
	added.Notices = append([]*model.Notice{&top}, site.Notices...)
	removed := *site
	removed.Notices = slices.Delete(slices.Clone(site.Notices), 150, 151)
	for name, s := range map[string]*model.Site{"edited": &edited, "added": &added, "removed": &removed} {
		want, err := Build(s)
		if err != nil {
			t.Fatal(err)
		}
		c.puts = 0
		got, err := buildFiles(collect(s), c, testLimits)
		if err != nil {
			t.Fatal(err)
		}
		sameFiles(t, name, want, got)
		if c.puts != 1 {
			t.Errorf("%s: %d segments made again, want 1", name, c.puts)
		}
	}
}

// TestCacheKeySeesEveryField changes each field extraction reads, one at a
// time, and checks that the document's key changes.
func TestCacheKeySeesEveryField(t *testing.T) {
	base := document{kind: KindNotice, url: "n/", title: "标题", date: day("2024-01-02"), meta: []string{"甲"},
		extra: []string{"乙"}, body: model.NewBody("", "正文"), lead: "摘要", context: "上下文", summary: "摘"}
	k := docKey(&base)
	for name, change := range map[string]func(d *document){
		"kind":    func(d *document) { d.kind = KindReport },
		"url":     func(d *document) { d.url = "m/" },
		"title":   func(d *document) { d.title = "标题二" },
		"date":    func(d *document) { d.date = day("2024-01-03") },
		"meta":    func(d *document) { d.meta = []string{"甲", ""} },
		"extra":   func(d *document) { d.extra = nil },
		"body":    func(d *document) { d.body = model.NewBody("", "正文。") },
		"lead":    func(d *document) { d.lead = "" },
		"context": func(d *document) { d.context = "" },
		"summary": func(d *document) { d.summary = "摘要" },
		"source":  func(d *document) { d.body.Sum = [32]byte{1} },
		// A field's end moved: the same bytes split differently.
		"split": func(d *document) { d.title, d.body = "标题正", model.NewBody("", "文") },
	} {
		d := base
		d.meta = append([]string(nil), base.meta...)
		change(&d)
		if docKey(&d) == k {
			t.Errorf("changing the %s leaves the key", name)
		}
	}
	if d := base; docKey(&d) != k {
		t.Error("the key of a copy differs")
	}
}

// testLimits cut the small site into several segments.
var testLimits = func() limits { l := defaultLimits; l.segment = 64; return l }()

// genSmallSite is a generated site of a few hundred documents.
func genSmallSite(t *testing.T) *model.Site {
	t.Helper()
	s := *benchSite()
	s.Notices = s.Notices[:300]
	s.Reports = s.Reports[:30]
	s.Directories = s.Directories[:2]
	return &s
}

// BenchmarkIndexCached measures building the benchmark site's index with a
// warm cache after one notice changed: the other documents are read from
// the cache, so the time is assembly's.
func BenchmarkIndexCached(b *testing.B) {
	site := benchSite()
	c := newMemCache()
	if _, err := BuildWith(site, c); err != nil {
		b.Fatal(err)
	}
	edited := *site
	edited.Notices = append([]*model.Notice(nil), site.Notices...)
	i := len(edited.Notices) / 2
	defer reportCPU(b)()
	for b.Loop() {
		n := *site.Notices[i]
		n.Body = model.NewBody(n.Body.HTML(), n.Body.Text()+"补充说明")
		edited.Notices[i] = &n
		if _, err := BuildWith(&edited, c); err != nil {
			b.Fatal(err)
		}
	}
}

// reportCPU starts counting the process's CPU time; the function it returns
// reports it per operation, a figure that a busy machine disturbs less than
// the wall time.
func reportCPU(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			return 0
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() {
		if b.N > 0 {
			b.ReportMetric((cpu()-start).Seconds()/float64(b.N), "cpu-s/op")
		}
	}
}

// TestSegmentLengths cuts ten thousand notices as a site's are named: no
// segment is longer than the ceiling, none is far longer than the mean
// (cuts by hash alone made one of 2,879 here), and removing a notice
// changes one segment, rarely (when the late rule's count shifts) three.
func TestSegmentLengths(t *testing.T) {
	docs := make([]document, 10000)
	for i := range docs {
		docs[i].url = fmt.Sprintf("notices/n%05d/", i)
	}
	every := segmentEvery
	b := segmentBounds(docs, every)
	longest := 0
	for i := 1; i < len(b); i++ {
		longest = max(longest, b[i]-b[i-1])
	}
	mean := len(docs) / (len(b) - 1)
	if longest > 2*every || mean < every/4 || mean > every {
		t.Fatalf("%d segments, mean %d, longest %d; want a mean of %d to %d and none over %d", len(b)-1, mean, longest, every/4, every, 2*every)
	}
	segments := func(b []int, urls []document) map[string]bool {
		out := map[string]bool{}
		for i := 1; i < len(b); i++ {
			var key strings.Builder
			for _, d := range urls[b[i-1]:b[i]] {
				key.WriteString(d.url)
			}
			out[key.String()] = true
		}
		return out
	}
	before := segments(b, docs)
	r := rand.New(rand.NewPCG(1, 2))
	one := 0
	for range 300 {
		i := r.IntN(len(docs))
		less := slices.Delete(slices.Clone(docs), i, i+1)
		changed := 0
		for s := range segments(segmentBounds(less, every), less) {
			if !before[s] {
				changed++
			}
		}
		if changed == 1 {
			one++
		}
		if changed > 3 {
			t.Errorf("removing %s changed %d segments, want at most 3", docs[i].url, changed)
		}
	}
	if one < 285 {
		t.Errorf("removing one of 300 notices changed one segment %d times, want at least 285", one)
	}
}
