package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStoreKeepsRecordsAndBlobsBetweenRuns(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	ver := Of("v1")
	s := Open(dir, ver)
	key := Of("inputs")
	s.Put("page:a", Record{Key: key, Deps: []Dep{{"site.Notices", Of("n1")}}, Out: []Out{{"a/index.html", "abc", 3}}})
	s.PutBlob(Of("blob"), []byte("converted text"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s = Open(dir, ver)
	current := map[string]Sum{"site.Notices": Of("n1")}
	look := func(name string) (Sum, bool) { v, ok := current[name]; return v, ok }
	r, ok := s.Fresh("page:a", key, time.Now(), look)
	if !ok || r.Out[0].Path != "a/index.html" {
		t.Fatalf("record not found after a run: %+v %v", r, ok)
	}
	if _, ok := s.Fresh("page:a", Of("other inputs"), time.Now(), look); ok {
		t.Error("a record with another key was fresh")
	}
	current["site.Notices"] = Of("n2")
	if _, ok := s.Fresh("page:a", key, time.Now(), look); ok {
		t.Error("a record whose recorded input changed was fresh")
	}
	if b, ok := s.Get(Of("blob")); !ok || string(b) != "converted text" {
		t.Errorf("blob = %q, %v", b, ok)
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("warnings on a sound cache: %v", w)
	}
	if b, err := os.ReadFile(filepath.Join(filepath.Dir(dir), ".gitignore")); err != nil || !strings.Contains(string(b), "\n*\n") {
		t.Errorf("the cache folder has no .gitignore that ignores it: %q, %v", b, err)
	}
	// Records and blobs not used in a run are gone after it.
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if err := Open(dir, ver).Save(); err != nil { // a run that uses nothing
		t.Fatal(err)
	}
	s = Open(dir, ver)
	if _, ok := s.Fresh("page:a", key, time.Now(), look); ok {
		t.Error("a record not put in the last run survived it")
	}
	if _, ok := s.Get(Of("blob")); ok {
		t.Error("a blob not used in the last run survived it")
	}
}

func TestStoreIgnoresDamagedAndForeignCaches(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	ver := Of("v1")
	s := Open(dir, ver)
	s.Put("x", Record{Key: Of("k")})
	s.PutBlob(Of("b1"), []byte(strings.Repeat("first ", 100)))
	s.PutBlob(Of("b2"), []byte(strings.Repeat("second ", 100)))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	none := func(string) (Sum, bool) { return Sum{}, false }

	// Another version of the program: nothing is trusted, quietly.
	if _, ok := Open(dir, Of("v2")).Fresh("x", Of("k"), time.Now(), none); ok {
		t.Error("a record of another version was used")
	}

	// A flipped byte in a blob: that blob is a miss, with a warning.
	pack := filepath.Join(dir, packName)
	data, err := os.ReadFile(pack)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), "second")
	data[i] ^= 1
	os.WriteFile(pack, data, 0o644)
	s = Open(dir, ver)
	if _, ok := s.Get(Of("b2")); ok {
		t.Error("a damaged blob was returned")
	}
	if b, ok := s.Get(Of("b1")); !ok || !strings.HasPrefix(string(b), "first") {
		t.Error("a sound blob beside a damaged one was lost")
	}
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "damaged") {
		t.Errorf("warnings = %q, want one about a damaged entry", w)
	}

	// A damaged index: no records, a warning, and the next Save mends it.
	index := filepath.Join(dir, indexName)
	data, _ = os.ReadFile(index)
	data[len(data)-1] ^= 0xff
	os.WriteFile(index, data, 0o644)
	s = Open(dir, ver)
	if _, ok := s.Fresh("x", Of("k"), time.Now(), none); ok {
		t.Error("a record from a damaged index was used")
	}
	if w := s.Warnings(); len(w) == 0 || !strings.Contains(w[0], "damaged") {
		t.Errorf("warnings = %q, want one about the damaged cache", w)
	}
	s.Put("x", Record{Key: Of("k")})
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if _, ok := Open(dir, ver).Fresh("x", Of("k"), time.Now(), none); !ok {
		t.Error("the index was not mended by the next run")
	}

	// Garbage in place of the whole cache.
	os.WriteFile(index, []byte("not a cache"), 0o644)
	os.WriteFile(pack, []byte("not a pack"), 0o644)
	os.WriteFile(filepath.Join(dir, headName), []byte("not a head"), 0o644)
	s = Open(dir, ver)
	if _, ok := s.Head(); ok {
		t.Error("a head of garbage was read")
	}
	s.Fresh("x", Of("k"), time.Now(), none)
	s.Get(Of("b1"))
	if w := s.Warnings(); len(w) != 3 {
		t.Errorf("warnings = %q, want one each for the head, the index and the pack", w)
	}
}

