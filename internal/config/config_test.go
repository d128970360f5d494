package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/diag"
)

func TestBaseURL(t *testing.T) {
	good := map[string]string{
		"https://example.org":          "/",
		"https://example.org/alliance": "/alliance/",
		"http://host/a/b/":             "/a/b/",
		"/":                            "/",
		"/sub":                         "/sub/",
	}
	for raw, path := range good {
		var s Site
		if err := s.SetBaseURL(raw); err != nil {
			t.Errorf("%q: %v", raw, err)
			continue
		}
		if s.BasePath() != path {
			t.Errorf("%q: base path %q, want %q", raw, s.BasePath(), path)
		}
	}
	for _, raw := range []string{"example.org/alliance/", "ftp://example.org/", "https:///x/", "alliance"} {
		var s Site
		if err := s.SetBaseURL(raw); err == nil {
			t.Errorf("%q accepted as %q", raw, s.BaseURL)
		}
	}
}

func TestLoadReportsLineAndDefaults(t *testing.T) {
	dir := t.TempDir()
	write := func(body string) *Site {
		if err := os.WriteFile(filepath.Join(dir, File), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		var dl diag.List
		s := Load(dir, &dl)
		if dl.HasErrors() {
			t.Logf("%v", dl.Err())
			return nil
		}
		return s
	}
	s := write("title = \"站\"\n")
	if s == nil || s.BaseURL != "/" || s.Language != "zh-CN" || s.PerPage != 10 || !s.Publishes("主动公开") || s.Publishes("依申请公开") {
		t.Fatalf("defaults wrong: %+v", s)
	}
	var dl diag.List
	os.WriteFile(filepath.Join(dir, File), []byte("title = \"站\"\npublish_disclosure = [\"全部\"]\n"), 0o644)
	Load(dir, &dl)
	if err := dl.Err(); err == nil || !strings.Contains(err.Error(), "site.toml:2: publish_disclosure") {
		t.Errorf("bad disclosure: %v", err)
	}
}
