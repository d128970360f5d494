package search

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAppendJSONStringMatchesMarshal checks that appendJSONString escapes
// every byte and rune as json.Marshal does, including control characters,
// HTML's <>&, U+2028, U+2029 and bytes that are not UTF-8.
func TestAppendJSONStringMatchesMarshal(t *testing.T) {
	var all strings.Builder
	for c := range 256 {
		all.WriteByte(byte(c))
	}
	cases := []string{"", "联盟", `a"b\c`, "<p>&amp;</p>", "\u2028\u2029\u2027\u202a", all.String(), "\xe4\xb8", "末尾\xff"}
	pieces := []string{"a", "字", "\"", "\\", "\n", "\x00", "\x1f", "\x7f", "<", "&", "\u2028", "\xff", "\xe4\xb8", "😀", "\ufffd", " "}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		want, _ := json.Marshal(s)
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got[1:], want)
		}
	}
}
