package build

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"alliance/internal/qrcode"
)

// TestSubPathLinksResolve builds the example site for https://host/alliance/,
// serves it under /alliance/ and follows every internal link and asset
// reference of every page: each must answer 200, and each #fragment must name
// an element of the page it points to.
func TestSubPathLinksResolve(t *testing.T) {
	dest, _ := buildExample(t, "https://example.org/alliance/")
	srv := httptest.NewServer(http.StripPrefix("/alliance", http.FileServer(http.Dir(dest))))
	defer srv.Close()

	var pages []string
	_ = filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return nil
	})
	if len(pages) < 20 {
		t.Fatalf("only %d pages built", len(pages))
	}
	status := map[string]int{}
	ids := map[string]map[string]bool{}
	get := func(path string) int {
		if s, ok := status[path]; ok {
			return s
		}
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		status[path] = resp.StatusCode
		if strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
			set := map[string]bool{}
			if doc, err := html.Parse(strings.NewReader(string(body))); err == nil {
				for _, n := range findAll(doc, func(n *html.Node) bool { return attr(n, "id") != "" }) {
					set[attr(n, "id")] = true
				}
			}
			ids[path] = set
		}
		return resp.StatusCode
	}
	links := 0
	for _, p := range pages {
		rel, _ := filepath.Rel(dest, p)
		pageURL := "/alliance/" + filepath.ToSlash(rel)
		doc := parseHTML(t, p)
		for _, n := range findAll(doc, func(n *html.Node) bool { return attr(n, "href") != "" || attr(n, "src") != "" }) {
			ref := attr(n, "href")
			if ref == "" {
				ref = attr(n, "src")
			}
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: unparseable link %q", rel, ref)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				if strings.HasPrefix(ref, "https://example.org/") && !strings.HasPrefix(ref, "https://example.org/alliance/") {
					t.Errorf("%s: absolute link %q leaves the sub-path", rel, ref)
				}
				continue // mailto:, tel:, other sites
			}
			target := u.Path
			if target == "" {
				target = pageURL
			} else if !strings.HasPrefix(target, "/") {
				base, _ := url.Parse(pageURL)
				target = base.ResolveReference(u).Path
			}
			if !strings.HasPrefix(target, "/alliance/") {
				t.Errorf("%s: link %q is outside the sub-path /alliance/", rel, ref)
				continue
			}
			links++
			if s := get(target); s != http.StatusOK {
				t.Errorf("%s: link %q answers %d", rel, ref, s)
				continue
			}
			if u.Fragment != "" {
				key := target
				if strings.HasSuffix(key, "/") {
					key = target
				}
				if set, ok := ids[key]; ok && !set[u.Fragment] {
					t.Errorf("%s: link %q names an anchor that does not exist", rel, ref)
				}
			}
		}
	}
	t.Logf("followed %d links on %d pages", links, len(pages))
}

// TestNoticePagesDrawTheirQRCode: every notice page carries, inline, the QR
// code of its own absolute address (what a phone scanning the printed page
// opens), named for screen readers, and no notice has a qr.svg file any more.
func TestNoticePagesDrawTheirQRCode(t *testing.T) {
	dest, _ := buildExample(t, "https://example.org/alliance/")
	pages, _ := filepath.Glob(filepath.Join(dest, "notices", "*", "index.html"))
	checked := 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		if len(findAll(doc, func(n *html.Node) bool { return n.Data == "article" })) == 0 {
			continue // a list page, such as notices/page/2/
		}
		rel, _ := filepath.Rel(dest, filepath.Dir(p))
		page := "https://example.org/alliance/" + filepath.ToSlash(rel) + "/"
		codes := findAll(doc, func(n *html.Node) bool { return n.Data == "svg" && strings.Contains(attr(n, "class"), "qr-code") })
		if len(codes) != 1 {
			t.Errorf("%s: %d inline QR codes, want 1", rel, len(codes))
			continue
		}
		want, err := qrcode.SVG(page)
		if err != nil {
			t.Fatal(err)
		}
		// The theme is minified once, not the pages: the inline code is
		// drawn as qrcode draws it.
		paths := findAll(codes[0], func(n *html.Node) bool { return n.Data == "path" })
		if len(paths) != 1 || !strings.Contains(string(want), `d="`+attr(paths[0], "d")+`"`) || attr(paths[0], "d") == "" {
			t.Errorf("%s: the inline code does not encode %s", rel, page)
		}
		if attr(codes[0], "role") != "img" || !strings.Contains(attr(codes[0], "aria-label"), "二维码") {
			t.Errorf("%s: QR code without role=img and a label: %v", rel, codes[0].Attr)
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "qr.svg")); err == nil {
			t.Errorf("%s: still has a qr.svg file", rel)
		}
		checked++
	}
	if checked < 3 {
		t.Errorf("checked %d notice pages, want the example site's 3 or more", checked)
	}
}
