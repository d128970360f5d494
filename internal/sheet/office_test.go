package sheet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/testkit/officetest"
)

// TestLibreOfficeOpensXLSX has a real office suite open the workbook: LibreOffice
// converts it to PDF, and the PDF's text must hold the Chinese headers and a
// member. It catches workbooks that excelize reads back but an office suite
// rejects or shows as boxes.
func TestLibreOfficeOpensXLSX(t *testing.T) {
	officetest.Need(t, "soffice", "libreoffice-calc-nogui")
	officetest.Need(t, "pdftotext", "poppler-utils")

	dir := t.TempDir()
	xlsx := filepath.Join(dir, "zaozhuang.xlsx")
	if err := os.WriteFile(xlsx, build(t)["directories/zaozhuang/zaozhuang.xlsx"], 0o644); err != nil {
		t.Fatal(err)
	}
	officetest.Convert(t, filepath.Join(dir, "lo"), "pdf", dir, xlsx)
	txt := officetest.PDFText(t, filepath.Join(dir, "zaozhuang.pdf"), "-layout")
	text := string(txt)
	for _, want := range []string{ColSeq, ColDistrict, ColName, ColCategory, ColNature, ColResponsible, ColPhone,
		"枣庄市实验幼儿园", "138****5678", officeLine} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF LibreOffice made lacks %q; its text:\n%s", want, text)
		}
	}
}
