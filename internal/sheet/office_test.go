package sheet

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLibreOfficeOpensXLSX has a real office suite open the workbook: LibreOffice
// converts it to PDF, and the PDF's text must hold the Chinese headers and a
// member. It catches workbooks that excelize reads back but an office suite
// rejects or shows as boxes.
func TestLibreOfficeOpensXLSX(t *testing.T) {
	soffice := tool(t, "soffice", "soffice not found; install libreoffice-calc-nogui or run bash .ci/run")
	pdftotext := tool(t, "pdftotext", "pdftotext not found; install poppler-utils or run bash .ci/run")

	dir := t.TempDir()
	xlsx := filepath.Join(dir, "zaozhuang.xlsx")
	if err := os.WriteFile(xlsx, build(t)["directories/zaozhuang/zaozhuang.xlsx"], 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "lo")),
		"--convert-to", "pdf", "--outdir", dir, xlsx)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("soffice did not finish in 3 minutes: %s", out)
	}
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "zaozhuang.pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("soffice wrote no PDF: %v\n%s", err, out)
	}
	txt, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(txt)
	for _, want := range []string{ColSeq, ColDistrict, ColName, ColCategory, ColNature, ColResponsible, ColPhone,
		"枣庄市实验幼儿园", "138****5678", officeLine} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF LibreOffice made lacks %q; its text:\n%s", want, text)
		}
	}
}

// tool finds a program the test needs. Without it the test skips, unless it
// runs under CI, where a missing tool is a broken machine.
func tool(t *testing.T, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal(hint)
	}
	t.Skip(hint)
	return ""
}
