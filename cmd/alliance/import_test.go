package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runImportT(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = runImport(args, &o, &e)
	return code, o.String(), e.String()
}

func TestImportUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		out  string // in stdout for 0, stderr otherwise
	}{
		{nil, 2, "alliance import members FILE"},
		{[]string{"-h"}, 0, "Usage: alliance import members FILE --alliance ID"},
		{[]string{"members", "-h"}, 0, "-public-landlines"},
		{[]string{"people", "a.csv"}, 2, "alliance import members FILE"},
		{[]string{"members", "a.csv"}, 2, "--alliance ID is required"},
		{[]string{"members", "a.csv", "--alliance", "Zao Zhuang"}, 2, "lower-case ASCII"},
		{[]string{"members", "a.csv", "b.csv", "--alliance", "a"}, 2, "name one file"},
		{[]string{"members", "--alliance", "a"}, 2, "name one file"},
		{[]string{"members", "a.csv", "--alliance", "a", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"members", filepath.Join(t.TempDir(), "missing.csv"), "--alliance", "a"}, 1, "missing.csv"},
	} {
		code, out, errOut := runImportT(c.args...)
		text := errOut
		if c.code == 0 {
			text = out
		}
		if code != c.code || !strings.Contains(text, c.out) {
			t.Errorf("import %q: exit %d, want %d with %q; stdout %q stderr %q", c.args, code, c.code, c.out, out, errOut)
		}
	}
}

func importSite(t *testing.T) (site, list string) {
	t.Helper()
	site = t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "site.toml"), []byte("title = \"测试\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	list = filepath.Join(t.TempDir(), "名单.csv")
	data := "序号,区（市）,园所名称,联系电话\n" +
		"1,市直,甲幼儿园,13812345678\n" +
		"2,市直,,13812345679\n" + // row 3: no name
		"3,薛城区,乙幼儿园,138****1234\n" // masked: left out
	if err := os.WriteFile(list, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return site, list
}

func TestImportWrites(t *testing.T) {
	site, list := importSite(t)
	target := filepath.Join(site, "data", "alliances", "zaozhuang.toml")

	code, out, errOut := runImportT("members", list, "--alliance", "zaozhuang", "--source", site, "--dry-run")
	if code != 0 || !strings.Contains(out, "dry run: would write") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(target); err == nil {
		t.Fatal("a dry run wrote the file")
	}

	// Flags may come after the file, as in the README.
	code, out, errOut = runImportT("members", "--source", site, list, "--alliance", "zaozhuang", "--name", "枣庄联盟", "--tier", "市级")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"read " + list + " (CSV, UTF-8; flat layout): 3 rows, 2 members (1 masked phone number left out)",
		"wrote " + target + ": 2 members", "1 row or part skipped"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{"名单.csv row 3: no 园所名称", "名单.csv: 1 masked phone number, 138****1234 in row 4"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	b, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "name = \"枣庄联盟\"") || !strings.Contains(string(b), "tier = \"市级\"") {
		t.Errorf("wrote:\n%s", b)
	}

	code, _, errOut = runImportT("members", list, "--alliance", "zaozhuang", "--source", site)
	if code != 1 || !strings.Contains(errOut, "exists; nothing written (pass --force") {
		t.Errorf("second import without --force: exit %d, stderr %s", code, errOut)
	}
	if again, _ := os.ReadFile(target); !bytes.Equal(again, b) {
		t.Error("the file changed without --force")
	}
	code, _, errOut = runImportT("members", list, "--alliance", "zaozhuang", "--source", site, "--force", "--name", "别的名字")
	if code != 0 {
		t.Errorf("--force: exit %d, %s", code, errOut)
	}
	if again, _ := os.ReadFile(target); !strings.Contains(string(again), "name = \"枣庄联盟\"") {
		t.Errorf("--force replaced the name of the existing file:\n%s", again)
	}
}

func TestImportNothingUsable(t *testing.T) {
	site, _ := importSite(t)
	list := filepath.Join(t.TempDir(), "empty.csv")
	os.WriteFile(list, []byte("园所名称,联系电话\n,13812345678\n"), 0o644)
	code, _, errOut := runImportT("members", list, "--alliance", "a", "--source", site)
	if code != 1 || !strings.Contains(errOut, "empty.csv row 2: no 园所名称") || !strings.Contains(errOut, "nothing written") {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(site, "data")); err == nil {
		t.Error("data/ was created for nothing")
	}
	code, _, errOut = runImportT("members", list, "--alliance", "a", "--source", t.TempDir())
	if code != 1 {
		t.Errorf("no usable row and no site: exit %d, %s", code, errOut)
	}
}

func TestImportNotASite(t *testing.T) {
	_, list := importSite(t)
	code, _, errOut := runImportT("members", list, "--alliance", "a", "--source", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "no site.toml") {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
}
