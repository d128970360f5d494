package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"alliance/internal/build"
	"alliance/internal/sitegen"
)

// The benchmarks edit one notice of a generated site of sitegen.Default's
// size (10,000 notices, 20,000 members, 1,000 reports):
//
//	go test ./internal/serve -run '^$' -bench Incremental -benchtime 5x
//
// BenchmarkIncrementalNotice times the whole way, from the file written on
// disk to the edited page as an open page reloads it: the watcher's quiet
// period, the preview of the notice's page (build.Session.Preview), the
// reload event and the request. The build that brings the rest of the site
// up to date runs meanwhile. BenchmarkIncrementalApply times that build
// alone, BenchmarkPreview the preview alone.

// bigSite generates the benchmark site into a fresh folder, or returns the
// one ALLIANCE_BENCH_SITE names (the benchmarks put back the notice they edit).
func bigSite(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("ALLIANCE_BENCH_SITE"); dir != "" {
		return dir
	}
	dir := filepath.Join(b.TempDir(), "site")
	o := sitegen.Default
	o.Theme = filepath.Join(repoRoot, "themes", "default")
	if err := sitegen.Generate(dir, o); err != nil {
		b.Fatal(err)
	}
	return dir
}

// middleNotice returns a notice file in the middle of the site.
func middleNotice(b *testing.B, dir string) string {
	b.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "content", "notices"))
	if err != nil {
		b.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	name := names[len(names)/2]
	if !strings.HasSuffix(name, ".md") {
		return "content/notices/" + name + "/index.md"
	}
	return "content/notices/" + name
}

// edited returns the notice text with a new title for edit i.
func edited(orig []byte, i int) []byte {
	return bytes.Replace(orig, []byte(`title = "`), []byte(`title = "第`+strconv.Itoa(i)+`次修改：`), 1)
}

func BenchmarkIncrementalNotice(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(Procs(runtime.GOMAXPROCS(0)))) // as alliance serve runs
	dir := bigSite(b)
	t0 := time.Now()
	srv, addr := startServer(b, dir)
	b.Logf("first build: %v", time.Since(t0).Round(time.Millisecond))
	rel := middleNotice(b, dir)
	var page string
	for _, n := range srv.Session().Site().Notices {
		if n.Source == rel {
			page = n.URL + "index.html"
		}
	}
	if page == "" {
		b.Fatalf("%s is not a published notice", rel)
	}
	events := listen(b, addr)
	p := filepath.Join(dir, filepath.FromSlash(rel))
	orig, _ := os.ReadFile(p)
	defer os.WriteFile(p, orig, 0o644)
	var total, toEvent time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		text := edited(orig, i)
		if err := os.WriteFile(p, text, 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			ev := nextWithin(b, events, time.Minute)
			if ev.name == "reload" && strings.Contains(ev.data, `"`+page+`"`) {
				toEvent += time.Since(start)
				break
			}
			if ev.name == "builderror" {
				b.Fatal(ev.data)
			}
		}
		// The page as the reloading browser gets it.
		code, got := get(b, addr+srv.Session().Site().Config.BasePath()+page)
		if code != 200 {
			b.Fatalf("GET %s: %d", page, code)
		}
		total += time.Since(start)
		b.StopTimer()
		if !strings.Contains(got, "第"+strconv.Itoa(i)+"次修改：") {
			b.Fatalf("%s was not rewritten", page)
		}
		time.Sleep(300 * time.Millisecond) // an editor's pace; the lists are written meanwhile
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(total.Microseconds())/1e3/float64(b.N), "ms/edit")
	b.ReportMetric(float64(toEvent.Microseconds())/1e3/float64(b.N), "ms-to-reload/edit")
}

// builtSession builds the benchmark site in a Session and returns it with
// the notice the benchmark edits (rel, and its file p with its text orig,
// put back when the benchmark ends).
func builtSession(b *testing.B) (s *build.Session, rel, p string, orig []byte) {
	b.Helper()
	dir := bigSite(b)
	s, err := build.NewSession(build.Options{Source: dir, Now: sitegen.Now})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.Build(); err != nil {
		b.Fatal(err)
	}
	rel = middleNotice(b, dir)
	p = filepath.Join(dir, filepath.FromSlash(rel))
	orig, _ = os.ReadFile(p)
	b.Cleanup(func() { os.WriteFile(p, orig, 0o644) })
	return s, rel, p, orig
}

func BenchmarkIncrementalApply(b *testing.B) {
	s, rel, p, orig := builtSession(b)
	pages, rendered := 0, 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		os.WriteFile(p, edited(orig, i), 0o644)
		ch, err := s.Apply([]string{rel})
		if err != nil {
			b.Fatal(err)
		}
		if ch.Full {
			b.Fatal("every page was rendered")
		}
		pages, rendered = len(ch.Pages), ch.Summary.Rendered
	}
	b.StopTimer() // not the removal of the build folder
	b.ReportMetric(float64(pages), "pages/op")
	b.ReportMetric(float64(rendered), "rendered/op")
}

func BenchmarkPreview(b *testing.B) {
	s, rel, p, orig := builtSession(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		os.WriteFile(p, edited(orig, i), 0o644)
		b.StartTimer()
		files := s.Preview([]string{rel})
		if len(files) != 1 || !bytes.Contains(files[0].Data, []byte("第"+strconv.Itoa(i)+"次修改：")) {
			b.Fatalf("preview of %s: %d files, without the edit", rel, len(files))
		}
	}
}
