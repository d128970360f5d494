package check

import (
	"sort"
	"strings"

	"alliance/internal/diag"
	"alliance/internal/markdown"
	"alliance/internal/model"
	"alliance/internal/privacy"
	"alliance/internal/tomllimit"
)

// privacy warns about mobile numbers and ID-card numbers written into a text
// in full. The build masks both in what it publishes, but the number is
// still in the source (and in the site's history). The body is read as the
// reader sees it, through the Markdown syntax tree, so a number split by
// markup (138**0000**1234) is found too; the front matter value by value.
func (c *checker) privacy(d *model.Doc, src *source) {
	hint := "put contact numbers in [contact] (phone = \"…\"), or write an office line instead of a personal mobile"
	c.tomlNumbers(d.Source, src.fm, 2, hint)
	_, masked, err := c.md.ConvertMasked([]byte(strings.Join(src.body, "\n")), "")
	if err != nil {
		return
	}
	for _, m := range masked {
		if m.Kind == markdown.Tel {
			continue // the build warns about these itself
		}
		c.warnNumber(d.Source, src.bodyLine+max(m.Line, 1)-1, m.Kind, m.Number, hint)
	}
}

// dataPrivacy does the same for the member directories and templates in data/.
func (c *checker) dataPrivacy() {
	var files []string
	for _, d := range c.site.Directories {
		files = append(files, d.Source)
	}
	for _, t := range c.site.Templates {
		files = append(files, t.Source)
	}
	for _, rel := range files {
		data, err := c.root.ReadFile(rel)
		if err != nil {
			continue
		}
		c.tomlNumbers(rel, data, 1, "put a member's number in its phone field (phone = \"…\"), where it is masked, or leave it out")
	}
}

func (c *checker) warnNumber(file string, line int, kind, number, hint string) {
	if kind == privacy.IDCard {
		c.dl.Warnf(file, line, "remove the ID-card number from the text; the site shows it masked, but it stays in the source",
			"an ID-card number (%s) is written into the text", number)
		return
	}
	c.dl.Warnf(file, line, hint, "a mobile number (%s) is written into the text in full; the site shows it masked", number)
}

// notText are the keys whose values are not texts: phone fields, whose
// numbers are meant to be there and are masked or marked public, and names
// of files, pages and anchors.
var notText = map[string]bool{"phone": true, "number": true, "slug": true, "file": true, "url": true, "website": true, "id": true, "directory": true, "template": true}

// tomlNumbers warns about every personal number in the string values of
// the TOML text data, whose first line is line first in file.
func (c *checker) tomlNumbers(file string, data []byte, first int, hint string) {
	var v map[string]any
	if _, err := tomllimit.Decode(data, tomllimit.MaxDataFile, &v); err != nil {
		return // the build reports it
	}
	type hit struct {
		line         int
		kind, number string
	}
	var hits []hit
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch t := v.(type) {
		case string:
			for _, sp := range privacy.Find(t) {
				line := lineContaining(data, t[sp.Start:sp.End], first)
				if line == 0 {
					line = max(diag.LineOf(data, key, first), first)
				}
				hits = append(hits, hit{line, sp.Kind, sp.Masked(t)})
			}
		case map[string]any:
			for k, x := range t {
				if !notText[k] {
					walk(k, x)
				}
			}
		case []map[string]any:
			for _, x := range t {
				walk(key, x)
			}
		case []any:
			for _, x := range t {
				walk(key, x)
			}
		}
	}
	walk("", v)
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].line != hits[j].line {
			return hits[i].line < hits[j].line
		}
		return hits[i].number < hits[j].number
	})
	for _, h := range hits {
		c.warnNumber(file, h.line, h.kind, h.number, hint)
	}
}
