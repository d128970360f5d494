package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// ids makes heading anchors that keep Chinese text: "一、指导思想" becomes
// "一指导思想", where goldmark's default would drop every Chinese character.
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	b.Grow(len(value))
	dash := false
	for _, r := range string(value) {
		switch {
		case commonLetter(r) || unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				b.WriteByte(byte(r))
			} else if r >= hanFirst && r <= hanLast {
				b.WriteRune(r)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		case r == ' ' || r == '-' || r == '_' || r == '\t':
			dash = true
		}
	}
	id := b.String()
	if id == "" {
		id = "section"
	}
	base := id
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// hanFirst to hanLast are CJK Unified Ideographs that are letters without
// case (TestHanRangeIsCaselessLetters checks them against package unicode):
// most of a Chinese heading, which Generate then need not look up.
const hanFirst, hanLast = 0x4E00, 0x9FEF

// commonLetter reports whether r is an ASCII letter or digit or in hanFirst
// to hanLast: a letter or digit that needs no look-up in package unicode.
func commonLetter(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || hanFirst <= r && r <= hanLast
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
