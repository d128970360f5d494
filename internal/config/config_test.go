package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/diag"
	"alliance/internal/testkit/testfs"
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

func TestDeployTargets(t *testing.T) {
	dir := t.TempDir()
	load := func(body string) (*Site, error) {
		testfs.Write(t, filepath.Join(dir, File), "title = \"站\"\n"+body)
		var dl diag.List
		s := Load(dir, &dl)
		return s, dl.Err()
	}
	s, err := load("[[deploy]]\nname = \"oss\"\nendpoint = \"https://oss-cn-hangzhou.aliyuncs.com\"\nregion = \"cn-hangzhou\"\nbucket = \"b\"\nprefix = \"/site\"\n\n[[deploy]]\nname = \"cos\"\nendpoint = \"https://cos.ap-guangzhou.myqcloud.com\"\nregion = \"ap-guangzhou\"\nbucket = \"b-125\"\npath_style = true\n")
	if err != nil || len(s.Deploy) != 2 || s.Deploy[0].Prefix != "site/" || s.Deploy[1].Prefix != "" || !s.Deploy[1].PathStyle {
		t.Fatalf("two targets: %+v %v", s, err)
	}
	bad := map[string]string{
		"[[deploy]]\nname = \"oss\"\nendpoint = \"https://e.com\"\nregion = \"r\"\nbucket = \"b\"\naccess_key = \"LTAI5t\"\n":                                                `site.toml:7: "deploy.access_key" looks like a credential`,
		"[[deploy]]\nname = \"oss\"\nendpoint = \"https://e.com\"\nregion = \"r\"\nbucket = \"b\"\nsecret_access_key = \"x\"\n":                                              `site.toml:7: "deploy.secret_access_key" looks like a credential`,
		"[[deploy]]\nendpoint = \"https://e.com\"\nregion = \"r\"\nbucket = \"b\"\n":                                                                                         `site.toml:2: [[deploy]] table 1 has no name`,
		"[[deploy]]\nname = \"a\"\nendpoint = \"oss-cn-hangzhou.aliyuncs.com\"\nregion = \"r\"\nbucket = \"b\"\n":                                                            `[[deploy]] "a": endpoint "oss-cn-hangzhou.aliyuncs.com" is not an http(s) address`,
		"[[deploy]]\nname = \"a\"\nendpoint = \"https://e.com\"\nbucket = \"b\"\n":                                                                                           `[[deploy]] "a" has no region`,
		"[[deploy]]\nname = \"a\"\nendpoint = \"https://e.com\"\nregion = \"r\"\nbucket = \"b\"\nprefix = \"a/../b\"\n":                                                      `prefix "a/../b" is not a plain folder path`,
		"[[deploy]]\nname = \"a\"\nendpoint = \"https://e.com\"\nregion = \"r\"\n\n[[deploy]]\nname = \"a\"\nendpoint = \"https://e.com\"\nregion = \"r\"\nbucket = \"b\"\n": `site.toml:7: [[deploy]] "a" appears twice`,
	}
	for body, want := range bad {
		if _, err := load(body); err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "LTAI5t") {
			t.Errorf("%q: got %v, want %q", body, err, want)
		}
	}
}
