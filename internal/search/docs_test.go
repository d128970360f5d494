package search

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// clipByWords is clip as first written: the whole text split into words and
// runes, then cut.
func clipByWords(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// TestClipAgreesWithWords: clip, which stops at the cut, gives what
// splitting the whole text gives, on texts of words, white space of every
// kind and lengths around the cut.
func TestClipAgreesWithWords(t *testing.T) {
	pieces := []string{"通知", "联盟", "a", "bc", " ", "  ", "\n", "\t", "\u3000", "\u00a0", "。", "😀", "\xff"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s, n := b.String(), r.IntN(8)
		if got, want := clip(s, n), clipByWords(s, n); got != want {
			t.Fatalf("clip(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
}
