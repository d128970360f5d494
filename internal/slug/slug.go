// Package slug spells Chinese names in ASCII for URLs and file names:
// 产教融合 → chan-jiao-rong-he. Letters and digits are kept (lower-cased),
// Han characters become their pinyin without tones, everything else separates words.
package slug

import (
	"strings"

	"github.com/mozillazg/go-pinyin"
)

// Make returns the pinyin spelling of s, words joined by hyphens, or "" when
// s has nothing that can be spelled in ASCII.
func Make(s string) string {
	return strings.Join(words(s), "-")
}

// Short is Make cut at a word boundary so that it is at most max bytes long;
// a single word longer than max is cut.
func Short(s string, max int) string {
	var b strings.Builder
	for _, w := range words(s) {
		if b.Len() > 0 && b.Len()+1+len(w) > max {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	out := b.String()
	if len(out) > max {
		out = strings.TrimRight(out[:max], "-")
	}
	return out
}

// args are go-pinyin's defaults: plain style, no tones.
var args = pinyin.NewArgs()

func words(s string) []string {
	var parts []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			parts = append(parts, word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			word.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			word.WriteRune(r + 'a' - 'A')
		default:
			flush()
			if py := pinyin.SinglePinyin(r, args); len(py) > 0 && py[0] != "" {
				parts = append(parts, py[0])
			}
		}
	}
	flush()
	return parts
}
