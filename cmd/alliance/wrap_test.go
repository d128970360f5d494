package main

import (
	"strings"
	"testing"
)

// TestWrap checks that help text is wrapped within the width: English at
// spaces, Chinese between characters but not before closing punctuation,
// and no line ends in a space.
func TestWrap(t *testing.T) {
	for _, c := range []struct {
		text  string
		width int
		want  string
	}{
		{"one two three four", 9, "one two\nthree\nfour"},
		{"生成网站并在本机上供预览。保存对 site.toml 的修改", 16, "生成网站并在本机\n上供预览。保存对\nsite.toml 的修改"},
		{"甲乙丙丁，戊", 8, "甲乙丙\n丁，戊"},
	} {
		got := wrap(c.text, c.width)
		if got != c.want {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.text, c.width, got, c.want)
		}
		for _, l := range strings.Split(got, "\n") {
			if strings.HasSuffix(l, " ") || columns(l) > c.width {
				t.Errorf("wrap(%q, %d): line %q ends in a space or is too wide", c.text, c.width, l)
			}
		}
	}
}
