// Package hanzi holds facts about Chinese characters that several stages
// need: which Traditional character has which Simplified form, from OpenCC's
// character table, so that 教聯體 and 教联体 can be treated as one text.
package hanzi

import (
	"strings"
	"sync"
	"unicode/utf8"
)

var (
	tsOnce sync.Once
	tsMap  map[rune]rune
)

func initTS() {
	tsMap = make(map[rune]rune, utf8.RuneCountInString(tsPairs)/2)
	rs := []rune(tsPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		tsMap[rs[i]] = rs[i+1]
	}
}

// Simplified returns the Simplified form of r and true when r is a
// Traditional character that has one, else r and false. Characters are
// mapped one by one, never as phrases, so the result can be repeated
// character by character (the search page does so in the browser).
func Simplified(r rune) (rune, bool) {
	tsOnce.Do(initTS)
	s, ok := tsMap[r]
	if !ok {
		return r, false
	}
	return s, true
}

// Simplify returns s with every Traditional character in its Simplified form.
func Simplify(s string) string {
	tsOnce.Do(initTS)
	i := strings.IndexFunc(s, func(r rune) bool { _, ok := tsMap[r]; return ok })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if t, ok := tsMap[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Pairs returns the whole table as one string: each Traditional character
// followed by its Simplified form, sorted by the Traditional character.
func Pairs() string { return tsPairs }
