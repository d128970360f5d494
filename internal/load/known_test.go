package load

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/model"
)

// loadWith loads dir through cache and returns the site and the warnings.
func loadWith(t *testing.T, dir string, cache Cache) (*model.Site, []diag.Problem) {
	t.Helper()
	var dl diag.List
	s := Site(dir, Options{Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Cache: cache}, &dl)
	if err := dl.Err(); err != nil {
		t.Fatal(err)
	}
	return s, dl.Warnings()
}

// TestSettledFilesAreTakenAsRead: a Markdown file unchanged since the last
// build is taken from the cache by its stamp, giving the same notice and
// the same warnings, and one edited (same size, modification time put
// back) is read again; a file that changed just before the build is always
// read.
func TestSettledFilesAreTakenAsRead(t *testing.T) {
	files := map[string]string{
		"content/notices/a.md": "+++\ntitle = \"甲甲通知\"\ndate = 2024-03-17\n+++\n\n正文一段。\n",
		"content/notices/b.md": "+++\ntitle = \"乙\"\ndate = 2024-03-18\ntags = [\"培训\"]\n+++\n\n联系 [王老师](tel:13812345678)。\n",
		"content/notices/c.md": "+++\ntitle = \"丙\"\ndate = 2024-03-19\n+++\n\n# 标题\n\n第三段。\n",
	}
	dir := site(t, files)
	notices := len(files) - 1 // site() adds site.toml

	// Just written: read every time, nothing kept under a stamp.
	cache := newCountingCache()
	first, warned := loadWith(t, dir, cache)
	if len(warned) != 1 || !strings.Contains(warned[0].Msg, "138****5678") {
		t.Fatalf("warnings %v, want the one for the tel: link", warned)
	}
	cache.hits, cache.puts = 0, 0
	loadWith(t, dir, cache)
	readHits := cache.hits
	if cache.puts != 0 {
		t.Errorf("a second load of files changed just before it kept %d more things", cache.puts)
	}

	// Settled: kept under their stamps by the next load, then taken as read.
	defer func() { clock = time.Now }()
	clock = func() time.Time { return time.Now().Add(engine.Settle) }
	time.Sleep(20 * time.Millisecond)
	cache.hits, cache.puts = 0, 0
	loadWith(t, dir, cache)
	if cache.puts != notices {
		t.Fatalf("%d things kept, want one per settled notice (%d)", cache.puts, notices)
	}
	cache.hits, cache.puts = 0, 0
	again, warnedAgain := loadWith(t, dir, cache)
	if cache.hits != readHits+notices || cache.puts != 0 {
		t.Errorf("%d hits and %d puts, want %d hits (each notice's record besides its front matter and body) and none", cache.hits, cache.puts, readHits+notices)
	}
	if !reflect.DeepEqual(wholeBodies(first.Notices), wholeBodies(again.Notices)) {
		t.Error("the notices taken as read differ from the notices read")
	}
	if !reflect.DeepEqual(warned, warnedAgain) {
		t.Errorf("warnings %v, then %v", warned, warnedAgain)
	}

	// Edited in place at the same size, its modification time put back:
	// its change time differs, so it is read again.
	p := filepath.Join(dir, "content", "notices", "a.md")
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(files["content/notices/a.md"], "甲甲", "丁丁", 1)
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	after, _ := loadWith(t, dir, cache)
	var titles []string
	for _, n := range after.Notices {
		titles = append(titles, n.Title)
	}
	if !strings.Contains(strings.Join(titles, " "), "丁丁通知") {
		t.Errorf("titles %v after the edit, want 丁丁通知 among them", titles)
	}
}

// wholeBodies returns copies of ns whose bodies are read (model.LazyBody),
// to compare what they hold.
func wholeBodies(ns []*model.Notice) []*model.Notice {
	out := make([]*model.Notice, len(ns))
	for i, n := range ns {
		c := *n
		b := model.NewBody(n.Body.HTML(), n.Body.Text())
		b.Headings, b.Images, b.Sum = n.Body.Headings, n.Body.Images, n.Body.Sum
		c.Body = b
		out[i] = &c
	}
	return out
}
