package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkSite copies the example site into a temp folder with a broken notice
// and a notice with a warning, and an existing public/ from a build.
func checkSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"site.toml", "content", "data", "themes"} {
		copyDir(t, filepath.Join("..", "..", name), filepath.Join(dir, name))
	}
	if code := runBuild([]string{"--source", dir}, &bytes.Buffer{}, &bytes.Buffer{}); code != 0 {
		t.Fatal("the example site does not build")
	}
	return dir
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if st, err := os.Stat(src); err == nil && !st.IsDir() {
		b, err := os.ReadFile(src)
		if err == nil {
			err = os.WriteFile(dst, b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// snapshot hashes every file and folder under dir, with its mode and time.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := ""
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(b)
			sum = hex.EncodeToString(h[:])
		}
		out[p] = info.Mode().String() + " " + info.ModTime().String() + " " + sum
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func runCheckT(args ...string) (int, string, string) {
	var o, e bytes.Buffer
	code := runCheck(args, &o, &e)
	return code, o.String(), e.String()
}

func TestCheckExitCodesAndNoWrites(t *testing.T) {
	dir := checkSite(t)
	parent := filepath.Dir(dir)
	before := snapshot(t, parent)

	// The example site as it is: warnings only (a pinned notice whose
	// deadline has passed, two notices whose only contact is a masked mobile).
	code, out, errOut := runCheckT("--source", dir)
	if code != 0 || !strings.Contains(out, "content/notices/hunan-alliance-invitation.md\n  9: warning: the notice is pinned") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := runCheckT("--source", dir, "--strict"); code != 1 {
		t.Errorf("--strict with warnings: exit %d, want 1", code)
	}
	assertSame(t, before, snapshot(t, parent))

	// An error and a warning in another file: exit 1, grouped by file.
	bad := filepath.Join(dir, "content", "notices", "zz-bad.md")
	if err := os.WriteFile(bad, []byte("+++\ntitle = \"坏\"\nissuer = \"某局\"\ndate = \"2024-13-01\"\ndoc_number = \"某字〔2024〕01号\"\n+++\n电话 13800001234\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before = snapshot(t, parent)
	code, out, _ = runCheckT("--source", dir)
	if code != 1 {
		t.Errorf("with an error: exit %d, want 1", code)
	}
	if !strings.Contains(out, "content/notices/zz-bad.md\n  4: error: ") || !strings.Contains(out, "  7: warning: a mobile number (138****1234)") {
		t.Errorf("output not grouped by file:\n%s", out)
	}
	if !strings.HasSuffix(out, "1 error, 5 warnings in 3 files\n") {
		t.Errorf("no totals line:\n%s", out)
	}

	code, out, _ = runCheckT("--source", dir, "--format", "json")
	var res struct {
		Errors, Warnings int
		Files            []struct {
			File     string
			Problems []struct {
				Line     int
				Severity string
				Message  string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--format json: %v\n%s", err, out)
	}
	if code != 1 || res.Errors != 1 || res.Warnings != 5 || len(res.Files) != 3 || res.Files[2].File != "content/notices/zz-bad.md" || res.Files[2].Problems[0].Severity != "error" {
		t.Errorf("--format json: exit %d, %+v", code, res)
	}
	assertSame(t, before, snapshot(t, parent))
}

func TestCheckUsage(t *testing.T) {
	if code, _, e := runCheckT("--format", "xml"); code != 2 || !strings.Contains(e, "use text or json") {
		t.Errorf("--format xml: exit %d %q", code, e)
	}
	if code, _, _ := runCheckT("extra"); code != 2 {
		t.Errorf("extra argument: exit %d", code)
	}
	code, out, _ := runCheckT("--source", t.TempDir())
	if code != 1 || !strings.Contains(out, "site.toml\n  error: no site.toml") {
		t.Errorf("no site: exit %d\n%s", code, out)
	}
}

func assertSame(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, v := range before {
		if after[p] != v {
			t.Errorf("check changed %s", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("check created %s", p)
		}
	}
}
