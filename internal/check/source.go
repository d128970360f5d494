package check

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"alliance/internal/diag"
)

// source is a Markdown file as written, before the loader masks anything.
type source struct {
	fm       []byte   // front matter
	body     []string // body lines
	bodyLine int      // line number of body[0]
}

// read re-reads a content file: the loader's model has masked the text, and
// these checks are about what the clerk wrote.
func (c *checker) read(rel string) *source {
	data, err := c.root.ReadFile(rel)
	if err != nil {
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		if conv, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil {
			data = conv
		}
	}
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(text, "\n")
	s := &source{body: lines, bodyLine: 1}
	if len(lines) > 0 && strings.TrimRight(lines[0], " \t") == "+++" {
		for i := 1; i < len(lines); i++ {
			if strings.TrimRight(lines[i], " \t") == "+++" {
				s.fm = []byte(strings.Join(lines[1:i], "\n"))
				s.body = lines[i+1:]
				s.bodyLine = i + 2
				break
			}
		}
	}
	return s
}

// line returns the line where a front-matter key is set, or 1.
func (s *source) line(key string) int {
	if s == nil {
		return 0
	}
	if n := diag.LineOf(s.fm, key, 2); n > 0 {
		return n
	}
	return 1
}

// textLines calls f with each body line outside fenced code blocks and its
// line number in the file.
func (s *source) textLines(f func(line string, n int)) {
	fence := ""
	for i, l := range s.body {
		t := strings.TrimSpace(l)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		f(l, s.bodyLine+i)
	}
}

// lineContaining returns the line of the first occurrence of s in data,
// counting from first, or 0.
func lineContaining(data []byte, s string, first int) int {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 0
	}
	return first + bytes.Count(data[:i], []byte("\n"))
}
