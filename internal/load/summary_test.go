package load

import (
	"strings"
	"testing"

	"alliance/internal/model"
)

func TestSummary(t *testing.T) {
	long := strings.Repeat("一二三四五\n", 30) // 180 runes
	cases := []struct {
		given, text, want string
	}{
		{"  写好的摘要 ", long, "写好的摘要"},
		{"", "第一行\n第二行", "第一行 第二行"},
		{"", strings.Repeat("字", 120), strings.Repeat("字", 120)},
		{"", strings.Repeat("字", 121), strings.Repeat("字", 120) + "…"},
		{"", long, strings.ReplaceAll(long[:len(strings.Repeat("一二三四五\n", 20))], "\n", " ") + "…"},
		{"", "", ""},
	}
	for _, c := range cases {
		if got := summary(c.given, model.NewBody("", c.text)); got != c.want {
			t.Errorf("summary(%q, %.20q…) = %q, want %q", c.given, c.text, got, c.want)
		}
	}
}
