package render

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"alliance/internal/config"
	"alliance/internal/diag"
	"alliance/internal/output"
	"alliance/internal/testkit/testfs"
)

// testTheme writes a theme whose page.html is main and whose partials are
// partials, with every other layout empty, and loads it.
func testTheme(t *testing.T, main string, partials map[string]string) *Theme {
	t.Helper()
	return loadTestTheme(t, main, partials, nil)
}

// loadTestTheme is testTheme with the build's minifier, or nil for none.
func loadTestTheme(t *testing.T, main string, partials map[string]string, m *output.Minifier) *Theme {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "themes", "t")
	files := map[string]string{
		"i18n/zh-CN.toml":   `home = "首页"`,
		"layouts/base.html": `{{block "main" .}}{{end}}`,
		"layouts/page.html": `{{define "main"}}` + main + `{{end}}`,
	}
	for _, kind := range layoutFiles {
		if kind != "page" {
			files["layouts/"+kind+".html"] = ""
		}
	}
	for name, text := range partials {
		files["layouts/partials/"+name] = text
	}
	testfs.WriteAll(t, dir, files)
	var dl diag.List
	th := LoadTheme(root, &config.Site{Theme: "t", Language: "zh-CN", BaseURL: "https://example.org/"}, m, &dl)
	if err := dl.Err(); err != nil {
		t.Fatal(err)
	}
	return th
}

func renderPages(t *testing.T, th *Theme, pages ...*Page) ([]string, error) {
	t.Helper()
	var planned []Planned
	for _, p := range pages {
		p.Kind = "page"
		planned = append(planned, Planned{Path: p.URL + "index.html", Page: p})
	}
	files, err := Render(planned, th)
	var out []string
	for _, f := range files {
		out = append(out, string(f.Data))
	}
	return out, err
}

func TestCachedOncePerKeys(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // one worker: pages in order
	th := testTheme(t, `{{cached "partials/p.html" . .Lang}}`, map[string]string{"p.html": `<p>{{.Title}}</p>`})
	pages := func() []*Page {
		return []*Page{{Title: "a", URL: "a/", Lang: "en"}, {Title: "b", URL: "b/", Lang: "en"}, {Title: "c", URL: "c/", Lang: "fr"}}
	}
	got, err := renderPages(t, th, pages()...)
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p>a</p> <p>a</p> <p>c</p>"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q: the second page has the first one's key", got, want)
	}
	// The cache lives for one call of Render.
	ps := pages()
	ps[0].Title = "z"
	got, _ = renderPages(t, th, ps[0])
	if got[0] != "<p>z</p>" {
		t.Errorf("second Render got %q, want <p>z</p>", got[0])
	}
}

func TestCachedEscapesLikeTemplate(t *testing.T) {
	partial := `<a href="{{.URL}}" title="{{.Title}}">{{.Title}}</a><script>var t = {{.Title}};</script>{{T "home"}}`
	page := &Page{Title: `<b>"R&D"</b> 'x'`, URL: "a b/?q=<1>&x=javascript:"}
	want, err := renderPages(t, testTheme(t, `{{template "partials/p.html" .}}`, map[string]string{"p.html": partial}), page)
	if err != nil {
		t.Fatal(err)
	}
	got, err := renderPages(t, testTheme(t, `{{cached "partials/p.html" .}}`, map[string]string{"p.html": partial}), page)
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != want[0] {
		t.Errorf("cached partial gives\n%s\nwhere {{template}} gives\n%s", got[0], want[0])
	}
}

func TestCachedKeyErrors(t *testing.T) {
	th := testTheme(t, `{{cached "partials/p.html" . .Years}}`, map[string]string{"p.html": `x`})
	if _, err := renderPages(t, th, &Page{URL: "a/", Years: []int{2024}}); err == nil || !strings.Contains(err.Error(), "[]int") {
		t.Errorf("a slice as key: got %v, want an error naming its type", err)
	}
	th = testTheme(t, `{{cached "partials/p.html" . 1 2 3 4}}`, map[string]string{"p.html": `x`})
	if _, err := renderPages(t, th, &Page{URL: "a/"}); err == nil || !strings.Contains(err.Error(), "at most 3 keys") {
		t.Errorf("four keys: got %v, want an error", err)
	}
}

func TestMenuIndex(t *testing.T) {
	cfg := &config.Site{BaseURL: "https://example.org/sub/", Menu: []config.MenuItem{{URL: "/"}, {URL: "/notices/"}, {URL: "notices/"}}}
	menuIndex := funcs(cfg, &Theme{})["menuIndex"].(func(string) int)
	for url, want := range map[string]int{"": 0, "notices/": 1, "/notices/": 1, "reports/": -1} {
		if got := menuIndex(url); got != want {
			t.Errorf("menuIndex(%q) = %d, want %d", url, got, want)
		}
	}
}
