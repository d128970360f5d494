package privacy

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// Shown is a personal number that an output shows in full.
type Shown struct {
	Kind   string // Mobile or IDCard
	Digits string // a mobile number's eleven digits, to compare with public ones
	Masked string // the number as it should have been published
}

// Scan returns the personal numbers that the output file at path (site
// relative) shows in full: in the text a reader sees, which for HTML is the
// text outside tags (read across inline elements such as <strong>, so a
// number split by markup is found) and the alt, title, placeholder, label,
// value and content attributes; for XML (feed, sitemap) the text of its
// elements and any HTML escaped in them; for JSON, CSV and text the whole
// file; for .docx and .xlsx the text of the XML parts in the zip. Other
// files (images, fonts, CSS, JS) are not read. A file without eleven digits
// close together is passed after one pass over its bytes.
func Scan(name string, data []byte) []Shown {
	var out []Shown
	add := func(unit string) {
		unit = normalise(unit)
		for _, sp := range Find(unit) {
			out = append(out, Shown{Kind: sp.Kind, Digits: sp.Digits, Masked: sp.Masked(unit)})
		}
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		if maybe(data) {
			markup(data, htmlBreaks, true, add)
		}
	case ".xml", ".atom", ".rss", ".svg":
		// HTML escaped in a feed hides its digits from maybe; a site has
		// few XML files.
		if maybe(data) || bytes.Contains(data, []byte("&lt;")) {
			markup(data, func(string) bool { return true }, false, func(u string) {
				if u = html.UnescapeString(u); strings.Contains(u, "<") {
					// HTML escaped in a feed entry.
					markup([]byte(u), htmlBreaks, true, add)
					return
				}
				add(u)
			})
		}
	case ".json", ".csv", ".txt", ".webmanifest":
		if maybe(data) {
			add(string(data))
		}
	case ".docx":
		zipParts(data, docxBreaks, add)
	case ".xlsx":
		zipParts(data, xlsxBreaks, add)
	}
	return out
}

// zipParts reads the XML parts of an Office file. A part that cannot be
// read is left out: the file was made by the build, not by a writer.
func zipParts(data []byte, breaks func(string) bool, add func(string)) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue
		}
		part, err := io.ReadAll(rc)
		_ = rc.Close()
		if err == nil && maybe(part) {
			markup(part, breaks, false, add)
		}
	}
}

// inline are the HTML elements that do not break the text they stand in:
// a reader sees 138<strong>0000</strong>1234 as one number.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "data": true,
	"del": true, "dfn": true, "em": true, "font": true, "i": true, "ins": true, "kbd": true, "mark": true,
	"q": true, "s": true, "samp": true, "small": true, "span": true, "strike": true, "strong": true,
	"sub": true, "sup": true, "time": true, "tt": true, "u": true, "var": true, "wbr": true, "label": true,
}

func htmlBreaks(name string) bool { return !inline[strings.ToLower(name)] }

// docxBreaks are the WordprocessingML elements that end a stretch of text:
// paragraphs, table cells and rows, breaks and tabs. Runs (w:r, w:t) join.
func docxBreaks(name string) bool {
	switch name {
	case "w:p", "w:tc", "w:tr", "w:br", "w:tab", "w:cr":
		return true
	}
	return !strings.HasPrefix(name, "w:")
}

// xlsxBreaks are the SpreadsheetML elements that end a stretch of text: a
// cell, a row, a shared string. Rich-text runs join.
func xlsxBreaks(name string) bool {
	switch name {
	case "c", "row", "si", "is", "v", "f":
		return true
	}
	return false
}

// shownAttrs are the HTML attributes whose values a reader sees or hears.
var shownAttrs = map[string]bool{"alt": true, "title": true, "placeholder": true, "aria-label": true, "label": true, "value": true, "content": true}

