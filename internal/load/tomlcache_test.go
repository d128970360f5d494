package load

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"

	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/tomllimit"
)

// countingCache is a cache in memory that counts what it is asked.
type countingCache struct {
	mu         sync.Mutex
	s          *engine.Store
	hits, puts int
}

func newCountingCache() *countingCache {
	return &countingCache{s: engine.Memory(engine.Version())}
}

func (c *countingCache) Get(key [32]byte) ([]byte, bool) {
	b, ok := c.s.Get(key)
	c.mu.Lock()
	if ok {
		c.hits++
	}
	c.mu.Unlock()
	return b, ok
}

func (c *countingCache) Has(key [32]byte) bool { return c.s.Has(key) }

func (c *countingCache) PutBlob(key [32]byte, b []byte) {
	c.mu.Lock()
	c.puts++
	c.mu.Unlock()
	c.s.PutBlob(key, b)
}

// Front matter and data with every kind of value TOML has: dates with and
// without a zone or a time, a time of day, numbers, nested tables, arrays
// of tables, a phone number as a table.
var tomlTexts = []struct {
	name string
	new  func() any
	src  string
}{
	{"notice", func() any { return new(noticeFront) }, `title = "关于举办培训的通知"
date = 2024-03-17
publish_date = 2024-03-17T08:30:00
expiry_date = 2024-12-31T17:00:00+08:00
tags = ["培训", "学前"]
doc_number = "联盟〔2024〕3号"
recipients = ["各成员园"]
deadline = "2024-04-30"
[contact]
name = "王老师"
phone = { number = "13800001234", public = true }
[[attachments]]
title = "报名表"
template = "apply"
[[attachments]]
title = "名单"
directory = "members"
[params]
colour = "red"
weight = 3
ratio = 0.5
on = true
at = 08:30:00
utc = 2024-01-02T03:04:05Z
list = [1, "二", 2024-05-06]
[params.nested]
deep = { deeper = [{ a = 1 }, { b = "x" }] }
[[params.rows]]
k = "v"
`},
	{"report", func() any { return new(reportFront) }, `title = "论坛纪要"
date = 2024-05-01
[event]
name = "论坛"
start = 2024-05-01T09:00:00+08:00
end = 2024-05-01T17:00:00-05:30
attendance = 120
hosts = ["甲", "乙"]
`},
	{"directory", func() any { return new(directoryFile) }, `name = "学前教育联盟"
founded = 2021-03-16
[[governance]]
name = "理事会"
[[governance.people]]
role = "理事长"
name = "李某"
[[groups]]
tier = "市级"
[groups.lead]
name = "第一幼儿园"
phone = "13900001234"
joined = 2022-09-01
[[groups.partners]]
name = "第二幼儿园"
phone = { number = "0731-88880000", public = true }
[[members]]
name = "第三幼儿园"
`},
}

// TestTOMLThroughTheCache: a text decodes from the cache to a value deeply
// equal to what parsing it gives, and the second time it is not parsed.
func TestTOMLThroughTheCache(t *testing.T) {
	for _, c := range tomlTexts {
		t.Run(c.name, func(t *testing.T) {
			want := c.new()
			var dl diag.List
			if !decodeTOML([]byte(c.src), want, "a.toml", 1, tomllimit.MaxDataFile, &dl) || len(dl.Problems()) > 0 {
				t.Fatalf("the text does not decode cleanly: %v", dl.Problems())
			}
			cache := newCountingCache()
			l := &loader{opts: Options{Cache: cache}}
			for round := range 2 {
				got := c.new()
				if !l.decodeTOML([]byte(c.src), got, "a.toml", 1, tomllimit.MaxDataFile, &dl) {
					t.Fatalf("round %d: not decoded: %v", round, dl.Problems())
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("round %d: got\n%#v\nwant\n%#v", round, got, want)
				}
			}
			if cache.puts != 1 || cache.hits != 1 {
				t.Errorf("kept %d times and found %d times, want once each", cache.puts, cache.hits)
			}
		})
	}
}

// TestTOMLCacheKeepsOnlyWhatReadsBack: a value the encoding cannot carry
// exactly (NaN is unequal to itself), and a text with problems, are parsed
// every time, with the same problems.
func TestTOMLCacheKeepsOnlyWhatReadsBack(t *testing.T) {
	cache := newCountingCache()
	l := &loader{opts: Options{Cache: cache}}
	for range 2 {
		var fm noticeFront
		var dl diag.List
		if !l.decodeTOML([]byte("title = \"x\"\n[params]\nx = nan\n"), &fm, "a.md", 2, tomllimit.MaxFrontMatter, &dl) {
			t.Fatal(dl.Err())
		}
		if x, _ := fm.Params["x"].(float64); x == x {
			t.Fatalf("params.x = %v, want NaN", fm.Params["x"])
		}
	}
	var msgs []string
	for range 2 {
		var fm noticeFront
		var dl diag.List
		l.decodeTOML([]byte("title = \"x\"\ncolor = \"red\"\n"), &fm, "a.md", 2, tomllimit.MaxFrontMatter, &dl)
		if dl.Err() == nil {
			t.Fatal("an unknown key was accepted")
		}
		msgs = append(msgs, dl.Err().Error())
	}
	if msgs[0] != msgs[1] || !strings.Contains(msgs[0], "a.md:3") {
		t.Errorf("problems differ or lack the line: %q", msgs)
	}
	if cache.puts != 0 || cache.hits != 0 {
		t.Errorf("kept %d, found %d; want nothing kept", cache.puts, cache.hits)
	}
	if _, ok := encodeValue(reflect.ValueOf(&struct{ a int }{1}).Elem()); ok {
		t.Error("a struct with an unexported field was encoded")
	}
}

// TestDamagedTOMLValueIsRefused: cut short or with bytes changed, an
// encoding is refused or read without a panic; never is a short one taken.
func TestDamagedTOMLValueIsRefused(t *testing.T) {
	fm := tomlTexts[0].new()
	var dl diag.List
	if !decodeTOML([]byte(tomlTexts[0].src), fm, "a.md", 2, tomllimit.MaxFrontMatter, &dl) {
		t.Fatal(dl.Err())
	}
	data, ok := encodeValue(reflect.ValueOf(fm).Elem())
	if !ok {
		t.Fatal("not encoded")
	}
	typ := reflect.TypeOf(fm).Elem()
	for n := range len(data) {
		if decodeValue(data[:n], reflect.New(typ).Elem()) {
			t.Fatalf("an encoding cut to %d of %d bytes was read", n, len(data))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := append([]byte(nil), data...)
		for range 1 + r.IntN(4) {
			b[r.IntN(len(b))] = byte(r.IntN(256))
		}
		decodeValue(b, reflect.New(typ).Elem()) // must not panic
	}
}
