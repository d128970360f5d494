// Package tomllimit holds the limits on the size and shape of the TOML text a
// site is made of, and a scanner that enforces them before the TOML decoder
// sees the text. The decoder's time and memory grow with the square of the
// nesting (a 71 KB file nested 10,000 levels deep took 20 s and 4 GB), so a
// file that no clerk would write must fail at once with one clear error.
package tomllimit

import (
	"errors"
	"fmt"

	"github.com/BurntSushi/toml"

	"alliance/internal/catalog"
)

// The limits. Our deepest real structure is a template table (the table
// [[blocks.rows]] holding cells = [{ … }]: five levels) and our longest key
// has two parts (blocks.rows), so these leave a wide margin while keeping
// the decoder's cost, which grows with their product, small.
const (
	// MaxDepth is how deeply tables and arrays may nest: each part of a
	// table header or dotted key and each inline table { } or array [ ]
	// counts as one level.
	MaxDepth = 32
	// MaxKeyParts is how many dotted parts a key or table header may have.
	MaxKeyParts = 16
)

// Sizes of the files that hold TOML, in bytes. A data file of 4 MB is a
// directory of some 25,000 members, more than any alliance has; front
// matter and settings are a few KB in practice.
const (
	MaxDataFile    = 4 << 20   // data/alliances/*.toml, data/templates/*.toml
	MaxFrontMatter = 256 << 10 // the TOML between +++ lines of a Markdown file
	MaxSettings    = 256 << 10 // site.toml and a theme's UI strings
)

// MaxUnknown is how many unknown keys of one file are worth a warning each:
// enough to show a misspelling, few enough that a file full of mistakes
// does not bury every other problem. The rest get one warning that counts
// them.
const MaxUnknown = 10

// Error is a limit that a TOML text breaks, with the line where it does.
type Error struct {
	Line int    // 1-based within the text; 0 for the size of the whole text
	Msg  string // what is wrong
	Hint string // how to fix it
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return catalog.Sprintf("line %d: %s (%s)", e.Line, e.Msg, e.Hint)
	}
	return catalog.Sprintf("%s (%s)", e.Msg, e.Hint)
}

// Size returns an *Error when a text of n bytes is over max bytes, or nil.
func Size(n, max int) *Error {
	if n <= max {
		return nil
	}
	return &Error{
		Msg:  catalog.Sprintf("the TOML text is %s, more than the %s allowed here", Bytes(n), Bytes(max)),
		Hint: catalog.T("shorten it: long text belongs in the body of a page, many records in several files"),
	}
}

// Bytes writes n bytes for a reader: 300 KB, 4.0 MB.
func Bytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Decode checks src against max bytes and the shape limits, then decodes it
// into v as toml.Decode does. A broken limit is returned as an *Error
// without decoding anything.
func Decode(src []byte, max int, v any) (toml.MetaData, error) {
	if e := Size(len(src), max); e != nil {
		return toml.MetaData{}, e
	}
	if e := Check(src); e != nil {
		return toml.MetaData{}, e
	}
	return toml.Decode(string(src), v)
}

// Line returns the line of err within the decoded text and its message
// without the position, for an *Error or a toml.ParseError; 0 and the
// whole message for any other error.
func Line(err error) (int, string) {
	var le *Error
	if errors.As(err, &le) {
		return le.Line, le.Msg
	}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return pe.Position.Line, pe.Message
	}
	return 0, err.Error()
}

// Undecoded returns the keys of md that no field took, leaving out those
// inside a key already listed: when a table is unknown, so is all it holds.
func Undecoded(md toml.MetaData) []toml.Key {
	var out []toml.Key
	listed := map[string]bool{}
	for _, k := range md.Undecoded() {
		path, inside := "", false
		for i, part := range k {
			path += "\x00" + part
			if i < len(k)-1 && listed[path] {
				inside = true
				break
			}
		}
		if !inside {
			listed[path] = true
			out = append(out, k)
		}
	}
	return out
}
