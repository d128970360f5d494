package check

import (
	"bytes"
	"reflect"
	"sort"
	"strings"

	"alliance/internal/diag"
	"alliance/internal/markdown"
	"alliance/internal/model"
	"alliance/internal/phone"
	"alliance/internal/privacy"
	"alliance/internal/tomllimit"
)

// privacy warns about mobile numbers and ID-card numbers written into a text
// in full. The build masks both in what it publishes, but the number is
// still in the source (and in the site's history). The body is read as the
// reader sees it, through the Markdown syntax tree, so a number split by
// markup (138**0000**1234) is found too: the loader's converter, which masks
// them, says which it masked. The front matter is read value by value.
func (c *checker) privacy(d *model.Doc, t *text) {
	hint := "put contact numbers in [contact] (phone = \"…\"), or write an office line instead of a personal mobile"
	c.warnNumbers(d.Source, t.numbers, hint)
	for _, m := range t.masked {
		if m.Kind == markdown.Tel {
			continue // the build warns about these itself
		}
		c.warnNumber(d.Source, t.bodyLine+max(m.Line, 1)-1, m.Kind, m.Number, hint)
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
		c.warnNumbers(rel, tomlNumbers(data, 1), "put a member's number in its phone field (phone = \"…\"), where it is masked, or leave it out")
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

// hit is a personal number written in a TOML text.
type hit struct {
	line         int
	kind, number string
}

func (c *checker) warnNumbers(file string, hits []hit, hint string) {
	for _, h := range hits {
		c.warnNumber(file, h.line, h.kind, h.number, hint)
	}
}

// tomlNumbers returns every personal number in the string values of the
// TOML text data, whose first line is line first in its file, but for the
// values of keys that hold no text (see notText).
func tomlNumbers(data []byte, first int) []hit {
	// A value is written in the text as it is, but for escapes: text with
	// no number and no escape has no value with a number.
	if bytes.IndexByte(data, '\\') < 0 && len(privacy.Find(string(data))) == 0 {
		return nil
	}
	var v map[string]any
	if _, err := tomllimit.Decode(data, tomllimit.MaxDataFile, &v); err != nil {
		return nil // the build reports it
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
	return hits
}

// notText are the keys whose values are not texts, so hold numbers that
// are meant to be there: the fields of the model that the loader does not
// mask (privacy.Tag, `mask:"-"`: ids, slugs, URLs, file names) and phone
// fields, whose numbers are masked where shown or marked public, with the
// number inside one. Keys are the fields' names in lower case, as the TOML
// files spell them, and the keys of [[attachments]] that name the file,
// directory or template attached, which the loader turns into the
// attachment's URL, Directory and Template.
var notText = keysNotMasked(reflect.TypeFor[model.Site](), "file", "directory", "template")

// keysNotMasked returns the lower-case names of the fields, in t and every
// type it holds, that privacy.Mask leaves alone or that are phone numbers,
// with extra.
func keysNotMasked(t reflect.Type, extra ...string) map[string]bool {
	keys := map[string]bool{}
	for _, k := range extra {
		keys[k] = true
	}
	seen := map[reflect.Type]bool{}
	number := reflect.TypeFor[phone.Number]()
	var pkg string // the package of t, whose types are followed
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		// The site's settings are not in these files: their theme is
		// another key than a report's theme.
		if t.Kind() != reflect.Struct || seen[t] || t.PkgPath() != pkg {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Tag.Get(privacy.Tag) == "-" || f.Type == number {
				keys[strings.ToLower(f.Name)] = true
				continue
			}
			visit(f.Type)
		}
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pkg = t.PkgPath()
	visit(t)
	return keys
}
