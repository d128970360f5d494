package slug

import "testing"

func TestMake(t *testing.T) {
	for in, want := range map[string]string{
		"产教融合":        "chan-jiao-rong-he",
		"2024年 Hunan": "2024-nian-hunan",
		"《联盟》":        "lian-meng",
		"！？":          "",
	} {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShort(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"关于召开联盟年会的通知", 20, "guan-yu-zhao-kai"},
		{"关于召开联盟年会的通知", 100, "guan-yu-zhao-kai-lian-meng-nian-hui-de-tong-zhi"},
		{"abcdefghij", 4, "abcd"},
	} {
		if got := Short(c.in, c.max); got != c.want {
			t.Errorf("Short(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}
