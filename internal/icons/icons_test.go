package icons

import (
	"bytes"
	"encoding/json"
	"image/color"
	"image/png"
	"slices"
	"testing"

	"alliance/internal/config"
)

// TestDrawMatchesTheFavicon: red ground, white triangle outline, red inside
// it, and transparent corners only where the corners are rounded.
func TestDrawMatchesTheFavicon(t *testing.T) {
	m := Draw(320, false)
	at := func(x, y int) color.RGBA { return m.RGBAAt(x, y) }
	if c := at(160, 20); c != accent {
		t.Errorf("ground is %v, want %v", c, accent)
	}
	if c := at(160, 225); c != (color.RGBA{255, 255, 255, 255}) { // on the base line, y 22 of 32
		t.Errorf("triangle outline is %v, want white", c)
	}
	if c := at(160, 170); c != accent { // inside the triangle
		t.Errorf("inside the triangle is %v, want the accent", c)
	}
	if c := at(1, 1); c.A != 0 {
		t.Errorf("rounded corner is %v, want transparent", c)
	}
	if c := Draw(320, true).RGBAAt(1, 1); c != accent {
		t.Errorf("square icon corner is %v, want the accent", c)
	}
}

func TestBuildLeavesTheSitesOwnFiles(t *testing.T) {
	cfg := &config.Site{Title: "一个很长很长很长很长的联盟网站名称", BaseURL: "https://example.org/a/", Language: "zh-CN"}
	files, err := Build(cfg, func(p string) bool { return p == TouchIcon })
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, f := range files {
		got[f.Path] = f.Data
	}
	if _, ok := got[TouchIcon]; ok {
		t.Error("the site's own apple-touch-icon.png was replaced")
	}
	for _, p := range []string{Favicon, Manifest, ShareImage, icon192, icon512} {
		if got[p] == nil {
			t.Errorf("%s not made", p)
		}
	}
	if m, err := png.Decode(bytes.NewReader(got[ShareImage])); err != nil || m.Bounds().Dx() != ShareSize {
		t.Errorf("share.png: %v", err)
	}
	var man struct {
		ShortName string `json:"short_name"`
		StartURL  string `json:"start_url"`
		Icons     []struct{ Src string }
	}
	if err := json.Unmarshal(got[Manifest], &man); err != nil {
		t.Fatal(err)
	}
	if len([]rune(man.ShortName)) > 12 || man.StartURL != "/a/" || len(man.Icons) != 2 || man.Icons[0].Src != "/a/icon-192.png" {
		t.Errorf("manifest: %+v", man)
	}
}

// TestPathsAreBuildsPaths checks that Paths names exactly the files Build
// makes, in its order, so that a check that claims the paths without drawing
// the icons finds the clashes a build finds.
func TestPathsAreBuildsPaths(t *testing.T) {
	cfg := &config.Site{Title: "联盟", BaseURL: "https://example.org/", Language: "zh-CN"}
	for _, own := range []string{"", TouchIcon, Manifest, "favicon.svg"} {
		has := func(p string) bool { return p == own }
		files, err := Build(cfg, has)
		if err != nil {
			t.Fatal(err)
		}
		var built []string
		for _, f := range files {
			built = append(built, f.Path)
		}
		if got := Paths(has); !slices.Equal(got, built) {
			t.Errorf("with the site's own %q: Paths = %v, Build makes %v", own, got, built)
		}
	}
}
