package build

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSitemapLeavesOutNoindexAndDatesPages checks that the sitemap lists no
// page that asks not to be indexed, and that every listed page with a date
// to give (every kind but templates and the search page, and directories or
// pages whose data has no date) carries a lastmod.
func TestSitemapLeavesOutNoindexAndDatesPages(t *testing.T) {
	dest, sum := buildExample(t, "https://example.org/")
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(readFile(t, filepath.Join(dest, "sitemap.xml"))), &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	kindRe := regexp.MustCompile(`<body class="kind-([a-z0-9-]+)"`)
	noindex := `<meta name="robots" content="noindex">`
	listed := map[string]string{}
	for _, u := range sm.URLs {
		rel := strings.TrimPrefix(u.Loc, "https://example.org/")
		listed[rel] = u.LastMod
		page := readFile(t, filepath.Join(dest, rel, "index.html"))
		if strings.Contains(page, noindex) {
			t.Errorf("sitemap lists %s, a noindex page", rel)
		}
		m := kindRe.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("%s has no kind class", rel)
		}
		switch kind := m[1]; kind {
		case "template", "templates", "search":
			if u.LastMod != "" {
				t.Errorf("%s (%s) has lastmod %s, but nothing dates it", rel, kind, u.LastMod)
			}
		case "directory", "page":
			// dated only when their data gives a date: checked below for the dated ones
		default:
			if u.LastMod == "" {
				t.Errorf("%s (%s) has no lastmod", rel, kind)
			}
		}
	}
	for _, n := range sum.Site.Notices {
		if got, want := listed[n.URL], n.PublishDate.Format("2006-01-02"); got != want {
			t.Errorf("lastmod of %s = %q, want its publish date %s", n.URL, got, want)
		}
	}
	for _, d := range sum.Site.Directories {
		if !d.Founded.IsZero() && listed[d.URL] != d.Founded.Format("2006-01-02") {
			t.Errorf("lastmod of %s = %q, want its founding date", d.URL, listed[d.URL])
		}
	}
	if want := sum.Site.Notices[0].PublishDate; listed["notices/"] < want.Format("2006-01-02") {
		t.Errorf("lastmod of notices/ = %q, want at least the newest notice's %s", listed["notices/"], want.Format("2006-01-02"))
	}
	prints := 0
	err := filepath.WalkDir(dest, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dest, filepath.Dir(path))
		rel = filepath.ToSlash(rel) + "/"
		if strings.Contains(readFile(t, path), noindex) {
			prints++
			if _, ok := listed[rel]; ok {
				t.Errorf("sitemap lists noindex page %s", rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if prints != len(sum.Site.Templates) {
		t.Errorf("%d noindex pages, want one print view per template (%d)", prints, len(sum.Site.Templates))
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
