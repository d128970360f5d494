package catalog

import (
	"errors"
	"slices"
	"testing"
)

func TestFromEnv(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want Lang
	}{
		{nil, Chinese},
		{map[string]string{"LANG": "en_US.UTF-8"}, English},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Chinese},
		{map[string]string{"LANG": "C.UTF-8"}, Chinese},
		{map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, Chinese},
		{map[string]string{"LC_MESSAGES": "en_GB", "LANG": "zh_CN"}, English},
		{map[string]string{"LC_ALL": "en_US", "LC_MESSAGES": "zh_CN"}, English},
	} {
		if got := FromEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("FromEnv(%v) = %v, want %v", c.env, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	for s, want := range map[string]Lang{"en": English, "EN": English, "en-US": English, "zh": Chinese, "zh_CN": Chinese} {
		if got, ok := Parse(s); !ok || got != want {
			t.Errorf("Parse(%q) = %v, %v", s, got, ok)
		}
	}
	if _, ok := Parse("fr"); ok {
		t.Error(`Parse("fr") accepted`)
	}
}

func TestVerbs(t *testing.T) {
	got := Verbs("100%% of %s: %d, %-8s %.1f %q %[2]v")
	want := []string{"%s", "%d", "%-8s", "%.1f", "%q", "%[2]v"}
	if !slices.Equal(got, want) {
		t.Errorf("Verbs = %v, want %v", got, want)
	}
}

func TestInAndErrorf(t *testing.T) {
	if got := In(English, "%s is missing", "title"); got != "title is missing" {
		t.Errorf("In(English) = %q", got)
	}
	if got := In(Chinese, "%s is missing", "title"); got != "缺少 title" {
		t.Errorf("In(Chinese) = %q", got)
	}
	if got := In(Chinese, "not in the catalogue %d", 2024); got != "not in the catalogue 2024" {
		t.Errorf("a key without an entry = %q; want the English, digits not grouped", got)
	}
	old := SetCurrent(Chinese)
	defer SetCurrent(old)
	inner := errors.New("x")
	err := Errorf("nothing was written to %s: %w", "a.toml", inner)
	if !errors.Is(err, inner) {
		t.Error("Errorf does not wrap with %w")
	}
	if got := err.Error(); got != "a.toml 没有写入：x" {
		t.Errorf("Errorf in Chinese = %q", got)
	}
	if got := In(Chinese, "rendering %s with %s.html: %w", "/a/", "notice", inner); got != "用 notice.html 生成 /a/：x" {
		t.Errorf("indexed verbs: %q", got)
	}
}

func TestArgVerbs(t *testing.T) {
	got := ArgVerbs("%[3]q of %[1]d then %s")
	want := []string{"%d", "%s", "%q"}
	if !slices.Equal(got, want) {
		t.Errorf("ArgVerbs = %v, want %v", got, want)
	}
}
