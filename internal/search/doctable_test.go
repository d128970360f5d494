package search

import (
	"alliance/internal/model"
	"runtime"
	"strings"
	"testing"
)

// TestDocTableGrows checks that a table made small keeps every token, in
// order of first occurrence and with all its classes, as it grows.
func TestDocTableGrows(t *testing.T) {
	var d docTable
	d.reset(1)
	const n = 100000
	for k := uint64(1); k <= n; k++ {
		d.add(k*7919, uint8(k%8))
	}
	for k := uint64(1); k <= n; k += 3 {
		d.add(k*7919, 1<<5)
	}
	if len(d.used) != n {
		t.Fatalf("%d tokens, want %d", len(d.used), n)
	}
	for j, i := range d.used {
		k := uint64(j + 1)
		want := uint8(k % 8)
		if (k-1)%3 == 0 {
			want |= 1 << 5
		}
		if d.keys[i] != k*7919 || d.codes[i] != want {
			t.Fatalf("token %d: key %d code %b, want key %d code %b", j, d.keys[i], d.codes[i], k*7919, want)
		}
	}
	d.reset(1)
	if len(d.used) != 0 {
		t.Errorf("reset left %d tokens", len(d.used))
	}
	d.add(5, 1)
	if len(d.used) != 1 || d.keys[d.used[0]] != 5 {
		t.Error("the table is not empty after reset")
	}
}

// TestLongDocumentIndexIsSmall indexes one 4 MB notice of a few distinct
// sentences: its few tokens need a small table, not one sized for three
// tokens a byte (290 MB for this text).
func TestLongDocumentIndexIsSmall(t *testing.T) {
	body := strings.Repeat("联盟秘书处组织各成员单位开展保教质量提升活动，请各单位认真组织、按时报送材料。", 4<<20/117)
	docs := []document{{kind: KindNotice, url: "notices/long/", title: "长通知", body: model.NewBody("", body)}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, post, err := indexWith(docs, 1)
	if err != nil {
		t.Fatal(err)
	}
	var list []byte
	for i := range len(post.keys) {
		list = post.appendList(list[:0], i)
		if len(list) != post.sizes[i] || len(list) < 3 {
			t.Fatalf("token %d: list of %d bytes, size %d", i, len(list), post.sizes[i])
		}
	}
	runtime.ReadMemStats(&after)
	if len(post.keys) < 50 {
		t.Fatalf("%d tokens", len(post.keys))
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 && !raceDetector {
		t.Errorf("indexing a %d-byte notice allocated %d MB; want under 16 MB", len(body), got>>20)
	}
}

// TestLongDocumentBuildIsSmall builds the search files of one 4 MB notice:
// its text is written into its body shard once, not copied at every step
// (8 times the text in allocations before, 4.5 now, the index included).
func TestLongDocumentBuildIsSmall(t *testing.T) {
	body := strings.Repeat("联盟秘书处组织各成员单位开展保教质量提升活动，请各单位认真组织、按时报送材料。", 4<<20/117)
	docs := []document{{kind: KindNotice, url: "notices/long/", title: "长通知", body: model.NewBody("", body)}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	files, err := buildFiles(docs, nil, defaultLimits)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		n += len(f.Data)
	}
	if n < len(body) {
		t.Fatalf("the search files hold %d bytes for a %d-byte text", n, len(body))
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > uint64(5*len(body)) && !raceDetector {
		t.Errorf("building the search files of a %d-byte notice allocated %d MB; want under 5 times the text", len(body), got>>20)
	}
}
