package build

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// TestGoldenPages compares what a reader sees in the main region of key pages
// of the example site with the golden files in testdata/golden. Run
// `go test ./internal/build -run Golden -update` after an intended change and
// review the diff.
func TestGoldenPages(t *testing.T) {
	dest, _ := buildExample(t, "")
	pages := map[string]string{
		"home":             "index.html",
		"notices":          "notices/index.html",
		"notice-zaozhuang": "notices/zaozhuang-alliance-plan/index.html",
		"notice-hunan":     "notices/hunan-alliance-invitation/index.html",
		"report-yichang":   "reports/yichang-forum-2023/index.html",
		"directory-zz":     "directories/zaozhuang/index.html",
		"template-zz":      "templates/zaozhuang-application/index.html",
		"template-hunan":   "templates/hunan-application/index.html",
		"not-found":        "404.html",
	}
	for name, path := range pages {
		t.Run(name, func(t *testing.T) {
			doc := parseHTML(t, filepath.Join(dest, path))
			main := find(doc, tag("main"))
			if main == nil {
				t.Fatalf("%s has no <main>", path)
			}
			got := visibleText(main)
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (run with -update if the change is intended)\n%s", path, golden, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("line " + itoa(i+1) + ":\n  want: " + a + "\n  got:  " + c + "\n")
			if shown++; shown == 8 {
				break
			}
		}
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }
