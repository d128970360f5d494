package outputs

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/search"
)

func TestClashesWithSearch(t *testing.T) {
	for p, want := range map[string]bool{
		"search":                     true, // a file where the index's folder must go
		"search/p-0a1b2c3d4e5f.json": true,
		"Search/Meta.json":           true,  // servers that ignore case
		"search/index.html":          false, // the search page itself
		"searching/index.html":       false,
		"notices/search/index.html":  false,
	} {
		if got := ClashesWithSearch(p); got != want {
			t.Errorf("ClashesWithSearch(%q) = %v, want %v", p, got, want)
		}
	}
}

// memBlobs is a Blobs in memory that counts what it was given.
type memBlobs map[[32]byte][]byte

func (m memBlobs) Get(k [32]byte) ([]byte, bool) { b, ok := m[k]; return b, ok }
func (m memBlobs) PutBlob(k [32]byte, b []byte)  { m[k] = b }

// TestSearchIndexUsesTheCache: the search index is the one output that keeps
// blobs; with a cache it makes the same files as without, and fills it.
func TestSearchIndexUsesTheCache(t *testing.T) {
	site := &model.Site{Notices: []*model.Notice{{Doc: model.Doc{Title: "关于开展保教质量评估的通知", URL: "notices/a/", Body: model.NewBody("", "请各园于月底前提交自评报告。")}}}}
	var o Output
	for _, x := range All {
		if x.Name == "search index" {
			o = x
		}
	}
	makeFiles := func(c Blobs) ([]output.File, error) {
		var mu sync.Mutex
		var files []output.File
		err := o.Make(site, c, nil, func(f []output.File) {
			mu.Lock()
			files = append(files, f...)
			mu.Unlock()
		})
		slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
		return files, err
	}
	plain, err := makeFiles(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := memBlobs{}
	cached, err := makeFiles(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(c) == 0 {
		t.Error("the search index stored nothing in the cache")
	}
	if len(plain) != len(cached) {
		t.Fatalf("%d files without the cache, %d with it", len(plain), len(cached))
	}
	for i := range plain {
		if plain[i].Path != cached[i].Path || string(plain[i].Data) != string(cached[i].Data) {
			t.Errorf("file %d differs with the cache: %s, %s", i, plain[i].Path, cached[i].Path)
		}
	}
	if want, _ := search.Build(site); len(want) != len(plain) {
		t.Errorf("search.Build made %d files, the output %d", len(want), len(plain))
	}
}
