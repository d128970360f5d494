package memberimport

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLibreOfficeRoundTrip has a real office suite stand in for a clerk: it
// opens the site's .xlsx export and saves it again as .xlsx, and as CSV in
// GBK as Excel on Chinese Windows does; each file must import to the same
// directory.
func TestLibreOfficeRoundTrip(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		const hint = "soffice not found; install libreoffice-calc-nogui or run bash .ci/run"
		if os.Getenv("CI") != "" {
			t.Fatal(hint)
		}
		t.Skip(hint)
	}
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "lo")) // shared: a new profile costs seconds
	for _, c := range []struct{ name, filter, ext string }{
		{"xlsx", "xlsx:Calc MS Excel 2007 XML", ".xlsx"},
		{"GBK CSV", "csv:Text - txt - csv (StarCalc):44,34,85", ".csv"}, // 85: LibreOffice's number for GBK
	} {
		t.Run(c.name, func(t *testing.T) {
			convert := func(files map[string][]byte) map[string][]byte {
				tmp := t.TempDir()
				args := []string{"--headless", "-env:UserInstallation=" + profile, "--convert-to", c.filter, "--outdir", filepath.Join(tmp, "out")}
				for name, data := range files {
					in := filepath.Join(tmp, "in", name)
					os.MkdirAll(filepath.Dir(in), 0o755)
					if err := os.WriteFile(in, data, 0o644); err != nil {
						t.Fatal(err)
					}
					args = append(args, in)
				}
				cmd := exec.Command(soffice, args...)
				cmd.Env = append(os.Environ(), "HOME="+tmp)
				if b, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("soffice: %v\n%s", err, b)
				}
				out := map[string][]byte{}
				for name := range files {
					conv := strings.TrimSuffix(name, filepath.Ext(name)) + c.ext
					b, err := os.ReadFile(filepath.Join(tmp, "out", conv))
					if err != nil {
						t.Fatalf("soffice wrote no %s: %v", conv, err)
					}
					if c.ext == ".csv" && utf8.Valid(b) {
						t.Fatalf("LibreOffice wrote %s in UTF-8, not GBK; the test would not test GBK", conv)
					}
					out[conv] = b
				}
				return out
			}
			dir := writeSite(t, map[string]string{"zaozhuang.toml": roundTripTOML, "kunming.toml": roundTripFlatTOML})
			roundTrip(t, dir, ".xlsx", true, convert)
		})
	}
}
