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
	key := "unknown key %q is ignored%s"
	if _, ok := zh[key]; !ok {
		t.Skip("no entry for the sample key")
	}
	if got := In(English, "%d files", 2024); got != "2024 files" {
		t.Errorf("In(English) = %q", got)
	}
	old := SetCurrent(Chinese)
	defer SetCurrent(old)
	inner := errors.New("x")
	err := Errorf("cannot read %s: %w", "a.toml", inner)
	if !errors.Is(err, inner) {
		t.Error("Errorf does not wrap with %w")
	}
	if got := err.Error(); got == "cannot read a.toml: x" {
		t.Errorf("Errorf in Chinese gave the English %q", got)
	}
}