func TestRecordExpires(t *testing.T) {
	s := Memory(Of("v"))
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	s.Put("x", Record{Key: Of("k"), Until: now.Add(time.Hour)})
	s.Save()
	none := func(string) (Sum, bool) { return Sum{}, false }
	if _, ok := s.Fresh("x", Of("k"), now, none); !ok {
		t.Error("record not fresh before its time")
	}
	if _, ok := s.Fresh("x", Of("k"), now.Add(time.Hour), none); ok {
		t.Error("record fresh at its time")
	}
}

type node struct {
	Name string
	Next *node
	Tags map[string]int
	When time.Time
	Body body
}

type body struct {
	Text string
	Sum  [32]byte
}

func (b body) ContentSum() [32]byte { return b.Sum }

func TestValuesSeeEveryFieldAndEndCycles(t *testing.T) {
	mk := func() *node {
		a := &node{Name: "a", Tags: map[string]int{"x": 1, "y": 2}, When: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
		a.Next = &node{Name: "b", Next: a}
		return a
	}
	base := NewValues().Of(mk())
	if again := NewValues().Of(mk()); again != base {
		t.Error("the same value hashed twice gave two sums")
	}
	for name, change := range map[string]func(*node){
		"name":      func(n *node) { n.Name = "A" },
		"deep":      func(n *node) { n.Next.Name = "B" },
		"map value": func(n *node) { n.Tags["x"] = 3 },
		"map key":   func(n *node) { delete(n.Tags, "y"); n.Tags["z"] = 2 },
		"time":      func(n *node) { n.When = n.When.Add(time.Nanosecond) },
		"text":      func(n *node) { n.Body.Text = "changed" },
	} {
		n := mk()
		change(n)
		if NewValues().Of(n) == base {
			t.Errorf("a change of the %s was not seen", name)
		}
	}
	// A body that names its content is hashed by that name alone.
	n1, n2 := mk(), mk()
	n1.Body = body{Text: "one", Sum: Of("src")}
	n2.Body = body{Text: "two", Sum: Of("src")}
	if NewValues().Of(n1) != NewValues().Of(n2) {
		t.Error("ContentSum was not used")
	}
	// Skipped types add nothing.
	type wrap struct {
		N *node
		S string
	}
	v := NewValues((*node)(nil))
	if v.Of(wrap{N: mk(), S: "s"}) != v.Of(wrap{N: &node{Name: "other"}, S: "s"}) {
		t.Error("a skipped type was hashed")
	}
}

// A value first met inside a cycle (b, reached from a, pointing back at a)
// is hashed without a's content there; hashed later on its own, with the
// same Values, it must still depend on a: a template's page shows the title
// of the notice that calls for it, though the notices are hashed first.
func TestValuesOfAValueInACycleSeeTheWholeCycle(t *testing.T) {
	sums := func(title string) Sum {
		a := &node{Name: title}
		a.Next = &node{Name: "b", Next: a}
		v := NewValues()
		v.Of(a) // first, as the collection of notices is
		return v.Of(a.Next)
	}
	if sums("one") == sums("two") {
		t.Error("a change to a value met through a cycle was not seen")
	}
}

func TestTreeSeesEveryChange(t *testing.T) {
	root := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/a.md", "one")
	write("content/notices/b.md", "two")
	entries := []string{"site.toml", "content"}
	sum := func() Sum {
		s, _, ok := Tree(root, entries)
		if !ok {
			t.Fatal("Tree refused a plain folder")
		}
		return s
	}
	// Each file's stamp, by its path with forward slashes, the one Stamp
	// gives it.
	if _, stamps, _ := Tree(root, entries); runtime.GOOS == "linux" {
		for _, rel := range []string{"content/a.md", "content/notices/b.md"} {
			st, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
			if err != nil {
				t.Fatal(err)
			}
			want, _ := Stamp(st)
			if got := stamps[rel]; got.Sum != want.Sum || !got.Changed.Equal(want.Changed) {
				t.Errorf("stamp of %s: %v, want %v", rel, got, want)
			}
		}
		if len(stamps) != 2 {
			t.Errorf("%d stamps for 2 files: %v", len(stamps), stamps)
		}
	}
	prev := sum()
	if sum() != prev {
		t.Fatal("Tree of an unchanged folder changed")
	}
	steps := []func(){
		func() { write("content/a.md", "One") },                   // same size, new content
		func() { write("content/notices/c.md", "") },              // a new file
		func() { os.Remove(filepath.Join(root, "content/a.md")) }, // a file removed
		func() { write("site.toml", "title = 'x'") },              // an entry that was absent
		func() {
			os.Rename(filepath.Join(root, "content/notices/b.md"), filepath.Join(root, "content/notices/d.md"))
		},
	}
	for i, step := range steps {
		time.Sleep(10 * time.Millisecond) // a coarse clock must still tick
		step()
		next := sum()
		if next == prev {
			t.Errorf("change %d was not seen", i)
		}
		prev = next
	}
	if err := os.Symlink(filepath.Join(root, "site.toml"), filepath.Join(root, "content/link.md")); err != nil {
		t.Skip("no links here")
	}
	if _, _, ok := Tree(root, entries); ok {
		t.Error("Tree vouched for a folder with a link")
	}
}

func TestCloseLeavesNoDamage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	s := Open(dir, Of("v"))
	s.PutBlob(Of("a"), []byte(strings.Repeat("x", 3<<20))) // past the write buffer
	s.PutBlob(Of("b"), []byte("small"))
	if err := s.Close(); err != nil { // a failed run: no Save
		t.Fatal(err)
	}
	s = Open(dir, Of("v"))
	if b, ok := s.Get(Of("b")); !ok || string(b) != "small" {
		t.Errorf("a blob of a run that did not save was lost: %q %v", b, ok)
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("warnings after a run that closed without saving: %v", w)
	}
	// After a run that saved, Close only closes: the table of contents
	// is not written again (each write is a new file).
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(filepath.Join(dir, tocName))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if after, err := os.Stat(filepath.Join(dir, tocName)); err != nil || !os.SameFile(before, after) {
		t.Errorf("Close after Save wrote the table of contents again (%v)", err)
	}
}

