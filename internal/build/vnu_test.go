package build

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/testkit/testfs"
	"alliance/internal/testkit/vnutest"
)

// pageKinds names one built page of every kind the theme renders, so a test
// that walks the site can tell that none went missing.
var pageKinds = map[string]string{
	"home":           "index.html",
	"notices":        "notices/index.html",
	"notices year":   "notices/2024/index.html",
	"notice":         "notices/hunan-alliance-invitation/index.html",
	"reports":        "reports/index.html",
	"report":         "reports/yichang-forum-2023/index.html",
	"page":           "about/index.html",
	"directories":    "directories/index.html",
	"directory":      "directories/zaozhuang/index.html",
	"templates":      "templates/index.html",
	"template":       "templates/hunan-application/index.html",
	"template print": "templates/hunan-application/print/index.html",
	"tags":           "tags/index.html",
	"tag":            "tags/lian-meng/index.html",
	"search":         "search/index.html",
	"not found":      "404.html",
}

// vnuUnknownCSS lists the CSS properties vnu's CSS checker does not know yet
// though browsers do; a declaration of one is an error to vnu and nothing
// else. field-sizing (CSS Basic User Interface Level 4, in Chromium since
// 123) lets a blank of the application form grow with its text without the
// script.
var vnuUnknownCSS = []string{"field-sizing"}

// TestPagesPassTheW3CChecker builds the example site and runs the W3C's Nu
// Html Checker (vnu) over every page, stylesheet and SVG it wrote: none may
// have an error or a warning. A page broken on purpose rides along, so a
// checker that reports nothing at all fails the test too.
func TestPagesPassTheW3CChecker(t *testing.T) {
	vnutest.Jar(t)
	dest, _ := buildExample(t, "")
	var files []string
	seen := map[string]bool{}
	err := filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".html", ".css", ".svg":
			files = append(files, path)
			rel, _ := filepath.Rel(dest, path)
			seen[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for kind, rel := range pageKinds {
		if !seen[rel] {
			t.Errorf("the %s page %s was not built", kind, rel)
		}
	}
	broken := filepath.Join(t.TempDir(), "broken.html")
	testfs.Write(t, broken, `<!doctype html><html lang="zh-CN"><title>x</title><p><div></p><img src="a.png">`)
	files = append(files, broken)

	msgs := vnutest.Check(t, files)
	brokenFound := false
	for _, m := range msgs {
		if strings.HasSuffix(m.URL, "/broken.html") {
			brokenFound = brokenFound || m.Type == "error"
			continue
		}
		switch {
		case m.Type == "info" && m.SubType == "warning" && strings.Contains(m.Message, "Content Security Policy"):
			// Checked as file: URLs, the pages have no origin for the
			// policy's 'self' to match; served, they load (TestBrowser…
			// and the axe test open them over HTTP under the policy).
		case m.Type == "error" && knownUnknownCSS(m.Message):
		case m.Type == "error" || m.Type == "non-document-error" || m.SubType == "warning":
			t.Error(strings.Replace(m.String(), "file:"+dest+"/", "", 1))
		}
	}
	if !brokenFound {
		t.Errorf("vnu found no error in a page with a <div> inside a <p> and an <img> without alt: is it checking at all? It said: %v", msgs)
	}
	if len(files) < 40 {
		t.Errorf("only %d files checked", len(files))
	}
}

// knownUnknownCSS reports whether msg is vnu's error for a property listed in
// vnuUnknownCSS.
func knownUnknownCSS(msg string) bool {
	for _, p := range vnuUnknownCSS {
		if strings.Contains(msg, "Property “"+p+"” doesn't exist") {
			return true
		}
	}
	return false
}
