// Package officetest runs a real office suite in tests: LibreOffice converts
// what the build writes (.docx, .xlsx) to PDF or to other formats, and
// pdftotext reads a PDF back, so a test sees what a person's office software
// would. Without the programs a test skips on a developer's machine and fails
// under CI (CI set), where .ci/run installs them.
package officetest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Timeout bounds one conversion; LibreOffice's first start on a busy machine
// takes tens of seconds.
const Timeout = 3 * time.Minute

// Need returns the path of program, which Debian's package pkg installs.
func Need(t testing.TB, program, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(program)
	if err == nil {
		return p
	}
	msg := program + " not found; install " + pkg + " or run bash .ci/run"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Convert has LibreOffice convert files with filter (such as "pdf" or
// "xlsx:Calc MS Excel 2007 XML") into outdir. profile is LibreOffice's user
// folder; a private one lets the test run as root in CI and beside a
// LibreOffice the developer has open, and sharing it between conversions
// saves seconds.
func Convert(t testing.TB, profile, filter, outdir string, files ...string) {
	t.Helper()
	soffice := Need(t, "soffice", "libreoffice-writer-nogui libreoffice-calc-nogui")
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(profile), "--headless", "--norestore",
		"--convert-to", filter, "--outdir", outdir}
	cmd := exec.CommandContext(ctx, soffice, append(args, files...)...)
	cmd.Env = append(os.Environ(), "HOME="+filepath.Dir(profile))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
}

// PDFText returns the text of a PDF as pdftotext reads it with args (such as
// "-raw" or "-layout").
func PDFText(t testing.TB, pdf string, args ...string) string {
	t.Helper()
	pdftotext := Need(t, "pdftotext", "poppler-utils")
	out, err := exec.Command(pdftotext, append(append(args, "-enc", "UTF-8", pdf), "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v (did LibreOffice write the PDF?)", pdf, err)
	}
	return string(out)
}