// markup calls add with each stretch of text of an HTML or XML document
// that a reader sees as one: text runs joined across elements for which
// breaks is false. With isHTML, script and style contents are skipped and
// the values of shownAttrs are stretches of their own.
func markup(data []byte, breaks func(string) bool, isHTML bool, add func(string)) {
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			add(string(cur))
			cur = cur[:0]
		}
	}
	for i := 0; i < len(data); {
		if data[i] != '<' {
			j := bytes.IndexByte(data[i:], '<')
			if j < 0 {
				j = len(data) - i
			}
			cur = append(cur, data[i:i+j]...)
			i += j
			continue
		}
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(data, i+4, "-->")
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(data[i+9:], []byte("]]>"))
			if end < 0 {
				end = len(data) - i - 9
			}
			cur = append(cur, html.EscapeString(string(data[i+9:i+9+end]))...)
			i = min(len(data), i+9+end+3)
			continue
		case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")):
			i = skipPast(data, i+2, ">")
			continue
		}
		j := i + 1
		closing := j < len(data) && data[j] == '/'
		if closing {
			j++
		}
		start := j
		for j < len(data) && !isSpace(data[j]) && data[j] != '>' && data[j] != '/' {
			j++
		}
		name := string(data[start:j])
		if name == "" {
			// A lone "<" is text.
			cur = append(cur, '<')
			i++
			continue
		}
		if breaks(name) {
			flush()
		}
		// Attributes, up to the end of the tag.
		for j < len(data) && data[j] != '>' {
			if isSpace(data[j]) || data[j] == '/' {
				j++
				continue
			}
			as := j
			for j < len(data) && !isSpace(data[j]) && data[j] != '=' && data[j] != '>' {
				j++
			}
			attr := strings.ToLower(string(data[as:j]))
			if j >= len(data) || data[j] != '=' {
				continue
			}
			j++
			var val []byte
			if j < len(data) && (data[j] == '"' || data[j] == '\'') {
				q := data[j]
				end := bytes.IndexByte(data[j+1:], q)
				if end < 0 {
					end = len(data) - j - 1
				}
				val = data[j+1 : j+1+end]
				j = min(len(data), j+1+end+1)
			} else {
				vs := j
				for j < len(data) && !isSpace(data[j]) && data[j] != '>' {
					j++
				}
				val = data[vs:j]
			}
			if isHTML && shownAttrs[attr] && len(val) > 0 {
				add(string(val))
			}
		}
		i = min(len(data), j+1)
		if isHTML && !closing {
			switch strings.ToLower(name) {
			case "script", "style":
				// Not shown; skip to the closing tag.
				end := bytes.Index(bytes.ToLower(data[i:]), []byte("</"+strings.ToLower(name)))
				if end < 0 {
					i = len(data)
				} else {
					i += end
				}
			}
		}
	}
	flush()
}

// skipPast returns the index just past the first end at or after i.
func skipPast(data []byte, i int, end string) int {
	k := bytes.Index(data[min(i, len(data)):], []byte(end))
	if k < 0 {
		return len(data)
	}
	return i + k + len(end)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// normalise decodes character references and turns each run of white
// space into one space, as a browser shows it.
func normalise(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	if strings.IndexAny(s, "\t\n\r\f") < 0 && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// maybe reports whether data may show a personal number: whether it has
// eleven digits (ASCII or full-width) with nothing between them but white
// space, separators a number is written with, character references and
// tags. It is one pass over the bytes with no allocation, so that the many
// outputs without such a run cost almost nothing; the few with one are
// read properly. A quoted attribute value is counted on its own.
func maybe(data []byte) bool {
	run, saved := 0, 0
	inTag := false
	var quote byte
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c >= '0' && c <= '9':
			if run++; run >= 11 {
				return true
			}
		case quote != 0:
			switch {
			case c == quote:
				quote, run = 0, saved
			case c == '&':
				i = reference(data, i, &run)
			case c < utf8.RuneSelf && !separatorByte(c):
				run = 0
			}
		case inTag:
			switch c {
			case '>':
				inTag = false
			case '"', '\'':
				quote, saved, run = c, run, 0
			}
			continue
		case c == '<':
			inTag = true
			continue
		case c == '&':
			i = reference(data, i, &run)
			continue
		case c < utf8.RuneSelf:
			if !separatorByte(c) {
				run = 0
			}
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(data[i:])
			switch {
			case r >= '０' && r <= '９':
				if run++; run >= 11 {
					return true
				}
			case r == '－' || r == '–' || r == '—' || r == '\u00a0' || r == '\u3000' || r == '\u202f' || r == '＋':
			default:
				run = 0
			}
			i += size - 1
		}
	}
	return false
}

// reference skips a character reference such as &nbsp; at data[i], which
// may stand between digits, and returns the index of its ';'. A lone &
// ends the run.
func reference(data []byte, i int, run *int) int {
	k := bytes.IndexByte(data[i:min(len(data), i+10)], ';')
	if k < 0 {
		*run = 0
		return i
	}
	return i + k
}

func separatorByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '.' || c == '-' || c == '+'
}
