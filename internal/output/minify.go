package output

import (
	"path"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies files by their extension. It is safe for concurrent use.
type Minifier struct {
	m *minify.M
	t *minify.M // HTML with Go template actions, left as they are
}

// NewMinifier returns a Minifier for HTML, CSS, JS, JSON, SVG and XML.
func NewMinifier() *Minifier {
	m := minify.New()
	htm := html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}
	m.Add("text/html", &htm)
	t := minify.New()
	tmpl := htm
	tmpl.TemplateDelims = html.GoTemplateDelims
	t.Add("text/html", &tmpl)
	t.AddFunc("text/css", css.Minify)
	t.AddFunc("application/javascript", js.Minify)
	t.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &Minifier{m: m, t: t}
}

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".xml":  "application/xml",
}

// Minify returns data minified for the type its path names, or data itself
// for other types.
func (m *Minifier) Minify(p string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(p)]
	if !ok {
		return data, nil
	}
	return m.m.Bytes(mt, data)
}

// MinifyTemplate minifies the text of an html/template layout, leaving its
// {{…}} actions and the space around them as they are. Rendering the result
// gives pages that minify to the same bytes as those of the layout as
// written, so a theme minified once needs no minifying per page.
func (m *Minifier) MinifyTemplate(src []byte) ([]byte, error) {
	return m.t.Bytes("text/html", src)
}
