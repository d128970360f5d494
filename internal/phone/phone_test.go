package phone

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestMask(t *testing.T) {
	cases := map[string]string{
		"13787179805":       "137****9805",
		"137 8717 9805":     "137****9805",
		"0632-3317123":      "063****7123",
		"+86 139 1120 4920": "+86 1****4920",
		"12345":             "*****",
		"":                  "",
	}
	for in, want := range cases {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNumberFromTOML(t *testing.T) {
	var v struct {
		A Number `toml:"a"`
		B Number `toml:"b"`
	}
	if _, err := toml.Decode(`a = "13800001234"`+"\n"+`b = { number = "0632-3317000", public = true }`, &v); err != nil {
		t.Fatal(err)
	}
	var w struct {
		C Number `toml:"c"`
	}
	if _, err := toml.Decode(`c = "１３８００００１２３４"`, &w); err != nil || w.C.String() != "138****1234" {
		t.Errorf("full-width number shown as %q (%v)", w.C.String(), err)
	}
	if v.A.String() != "138****1234" || v.A.Tel() != "" {
		t.Errorf("personal number shown as %q, link %q", v.A.String(), v.A.Tel())
	}
	if v.B.String() != "0632-3317000" || v.B.Tel() != "tel:06323317000" {
		t.Errorf("public number shown as %q, link %q", v.B.String(), v.B.Tel())
	}
	if _, err := toml.Decode(`a = { number = "1", colour = "red" }`, &v); err == nil {
		t.Error("unknown key in a phone table was accepted")
	}
}

func TestSpansAndIsMobile(t *testing.T) {
	s := "拨打 +86 138 0000 1234 或 0632-3317000"
	sp := Spans(s)
	if len(sp) != 1 || s[sp[0].Start:sp[0].End] != "+86 138 0000 1234" || sp[0].Digits != "13800001234" || s[sp[0].HideStart:sp[0].HideEnd] != " 0000 " {
		t.Fatalf("Spans(%q) = %+v", s, sp)
	}
	for in, want := range map[string]bool{"tel:13800001234": true, "tel:+86-138-0000-1234": true, "tel:0632-3317000": false, "tel:12800001234": false} {
		if IsMobile(in) != want {
			t.Errorf("IsMobile(%q) = %v, want %v", in, !want, want)
		}
	}
}

// digitRunByRunes is the plain statement of digitRun: every rune decoded.
func digitRunByRunes(s string, n int) bool {
	run := 0
	for _, r := range s {
		if _, ok := digit(r); ok {
			if run++; run >= n {
				return true
			}
		} else if !separator(r) && r != '+' && r != '＋' {
			run = 0
		}
	}
	return false
}

// TestDigitRunSkipsOnlyWhatCannotCount: digitRun decodes only the runes
// that may be digits or separators and must agree with decoding them all,
// on every mix of digits, separators, Chinese text and broken UTF-8.
func TestDigitRunSkipsOnlyWhatCannotCount(t *testing.T) {
	pieces := []string{"1", "38", "0000", "１", "３８", " ", ".", "-", "+", "＋", "－", "–", "—", "\u00a0", "\u3000", "\u202f", "\t", "\n",
		"字", "，", "、", "©", "‘", "\uff21", "\xc2", "\xe2\x80", "\xef\xbc", "\xff", "a"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		var b strings.Builder
		for range r.IntN(16) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		for _, n := range []int{4, 11} {
			want := digitRunByRunes(s, n)
			if got := digitRun(s, n); got != want {
				t.Fatalf("digitRun(%q, %d) = %v, want %v", s, n, got, want)
			}
			if got := digitRun([]byte(s), n); got != want {
				t.Fatalf("digitRun([]byte(%q), %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}
