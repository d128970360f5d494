package load

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"alliance/internal/engine"
)

// watchedCache is a cache that records the keys it was asked for and can
// lose some of them, as a damaged entry is lost.
type watchedCache struct {
	s    *engine.Store
	mu   sync.Mutex
	got  map[[32]byte]int
	lost map[[32]byte]bool
}

func (c *watchedCache) Get(key [32]byte) ([]byte, bool) {
	c.mu.Lock()
	c.got[key]++
	lost := c.lost[key]
	c.mu.Unlock()
	if lost {
		return nil, false
	}
	return c.s.Get(key)
}

func (c *watchedCache) Has(key [32]byte) bool          { return c.s.Has(key) }
func (c *watchedCache) PutBlob(key [32]byte, b []byte) { c.s.PutBlob(key, b) }

// TestCachedBodiesAreReadWhenAsked: a body found in the cache is loaded
// as its outline (summary, headings) without its HTML and text, which are
// read when a stage asks for them and equal what converting gives. A text
// the cache then fails to give is converted again from its file; if the
// file changed meanwhile, the site has a late problem naming it.
func TestCachedBodiesAreReadWhenAsked(t *testing.T) {
	long := strings.Repeat("幼儿园保教质量评估工作", 20)
	files := map[string]string{
		"content/notices/a.md": "+++\ntitle = \"甲\"\ndate = 2024-03-17\n+++\n\n## 一、评估内容\n\n" + long + "\n",
		"content/notices/b.md": "+++\ntitle = \"乙\"\ndate = 2024-03-18\n+++\n\n联系 [王老师](tel:13812345678)。\n",
	}
	dir := site(t, files)
	c := &watchedCache{s: engine.Memory(engine.Version()), got: map[[32]byte]int{}, lost: map[[32]byte]bool{}}
	// reads is how many times the HTML and the text of the body named sum
	// were read; lose makes the cache fail them.
	reads := func(sum engine.Sum) int { return c.got[blobsOf(sum).html] + c.got[blobsOf(sum).text] }
	lose := func(sum engine.Sum) { c.lost[blobsOf(sum).html], c.lost[blobsOf(sum).text] = true, true }
	first, _ := loadWith(t, dir, c)
	// Converted here and put in the cache, the bodies are read back from
	// it rather than held.
	for _, n := range first.Notices {
		if n.Body.Sum == (engine.Sum{}) || reads(n.Body.Sum) != 0 {
			t.Fatalf("%s: converted, its body has no sum or was read back while loading", n.Source)
		}
		if n.Body.HTML() == "" || reads(n.Body.Sum) != 1 {
			t.Errorf("%s: converted, its body was not read back from the cache when asked", n.Source)
		}
	}
	clear(c.got)
	again, warned := loadWith(t, dir, c)
	if len(warned) != 1 || !strings.Contains(warned[0].Msg, "138****5678") {
		t.Errorf("warnings %v, want the one for the tel: link, given again from the cache", warned)
	}
	for i, n := range again.Notices {
		if n.Body.Sum == (engine.Sum{}) {
			t.Fatalf("%s: a body without a sum", n.Source)
		}
		if reads(n.Body.Sum) != 0 {
			t.Errorf("%s: its text was read while loading", n.Source)
		}
		was := first.Notices[i]
		if n.Summary != was.Summary || len(n.Body.Headings) != len(was.Body.Headings) {
			t.Errorf("%s: summary %q and %d headings from the cache, want %q and %d", n.Source, n.Summary, len(n.Body.Headings), was.Summary, len(was.Body.Headings))
		}
		if n.Body.HTMLLen() != len(was.Body.HTML()) || n.Body.TextLen() != len(was.Body.Text()) {
			t.Errorf("%s: lengths %d and %d before reading, want %d and %d", n.Source, n.Body.HTMLLen(), n.Body.TextLen(), len(was.Body.HTML()), len(was.Body.Text()))
		}
		if n.Body.HTML() != was.Body.HTML() || n.Body.Text() != was.Body.Text() {
			t.Errorf("%s: the text read when asked differs from the text converted", n.Source)
		}
		before := reads(n.Body.Sum)
		n.Body.HTML()
		n.Body.Text()
		if got := reads(n.Body.Sum) - before; got != 2 {
			t.Errorf("%s: its HTML and text were read %d times when asked for once each; they are to be read each time, not held", n.Source, got)
		}
		html := c.got[blobsOf(n.Body.Sum).html]
		n.Body.Text()
		if c.got[blobsOf(n.Body.Sum).html] != html {
			t.Errorf("%s: asking for the text read the HTML too", n.Source)
		}
	}
	if !strings.Contains(first.Notices[1].Summary, "…") {
		t.Errorf("summary %q of a long text is not cut", first.Notices[1].Summary)
	}

	// The cache loses a text after loading: it is converted again.
	third, _ := loadWith(t, dir, c)
	a := third.Notices[1] // newest first: a is the older
	if a.Source != "content/notices/a.md" {
		t.Fatalf("notice %s, want a.md", a.Source)
	}
	lose(a.Body.Sum)
	if a.Body.HTML() != first.Notices[1].Body.HTML() {
		t.Errorf("the text converted again differs:\n%s\nwant\n%s", a.Body.HTML(), first.Notices[1].Body.HTML())
	}
	if err := third.Late.Err(); err != nil {
		t.Errorf("a text converted again is a problem: %v", err)
	}

	// Lost, and the file changed after loading: the build must fail.
	fourth, _ := loadWith(t, dir, c)
	b := fourth.Notices[0]
	if err := os.WriteFile(filepath.Join(dir, "content", "notices", "b.md"), []byte("+++\ntitle = \"乙\"\ndate = 2024-03-18\n+++\n\n改过的正文。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lose(b.Body.Sum)
	if html := b.Body.HTML(); strings.Contains(string(html), "改过") {
		t.Errorf("the body of a file changed after loading was taken: %s", html)
	}
	b.Body.Text()
	err := fourth.Late.Err()
	if err == nil || !strings.Contains(err.Error(), "content/notices/b.md") {
		t.Errorf("late problems %v, want one naming content/notices/b.md", err)
	}
	if n := len(fourth.Late.Problems()); n != 1 {
		t.Errorf("%d late problems for one file read twice, want one", n)
	}
}
