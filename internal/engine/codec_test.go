package engine

import (
	"reflect"
	"strconv"
	"testing"
	"time"
)

// sampleIndex is records of every shape: a page (deps, one file), an
// output of several files, one with a time limit and data, an empty one.
func sampleIndex(n int) map[string]Record {
	m := map[string]Record{
		"empty": {},
		"head":  {Key: Of("h"), Until: time.Unix(1767225600, 123), Data: []byte("数据\x00\xff")},
		"search": {Key: Of("s"), Out: []Out{
			{Path: "search/meta.json", Sum: "0123456789abcdef", Size: 120},
			{Path: "search/p-3fa9c0e1d2b4.json", Sum: "fedcba9876543210", Size: -1},
		}, Blobs: []Sum{Of("segment 1"), Of("segment 2")}},
	}
	for i := range n {
		p := "notices/n" + strconv.Itoa(i) + "/index.html"
		m["page:"+p] = Record{Key: Of(p), Deps: []Dep{{"site.notices", Of("list")}, {"site.tags", Of("t")}},
			Out: []Out{{Path: p, Sum: "00112233445566778899aabbccddeeff", Size: int64(4000 + i)}}}
	}
	return m
}

// TestIndexEncoding: the records read back as they were written, and any
// damaged or cut-short encoding is refused, never read as something else.
func TestIndexEncoding(t *testing.T) {
	m := sampleIndex(50)
	b := appendIndex(nil, m)
	got, ok := decodeIndex(b)
	if !ok {
		t.Fatal("an index was refused")
	}
	// Until comes back in the local zone: the same instant.
	for id, r := range got {
		if w := m[id].Until; r.Until.Equal(w) {
			r.Until = w
			got[id] = r
		}
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("read back:\n%v\nwant\n%v", got, m)
	}
	for n := range len(b) {
		if _, ok := decodeIndex(b[:n]); ok {
			t.Fatalf("an index cut at %d of %d bytes was read", n, len(b))
		}
	}
	if _, ok := decodeIndex(append(b, 0)); ok {
		t.Error("an index with a byte too many was read")
	}
	r := m["head"]
	one, ok := decodeRecord(appendRecord(nil, r))
	if !ok || !one.Until.Equal(r.Until) || one.Key != r.Key || string(one.Data) != string(r.Data) {
		t.Errorf("the head read back as %v, want %v", one, r)
	}
}

// FuzzIndexDecoding: no input makes the decoder panic or allocate beyond
// what the input can hold.
func FuzzIndexDecoding(f *testing.F) {
	f.Add(appendIndex(nil, sampleIndex(3)))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		if m, ok := decodeIndex(b); ok {
			if again, ok := decodeIndex(appendIndex(nil, m)); !ok || len(again) != len(m) {
				t.Errorf("%d records read, then %d (%v) on encoding them again", len(m), len(again), ok)
			}
		}
		decodeRecord(b)
	})
}

// BenchmarkIndex writes and reads the records of 10,000 notices' pages.
func BenchmarkIndex(b *testing.B) {
	m := sampleIndex(30000)
	var size int
	for b.Loop() {
		data := appendIndex(nil, m)
		size = len(data)
		if _, ok := decodeIndex(data); !ok {
			b.Fatal("refused")
		}
	}
	b.ReportMetric(float64(size), "bytes")
}
