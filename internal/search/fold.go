package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"alliance/internal/hanzi"
)

// Folding makes the text of the site and the reader's query comparable: both
// are folded the same way, character by character, here at build time and in
// search.js in the browser. Per character, in this order:
//
//  1. NFKC compatibility form (full-width １０号 → 10号, ① → 1, ﹝ → 〔),
//  2. Traditional → Simplified by the OpenCC character table (教聯體 → 教联体),
//  3. lower case (Latin, Greek, Cyrillic …) where it is one character,
//  4. anything that is not a letter, number or mark (punctuation, symbols,
//     spaces) becomes a separator.
//
// Folding works on single characters, never on phrases, so it needs no
// dictionary and the browser can repeat it exactly with String.normalize,
// toLowerCase and the same character table.

// sep is the separator folded text uses between words.
const sep = ' '

var (
	foldOnce sync.Once
	bmpFold  []int32 // for runes < 0x10000: the folded rune, foldSep or foldMulti
	multi    map[rune]string
)

const (
	foldSep   = -1 // the rune folds to a separator
	foldMulti = -2 // the rune folds to several runes, see multi
)

func initFold() {
	multi = map[rune]string{}
	bmpFold = make([]int32, 0x10000)
	for r := rune(0); r < 0x10000; r++ {
		s := slowFold(r)
		switch {
		case s == " ":
			bmpFold[r] = foldSep
		case utf8.RuneCountInString(s) == 1:
			c, _ := utf8.DecodeRuneInString(s)
			bmpFold[r] = c
		default:
			bmpFold[r] = foldMulti
			multi[r] = s
		}
	}
}

// slowFold folds one rune from first principles: NFKC, then per resulting rune
// Traditional → Simplified, lower case and word-character test. Separators
// come out as single spaces; the result is not trimmed.
func slowFold(r rune) string {
	if r == utf8.RuneError || (r >= 0xD800 && r <= 0xDFFF) {
		return " "
	}
	n := norm.NFKC.String(string(r))
	var b strings.Builder
	for _, c := range n {
		c, _ = hanzi.Simplified(c)
		c = lower(c)
		if !isWordRune(c) {
			c = sep
		}
		b.WriteRune(c)
	}
	return b.String()
}

// lower lower-cases r when its lower case is a single character. U+0130 (İ)
// is kept: its full lower case, which browsers use, is two characters.
func lower(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r == 0x130 {
		return r
	}
	return unicode.ToLower(r)
}

// isWordRune reports whether r belongs to a word: a letter, number or mark.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// appendFold appends the fold of r to dst; separators are appended as sep.
func appendFold(dst []rune, r rune) []rune {
	if r < 0x10000 && r >= 0 {
		switch c := bmpFold[r]; c {
		case foldSep:
			return append(dst, sep)
		case foldMulti:
			for _, m := range multi[r] {
				dst = append(dst, m)
			}
			return dst
		default:
			return append(dst, c)
		}
	}
	for _, m := range slowFold(r) {
		dst = append(dst, m)
	}
	return dst
}

// Fold returns s folded: words of folded characters separated by single
// spaces, without leading or trailing space.
func Fold(s string) string {
	return string(foldRunes(nil, s))
}

// foldRunes appends the fold of s to dst with separators collapsed and
// trimmed, reusing dst's storage.
func foldRunes(dst []rune, s string) []rune {
	foldOnce.Do(initFold)
	start := len(dst)
	for _, r := range s {
		n := len(dst)
		dst = appendFold(dst, r)
		// Collapse separators as they are appended.
		j := n
		for i := n; i < len(dst); i++ {
			c := dst[i]
			if c == sep && (j == start || dst[j-1] == sep) {
				continue
			}
			dst[j] = c
			j++
		}
		dst = dst[:j]
	}
	if len(dst) > start && dst[len(dst)-1] == sep {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// tsTable returns the Traditional → Simplified pairs whose Simplified form
// satisfies keep, as one string of pairs, for the browser.
func tsTable(keep func(rune) bool) string {
	var b strings.Builder
	rs := []rune(hanzi.Pairs())
	for i := 0; i+1 < len(rs); i += 2 {
		if keep(rs[i+1]) {
			b.WriteRune(rs[i])
			b.WriteRune(rs[i+1])
		}
	}
	return b.String()
}
