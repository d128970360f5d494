package render

import (
	"errors"
	"strings"
	"testing"

	"alliance/internal/diag"
	"alliance/internal/output"
)

// A theme loaded with the minifier is minified once: its pages come out
// minified and say so, so that the build does not minify them again.
func TestMinifiedThemeMakesMinifiedPages(t *testing.T) {
	main := "<div class=\"a\">\n    <p>{{.Title}}</p>\n\n    <p>b</p>\n</div>\n"
	for _, minify := range []bool{false, true} {
		var m *output.Minifier
		if minify {
			m = output.NewMinifier()
		}
		th := loadTestTheme(t, main, nil, m)
		files, err := Render([]Planned{{Path: "x/index.html", Page: &Page{Kind: "page", URL: "x/", Title: "标题"}}}, th)
		if err != nil {
			t.Fatal(err)
		}
		got := string(files[0].Data)
		if files[0].Minified != minify {
			t.Errorf("minify %v: page marked Minified %v", minify, files[0].Minified)
		}
		want := main
		if minify {
			want = `<div class="a"><p>`
		}
		if !strings.Contains(got, strings.ReplaceAll(want, "{{.Title}}", "标题")) {
			t.Errorf("minify %v: page is %q, want it to hold %q", minify, got, want)
		}
		if !strings.Contains(got, "标题") {
			t.Errorf("minify %v: page %q lost the title", minify, got)
		}
	}
}

// An error in a minified layout names the file, and the line and column as
// the author wrote them, not those of its minified text.
func TestMinifiedThemeErrorsNameTheWrittenLine(t *testing.T) {
	main := "\n<div>\n\n    <p>\n        {{.Title}} {{.NoSuchField}}\n    </p>\n</div>\n"
	var want string
	for _, minify := range []bool{false, true} {
		var m *output.Minifier
		if minify {
			m = output.NewMinifier()
		}
		th := loadTestTheme(t, main, nil, m)
		_, err := Render([]Planned{{Path: "x/index.html", Page: &Page{Kind: "page", URL: "x/"}}}, th)
		if err == nil {
			t.Fatalf("minify %v: rendering a missing field gave no error", minify)
		}
		if !strings.Contains(err.Error(), "page.html:5:") || !strings.Contains(err.Error(), "NoSuchField") {
			t.Errorf("minify %v: error %q does not name page.html line 5 and the field", minify, err)
		}
		var prob diag.Problem
		if !errors.As(err, &prob) || prob.File != "themes/t/layouts/page.html" || prob.Line != 5 || !strings.Contains(prob.Msg, "x/index.html (column 21)") {
			t.Errorf("minify %v: error %#v does not name themes/t/layouts/page.html, line 5, column 21 and the page", minify, err)
		}
		if want == "" {
			want = err.Error()
		} else if err.Error() != want {
			t.Errorf("minified theme's error\n%s\ndiffers from the written theme's\n%s", err, want)
		}
	}
}