// TestPackIsWrittenAnewAndReadByItsTable: blobs are read from the pack
// whether appended in this run (still in the write buffer) or an earlier
// one; when most of the pack is blobs no run uses, Save writes it anew,
// smaller, and the blobs kept read the same in the same run and the next;
// a pack its table of contents does not describe is not trusted.
func TestPackIsWrittenAnewAndReadByItsTable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	ver := Of("v1")
	keyOf := func(i int) Sum { return Of("blob", strconv.Itoa(i)) }
	blob := func(i int) []byte { return []byte(strings.Repeat(string(rune('a'+i%26)), 1000+i)) }
	s := Open(dir, ver)
	for i := range 100 {
		s.PutBlob(keyOf(i), blob(i))
		if b, ok := s.Get(keyOf(i)); !ok || !bytes.Equal(b, blob(i)) {
			t.Fatalf("blob %d read back in its run: %d bytes, %v", i, len(b), ok)
		}
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	pack := filepath.Join(dir, packName)
	before, _ := os.Stat(pack)

	// A run that uses a tenth of the blobs: the pack is written anew.
	s = Open(dir, ver)
	for i := 0; i < 100; i += 10 {
		if b, ok := s.Get(keyOf(i)); !ok || !bytes.Equal(b, blob(i)) {
			t.Fatalf("blob %d from the previous run: %d bytes, %v", i, len(b), ok)
		}
	}
	s.PutBlob(Of("new"), []byte("appended"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(pack)
	if after.Size()*5 > before.Size() {
		t.Errorf("the pack is %d bytes after a run that used a tenth of its %d", after.Size(), before.Size())
	}
	for _, st := range []*Store{s, Open(dir, ver)} {
		for i := 0; i < 100; i += 10 {
			if b, ok := st.Get(keyOf(i)); !ok || !bytes.Equal(b, blob(i)) {
				t.Errorf("blob %d after the pack was written anew: %d bytes, %v", i, len(b), ok)
			}
		}
		if b, ok := st.Get(Of("new")); !ok || string(b) != "appended" {
			t.Errorf("the blob appended before the pack was written anew: %q, %v", b, ok)
		}
		if _, ok := st.Get(keyOf(1)); ok {
			t.Error("a blob no run used survived")
		}
		st.PutBlob(Of("later"), []byte("appended after"))
		if b, ok := st.Get(Of("later")); !ok || string(b) != "appended after" {
			t.Errorf("a blob appended to the pack written anew: %q, %v", b, ok)
		}
		if w := st.Warnings(); len(w) != 0 {
			t.Errorf("warnings: %v", w)
		}
	}

	// Another cache's pack in place of this one's: its table does not
	// describe it.
	other := filepath.Join(t.TempDir(), "other")
	o := Open(other, ver)
	o.PutBlob(keyOf(0), []byte("another cache's"))
	if err := o.Save(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(other, packName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pack, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s = Open(dir, ver)
	if b, ok := s.Get(keyOf(0)); ok {
		t.Errorf("a blob of a pack its table does not describe: %q", b)
	}
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "damaged") {
		t.Errorf("warnings = %q, want one about the damaged cache", w)
	}
}

// TestMemoryStoreOnEveryCore reads and writes the blobs of a Store in
// memory (the dev server's) from several goroutines at once, as pages and
// the search index do: each Get returns what was put under its key.
// Run with -race, it also finds an access outside the lock.
func TestMemoryStoreOnEveryCore(t *testing.T) {
	s := Memory(Of("v1"))
	key := func(i int) Sum { return Of("blob " + strconv.Itoa(i)) }
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < 2000; i += 4 {
				s.PutBlob(key(i), []byte(strconv.Itoa(i)))
				for _, j := range []int{i, i / 2} {
					if b, ok := s.Get(key(j)); ok && string(b) != strconv.Itoa(j) {
						t.Errorf("blob %d read as %q", j, b)
					}
				}
			}
		})
	}
	wg.Wait()
	for i := range 2000 {
		if b, ok := s.Get(key(i)); !ok || string(b) != strconv.Itoa(i) {
			t.Fatalf("blob %d: %q, %v", i, b, ok)
		}
	}
}

// TestWarmWhenThisProgramSavedARun: Warm tells a cache a run of this
// program saved from an empty, foreign or damaged one, and warns of none.
func TestWarmWhenThisProgramSavedARun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	ver := Of("v1")
	s := Open(dir, ver)
	if s.Warm() {
		t.Error("an empty cache is warm")
	}
	// A run saved without a head (its sources had not settled) is warm.
	s.Put("page:a", Record{Key: Of("inputs")})
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if _, ok := Open(dir, ver).Head(); ok {
		t.Fatal("a run saved without a head left one")
	}
	if !Open(dir, ver).Warm() {
		t.Error("a cache this program saved a run in is not warm")
	}
	if Open(dir, Of("v2")).Warm() {
		t.Error("a cache another version saved is warm")
	}
	if Memory(ver).Warm() {
		t.Error("a Store in memory is warm")
	}
	index := filepath.Join(dir, indexName)
	b, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	b[0] ^= 0xff
	if err := os.WriteFile(index, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s = Open(dir, ver)
	if s.Warm() {
		t.Error("a cache whose index is damaged is warm")
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("Warm warned: %v", w)
	}
}
