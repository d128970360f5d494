package search

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestAppendJSONStringMatchesMarshal checks that appendJSONString escapes
// every byte and rune as json.Marshal does, including control characters,
// HTML's <>&, U+2028, U+2029 and bytes that are not UTF-8, and that
// jsonStringLen counts what it writes.
func TestAppendJSONStringMatchesMarshal(t *testing.T) {
	var all strings.Builder
	for c := range 256 {
		all.WriteByte(byte(c))
	}
	cases := []string{"", "联盟", `a"b\c`, "<p>&amp;</p>", "\u2028\u2029\u2027\u202a", all.String(), "\xe4\xb8", "末尾\xff"}
	pieces := []string{"a", "字", "\"", "\\", "\n", "\x00", "\x1f", "\x7f", "<", "&", "\u2028", "\u2029", "\u2027", "\xff", "\xe4\xb8", "😀", "\ufffd", " "}
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
		if n := jsonStringLen(s); n != len(want) {
			t.Fatalf("jsonStringLen(%q) = %d, want %d", s, n, len(want))
		}
	}
}

// TestTextLengthsAreTheTextsAsJSON: the length extraction gives each
// document's text as JSON, by which the shards of texts are cut before
// the texts are read, is the length of the text as the shard writes it,
// lead and all.
func TestTextLengthsAreTheTextsAsJSON(t *testing.T) {
	site := genSmallSite(t)
	// A summary the text does not hold is indexed as a lead before it.
	site.Notices = slices.Clone(site.Notices)
	for i := 0; i < len(site.Notices); i += 7 {
		n := *site.Notices[i]
		n.Doc.Summary = "另行说明：材料\u2028须于“周五”前 <盖章> 报送 & 存档"
		site.Notices[i] = &n
	}
	docs := collect(site)
	ex, _, err := index(docs, nil, nil, testLimits.segment)
	if err != nil {
		t.Fatal(err)
	}
	leads := 0
	for id := range docs {
		text := ex[id].text(&docs[id])
		want := 0
		if text != "" {
			want = len(appendJSONString(nil, text))
		}
		if ex[id].textJSON != want {
			t.Fatalf("%s: text of %d bytes as JSON, want %d", docs[id].url, ex[id].textJSON, want)
		}
		if ex[id].lead {
			leads++
		}
	}
	if leads == 0 {
		t.Error("no document has a lead before its text; the test needs some")
	}
}
