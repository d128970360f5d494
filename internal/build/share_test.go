package build

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"image"
	_ "image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"alliance/internal/testkit/testfs"
)

// TestEveryPageSaysHowToShareIt: every page of the example site has its
// description and the Open Graph, itemprop and Twitter tags chat apps read;
// og:url is the canonical address; og:image is absolute and names a PNG or
// JPEG of at least 300×300 px that the build wrote; no two notices share a
// description.
func TestEveryPageSaysHowToShareIt(t *testing.T) {
	const base = "https://example.org/"
	dest, _ := buildExample(t, base)
	descriptions := map[string]string{}
	pages := 0
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		doc := parseHTML(t, p)
		meta := func(key, name string) string {
			n := find(doc, func(n *html.Node) bool { return n.Data == "meta" && attr(n, key) == name })
			if n == nil {
				t.Errorf("%s: no <meta %s=%q>", rel, key, name)
				return ""
			}
			if attr(n, "content") == "" {
				t.Errorf("%s: <meta %s=%q> is empty", rel, key, name)
			}
			return attr(n, "content")
		}
		desc := meta("name", "description")
		for _, prop := range []string{"og:title", "og:description", "og:site_name"} {
			meta("property", prop)
		}
		if got := meta("property", "og:locale"); got != "zh_CN" {
			t.Errorf("%s: og:locale %q", rel, got)
		}
		typ := meta("property", "og:type")
		article := strings.HasPrefix(rel, "notices/") && strings.Count(rel, "/") == 2 && !strings.HasPrefix(rel, "notices/page/") && !strings.HasPrefix(rel, "notices/20") ||
			strings.HasPrefix(rel, "reports/") && strings.Count(rel, "/") == 2 && !strings.HasPrefix(rel, "reports/page/")
		if want := map[bool]string{true: "article", false: "website"}[article]; typ != want {
			t.Errorf("%s: og:type %q, want %q", rel, typ, want)
		}
		if rel != "404.html" {
			ogURL := meta("property", "og:url")
			canon := find(doc, func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "canonical" })
			if canon == nil || attr(canon, "href") != ogURL || !strings.HasPrefix(ogURL, base) {
				t.Errorf("%s: og:url %q is not the canonical address", rel, ogURL)
			}
		}
		img := meta("property", "og:image")
		if meta("itemprop", "image") != img {
			t.Errorf("%s: itemprop image differs from og:image", rel)
		}
		meta("itemprop", "name")
		meta("itemprop", "description")
		meta("name", "twitter:card")
		if !strings.HasPrefix(img, base) {
			t.Errorf("%s: og:image %q is not absolute", rel, img)
		} else {
			checkShareImage(t, rel, filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(img, base))))
		}
		if strings.HasPrefix(rel, "notices/") && typ == "article" {
			if other, ok := descriptions[desc]; ok {
				t.Errorf("%s and %s have the same description %q", rel, other, desc)
			}
			descriptions[desc] = rel
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 20 || len(descriptions) < 3 {
		t.Fatalf("%d pages, %d notices checked: the walk missed the site", pages, len(descriptions))
	}
}

// checkShareImage fails unless path is a PNG or JPEG of at least 300×300.
func checkShareImage(t *testing.T, page, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Errorf("%s: og:image: %v", page, err)
		return
	}
	defer f.Close()
	c, format, err := image.DecodeConfig(f)
	if err != nil || (format != "png" && format != "jpeg") || c.Width < 300 || c.Height < 300 {
		t.Errorf("%s: og:image %s is %s %d×%d (%v), want a PNG or JPEG of at least 300×300", page, path, format, c.Width, c.Height, err)
	}
}

