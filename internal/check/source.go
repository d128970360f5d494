package check

import (
	"bytes"

	"alliance/internal/diag"
)

// line returns the line where a front-matter key is set, or 1.
func (t *text) line(key string) int {
	if t == nil {
		return 0
	}
	if n := diag.LineOf(t.front, key, 2); n > 0 {
		return n
	}
	return 1
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
