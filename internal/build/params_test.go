package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/testkit/testfs"
)

// TestParamsReachLayouts checks that keys of the clerk's own under [params]
// in front matter and in site.toml are accepted and that a site's own
// layout reads them as .Params and .Config.Params.
func TestParamsReachLayouts(t *testing.T) {
	src := copySite(t)
	site := testfs.Read(t, filepath.Join(src, "site.toml"))
	testfs.Write(t, filepath.Join(src, "site.toml"), site+"\n[params]\nmotto = \"立德树人\"\n")
	testfs.Write(t, filepath.Join(src, "content/params.md"), "+++\ntitle = \"自定义\"\n[params]\ncolour = \"朱红\"\n+++\n正文。\n")
	layout := testfs.Read(t, filepath.Join(src, "themes/default/layouts/page.html"))
	layout = strings.Replace(layout, "<h1>{{.Title}}</h1>", `<h1>{{.Title}}</h1><p id="colour">{{$.Params.colour}}</p><p id="motto">{{$.Config.Params.motto}}</p>`, 1)
	if !strings.Contains(layout, `id="colour"`) {
		t.Fatal("the page layout has changed; update the test")
	}
	testfs.Write(t, filepath.Join(src, "layouts/page.html"), layout)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow, NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dest, "params/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if !strings.Contains(page, `<p id="colour">朱红</p>`) || !strings.Contains(page, `<p id="motto">立德树人</p>`) {
		t.Errorf("the layout did not get the params:\n%s", page)
	}
}
