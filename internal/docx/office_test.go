package docx

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/model"
	"alliance/internal/testkit/officetest"
)

// TestLibreOfficeOpensTheDocument converts each document to PDF with a real
// office suite and reads the PDF's text back: a document LibreOffice cannot
// open, or opens without the form's labels, fails.
func TestLibreOfficeOpensTheDocument(t *testing.T) {
	officetest.Need(t, "soffice", "libreoffice-writer-nogui")
	officetest.Need(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	for _, tpl := range []*model.Template{hunan(), zaozhuang()} {
		data, err := Template(tpl, WithValues(map[string]string{"f1": "填写值ABC"}))
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(dir, tpl.ID+".docx")
		if err := os.WriteFile(src, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	officetest.Convert(t, filepath.Join(dir, "profile"), "pdf", dir,
		filepath.Join(dir, "hunan-application.docx"), filepath.Join(dir, "zaozhuang-application.docx"))
	for _, tpl := range []*model.Template{hunan(), zaozhuang()} {
		pdf := filepath.Join(dir, tpl.ID+".pdf")
		out := officetest.PDFText(t, pdf, "-raw")
		// Labels in narrow cells wrap, so compare without white space.
		text := strings.Join(strings.Fields(string(out)), "")
		want := []string{strings.Join(strings.Fields(tpl.Title), ""), "填报说明", "填写值ABC"}
		for _, b := range tpl.Blocks {
			for _, f := range b.Fields {
				want = append(want, f.Label+"：")
			}
			if b.Kind == model.BlockHeading {
				want = append(want, b.Number+b.Runs[0].Text)
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for _, c := range r.Cells {
						if c.Text != "" {
							want = append(want, c.Text)
						}
					}
				}
			}
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the PDF LibreOffice made lacks %q\n%s", tpl.ID, w, out)
			}
		}
		pages, err := exec.Command("pdfinfo", pdf).Output()
		if err == nil && !strings.Contains(string(pages), "595.") {
			t.Errorf("%s: page is not A4 (595×842 pt):\n%s", tpl.ID, pages)
		}
		if os.Getenv("DOCX_KEEP") != "" {
			os.WriteFile(filepath.Join(os.Getenv("DOCX_KEEP"), tpl.ID+".pdf"), mustRead(t, pdf), 0o644)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
