package memberimport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"alliance/internal/testkit/officetest"
)

// TestLibreOfficeRoundTrip has a real office suite stand in for a clerk: it
// opens the site's .xlsx export and saves it again as .xlsx, and as CSV in
// GBK as Excel on Chinese Windows does; each file must import to the same
// directory.
func TestLibreOfficeRoundTrip(t *testing.T) {
	officetest.Need(t, "soffice", "libreoffice-calc-nogui")
	profile := filepath.Join(t.TempDir(), "lo") // shared: a new profile costs seconds
	for _, c := range []struct{ name, filter, ext string }{
		{"xlsx", "xlsx:Calc MS Excel 2007 XML", ".xlsx"},
		{"GBK CSV", "csv:Text - txt - csv (StarCalc):44,34,85", ".csv"}, // 85: LibreOffice's number for GBK
	} {
		t.Run(c.name, func(t *testing.T) {
			convert := func(files map[string][]byte) map[string][]byte {
				tmp := t.TempDir()
				var in []string
				for name, data := range files {
					p := filepath.Join(tmp, "in", name)
					os.MkdirAll(filepath.Dir(p), 0o755)
					if err := os.WriteFile(p, data, 0o644); err != nil {
						t.Fatal(err)
					}
					in = append(in, p)
				}
				officetest.Convert(t, profile, c.filter, filepath.Join(tmp, "out"), in...)
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
