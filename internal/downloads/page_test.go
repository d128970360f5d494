package downloads_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"alliance/internal/build"
	"alliance/internal/model"
	"alliance/internal/testkit/htmltest"
)

// buildExample builds the example site under a sub-path, without a browser.
func buildExample(t *testing.T) (string, *model.Site) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))
	sum, err := build.Run(build.Options{Source: repoRoot, Destination: dest, BaseURL: "https://example.org/alliance/", Now: now})
	if err != nil {
		t.Fatalf("building the example site: %v", err)
	}
	return dest, sum.Site
}

// TestTemplatePages checks each template page and print view as built: an
// input for every blank, labelled; the table's merged cells as in the model;
// the links a reader needs without JavaScript; and nothing that sends the
// form anywhere.
// Helpers shared with the other page tests.
var (
	parsePage = htmltest.Parse
	attr      = htmltest.Attr
	find      = htmltest.All
	text      = htmltest.Text
)

func hasAttr(n *html.Node, key string) bool { _, ok := htmltest.Lookup(n, key); return ok }

func TestTemplatePages(t *testing.T) {
	dest, site := buildExample(t)
	if len(site.Templates) < 2 {
		t.Fatalf("the example site has %d templates, want the Hunan and Zaozhuang ones", len(site.Templates))
	}
	for _, tpl := range site.Templates {
		for _, view := range []string{"", "print/"} {
			t.Run(tpl.ID+"/"+view, func(t *testing.T) {
				doc := parsePage(t, filepath.Join(dest, filepath.FromSlash(tpl.URL+view), "index.html"))
				blanks := find(doc, func(n *html.Node) bool { return hasAttr(n, "data-blank") })
				if len(blanks) != len(tpl.Fields) {
					t.Fatalf("%d inputs for %d blanks", len(blanks), len(tpl.Fields))
				}
				for i, b := range blanks {
					f := tpl.Fields[i]
					if attr(b, "data-blank") != f.ID || attr(b, "aria-label") != f.Label {
						t.Errorf("input %d is %s %q, want %s %q", i, attr(b, "data-blank"), attr(b, "aria-label"), f.ID, f.Label)
					}
					// A textarea wraps what is typed; an input would cut it off.
					lines := strconv.Itoa(max(f.Lines, 1))
					if b.Data != "textarea" || attr(b, "data-lines") != lines || attr(b, "rows") != lines {
						t.Errorf("blank %s (%d lines) is a <%s> with data-lines %q, rows %q", f.ID, f.Lines, b.Data, attr(b, "data-lines"), attr(b, "rows"))
					}
				}
				if forms := find(doc, func(n *html.Node) bool { return n.Data == "form" && attr(n, "role") != "search" }); len(forms) != 0 {
					t.Error("the page wraps the form in a <form>, which Enter would submit")
				}
				// Merged cells: the same rowspans and colspans as the model.
				var want, got []string
				for _, b := range tpl.Blocks {
					if b.Table == nil {
						continue
					}
					for _, r := range b.Table.Rows {
						for _, c := range r.Cells {
							want = append(want, strconv.Itoa(c.Rowspan)+"×"+strconv.Itoa(c.Colspan))
						}
					}
				}
				for _, tbl := range find(doc, func(n *html.Node) bool { return n.Data == "table" && attr(n, "class") == "sheet-table" }) {
					for _, c := range find(tbl, func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" }) {
						rs, cs := attr(c, "rowspan"), attr(c, "colspan")
						if rs == "" {
							rs = "1"
						}
						if cs == "" {
							cs = "1"
						}
						got = append(got, rs+"×"+cs)
					}
				}
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("table cells (rowspan×colspan)\n%v\nwant\n%v", got, want)
				}
				body := text(doc)
				if !strings.Contains(body, tpl.Title) || !strings.Contains(body, "填报说明") {
					t.Error("the sheet lacks the title or the instructions")
				}
				imgs := find(doc, func(n *html.Node) bool { return n.Data == "img" && strings.HasSuffix(attr(n, "src"), "/qr.svg") })
				if len(imgs) == 0 || attr(imgs[0], "alt") == "" {
					t.Error("no QR code with alt text")
				}
				if attr(imgs[0], "src") != "/alliance/"+tpl.URL+"qr.svg" {
					t.Errorf("QR code src %q", attr(imgs[0], "src"))
				}
				if view == "print/" {
					if n := len(find(doc, func(n *html.Node) bool { return n.Data == "header" || n.Data == "footer" || n.Data == "nav" })); n != 0 {
						t.Errorf("print view has %d header, footer or nav elements", n)
					}
					return
				}
				links := map[string]bool{}
				for _, a := range find(doc, func(n *html.Node) bool { return n.Data == "a" }) {
					links[attr(a, "href")] = true
				}
				for _, href := range []string{"/alliance/" + tpl.URL + tpl.ID + ".docx", "/alliance/" + tpl.URL + "print/"} {
					if !links[href] {
						t.Errorf("no link to %s", href)
					}
				}
				if e := tpl.Submission.Email; e != "" && !links["mailto:"+e] {
					t.Errorf("no mailto link for %s", e)
				}
				for _, n := range site.Notices {
					for _, a := range n.Attachments {
						if a.Template == tpl && !links["/alliance/"+n.URL] {
							t.Errorf("no link to the notice %s that attaches the template", n.URL)
						}
					}
				}
				for _, action := range []string{"print", "download", "clear"} {
					bs := find(doc, func(n *html.Node) bool { return attr(n, "data-action") == action })
					if len(bs) != 1 || !hasAttr(bs[0], "hidden") {
						t.Errorf("button %s: want one, hidden until the script shows it", action)
					}
				}
				sheets := find(doc, func(n *html.Node) bool { return hasAttr(n, "data-kit") })
				if len(sheets) != 1 || attr(sheets[0], "data-kit") != "/alliance/"+tpl.URL+"docx-kit.json" || attr(sheets[0], "data-form") != tpl.ID {
					t.Error("the sheet does not name its template and kit")
				}
			})
		}
	}
}
