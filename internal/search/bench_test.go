package search

import (
	"bytes"
	"compress/gzip"
	"os"
	"strings"
	"testing"
	"time"

	"alliance/internal/diag"
	"alliance/internal/output"
	"alliance/internal/render"
)

// The benchmark: a generated site of 10,000 notices, 20,000 members and 1,000
// reports (gen_test.go). Rerun it with
//
//	go test ./internal/search -run TestBudgets -v            # sizes, with the budgets
//	go test ./internal/search -run '^$' -bench . -benchtime 3x  # index build time against rendering
//
// TestBudgets fails when a budget is broken; the benchmarks report times.

// clientBudget and queryBudget are the budgets, gzipped.
const (
	clientBudget = 10 << 10
	queryBudget  = 60 << 10
)

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// benchQueries are what readers type, up to 8 characters, including the
// commonest words of the benchmark site.
var benchQueries = []string{
	"园", "教", "2", "通知", "幼儿园", "枣庄", "2021", "10号", "教联体", "教聯體", "实验幼儿园",
	"枣庄市实验幼儿园", "学前教育", "高质量发展", "市直", "公办", "申请书", "年会", "段简", "不存在的词",
	"薛城区", "荆河街道", "枣教字2021", "2021 10号", "幼儿园 公办", "学前教育联盟", "长沙市芙蓉区", "ＡＢＣ",
}

// downloads returns the gzipped bytes that the first page of results for q
// fetches beyond the client: meta.json, the fold table when the query has
// Chinese, and the index files Search reads (search.js reads the same).
func downloads(files map[string][]byte, foldName, q string) (int, int, error) {
	m := &memFetcher{files: files}
	ix, err := Open(m.fetch)
	if err != nil {
		return 0, 0, err
	}
	if _, err := ix.Search(q, Filter{}, pageSize); err != nil {
		return 0, 0, err
	}
	if strings.ContainsFunc(q, func(r rune) bool { return r >= 0x2E80 }) {
		m.fetched = append(m.fetched, foldName)
	}
	n := 0
	for _, p := range m.fetched {
		n += gzipSize(files[p])
	}
	return n, len(m.fetched), nil
}

// TestBudgets checks the client's size and what each query downloads on the
// benchmark site, and logs the figures the README quotes.
func TestBudgets(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the 31,000-document benchmark site; run without -short")
	}
	js, err := os.ReadFile("../../themes/default/static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	min, err := output.NewMinifier().Minify("search.js", js)
	if err != nil {
		t.Fatal(err)
	}
	client := gzipSize(min)
	t.Logf("client search.js: %d B, minified %d B, gzipped %d B (budget %d)", len(js), len(min), client, clientBudget)
	if client > clientBudget {
		t.Errorf("search.js is %d bytes gzipped, budget %d", client, clientBudget)
	}

	site := benchSite()
	t0 := time.Now()
	out, err := Build(site)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(t0)
	files := map[string][]byte{}
	foldName := ""
	total := 0
	for _, f := range out {
		p := strings.TrimPrefix(f.Path, Dir)
		files[p] = f.Data
		total += len(f.Data)
		if strings.HasPrefix(p, "fold-") {
			foldName = p
		}
	}
	t.Logf("index of %d documents: %d files, %.1f MB, built in %v", len(collect(site)), len(out), float64(total)/1e6, elapsed.Round(time.Millisecond))
	t.Logf("up front: meta.json %d B gzipped; with Chinese in the query, the fold table %d B gzipped", gzipSize(files["meta.json"]), gzipSize(files[foldName]))
	worst, worstQ := 0, ""
	for _, q := range benchQueries {
		n, count, err := downloads(files, foldName, q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if n > worst {
			worst, worstQ = n, q
		}
		t.Logf("%-10s %5.1f KB gzipped in %2d files", q, float64(n)/1024, count)
		if n > queryBudget {
			t.Errorf("%q downloads %d bytes gzipped, budget %d", q, n, queryBudget)
		}
	}
	t.Logf("largest: %q, %.1f KB gzipped", worstQ, float64(worst)/1024)
}

// BenchmarkIndex measures building the search index of the benchmark site.
func BenchmarkIndex(b *testing.B) {
	site := benchSite()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Build(site); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender is the baseline: rendering every page of the same site
// with the default theme, minified, as a build does before writing. Index
// time ÷ render time is what the index adds to a build (less, counting the
// loading and writing a real build also does).
func BenchmarkRender(b *testing.B) {
	site := benchSite()
	min := output.NewMinifier()
	var dl diag.List
	th := render.LoadTheme("../..", site.Config, min, &dl)
	if err := dl.Err(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		pages, err := render.Render(render.Plan(site), th)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range pages {
			if p.Minified {
				continue // the theme was minified instead
			}
			if _, err := min.Minify(p.Path, p.Data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