// TestIconsAndManifest: /favicon.ico is an ICO holding a PNG, the
// apple-touch-icon is 180×180, every page links them and the manifest,
// whose icons exist.
func TestIconsAndManifest(t *testing.T) {
	dest, _ := buildExample(t, "https://example.org/alliance/")
	ico, err := os.ReadFile(filepath.Join(dest, "favicon.ico"))
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	if len(ico) < 22 || le.Uint16(ico[2:]) != 1 || le.Uint16(ico[4:]) != 1 {
		t.Fatalf("favicon.ico has no icon directory")
	}
	size, off := le.Uint32(ico[14:]), le.Uint32(ico[18:])
	if int(off+size) != len(ico) {
		t.Fatalf("favicon.ico: entry says %d bytes at %d, file has %d", size, off, len(ico))
	}
	if c, format, err := image.DecodeConfig(bytes.NewReader(ico[off:])); err != nil || format != "png" || c.Width != int(ico[6]) {
		t.Errorf("favicon.ico does not hold a PNG of its stated width: %s %v %v", format, c, err)
	}
	f, err := os.Open(filepath.Join(dest, "apple-touch-icon.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if c, _, err := image.DecodeConfig(f); err != nil || c.Width != 180 || c.Height != 180 {
		t.Errorf("apple-touch-icon.png: %v %v, want 180×180", c, err)
	}
	var m struct {
		Name  string `json:"name"`
		Theme string `json:"theme_color"`
		Start string `json:"start_url"`
		Icons []struct{ Src, Sizes, Type string }
	}
	b, err := os.ReadFile(filepath.Join(dest, "manifest.webmanifest"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Name == "" || m.Theme == "" || m.Start != "/alliance/" || len(m.Icons) < 2 {
		t.Fatalf("manifest: %+v (%v)", m, err)
	}
	for _, ic := range m.Icons {
		if _, err := os.Stat(filepath.Join(dest, strings.TrimPrefix(ic.Src, "/alliance/"))); err != nil {
			t.Errorf("manifest icon %s: %v", ic.Src, err)
		}
	}
	home := parseHTML(t, filepath.Join(dest, "index.html"))
	for _, want := range [][2]string{{"icon", "/alliance/favicon.ico"}, {"apple-touch-icon", "/alliance/apple-touch-icon.png"}, {"manifest", "/alliance/manifest.webmanifest"}} {
		if find(home, func(n *html.Node) bool {
			return n.Data == "link" && attr(n, "rel") == want[0] && attr(n, "href") == want[1]
		}) == nil {
			t.Errorf("home page has no <link rel=%q href=%q>", want[0], want[1])
		}
	}
	if find(home, func(n *html.Node) bool { return n.Data == "meta" && attr(n, "name") == "theme-color" }) == nil {
		t.Error("home page has no theme-color")
	}
}

// TestShareImageSetting: share_image names the picture of pages without
// photos; one too small for WeChat is an error at its line of site.toml.
func TestShareImageSetting(t *testing.T) {
	for _, c := range []struct {
		name    string
		w, h    int
		wantErr string
	}{
		{"big enough", 800, 420, ""},
		{"too small", 200, 200, "site.toml:5: share_image \"logo.png\" is 200×200 px"},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := copySite(t)
			var b bytes.Buffer
			if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, c.w, c.h))); err != nil {
				t.Fatal(err)
			}
			testfs.Write(t, filepath.Join(site, "static", "logo.png"), b.String())
			toml := testfs.Read(t, filepath.Join(site, "site.toml"))
			lines := strings.SplitAfterN(toml, "\n", 5)
			lines[3] += "share_image = \"logo.png\"\n" // line 5
			testfs.Write(t, filepath.Join(site, "site.toml"), strings.Join(lines, ""))
			dest := filepath.Join(t.TempDir(), "public")
			_, err := Run(Options{Source: site, Destination: dest, Now: fixedNow})
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("got %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			page := parseHTML(t, filepath.Join(dest, "notices", "index.html"))
			og := find(page, func(n *html.Node) bool { return n.Data == "meta" && attr(n, "property") == "og:image" })
			if og == nil || attr(og, "content") != "https://example.org/logo.png" {
				t.Errorf("og:image %v, want https://example.org/logo.png", og)
			}
		})
	}
}
