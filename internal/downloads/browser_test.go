package downloads_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"alliance/internal/build"
	"alliance/internal/docx"
	"alliance/internal/downloads"
	"alliance/internal/model"
	"alliance/internal/testkit/browsertest"
	"alliance/internal/testkit/officetest"
)

// repoRoot is the example site: the repository itself.
const repoRoot = "../.."

// serveExample builds the example site for the sub-path /alliance/, serves
// it there and returns the served base URL and the site's model. It also
// checks that the build wrote every download.
func serveExample(t *testing.T) (string, *model.Site) {
	t.Helper()
	browsertest.Chromium(t) // skip before the build when there is no browser
	dest := filepath.Join(t.TempDir(), "public")
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))
	sum, err := build.Run(build.Options{Source: repoRoot, Destination: dest, BaseURL: "https://example.org/alliance/", Now: now})
	if err != nil {
		t.Fatalf("building the example site: %v", err)
	}
	files, err := downloads.Build(sum.Site)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f.Path))); err != nil {
			t.Errorf("the build did not write %s", f.Path)
		}
	}
	return browsertest.Serve(t, dest, "/alliance/"), sum.Site
}

// TestFillReloadDownload fills two blanks on the Hunan template page, reloads,
// finds them still filled, downloads the filled Word file and checks that it
// holds them — and that it is exactly the document Go writes with the same
// values, so the browser's zip and the build's stay in step.
func TestFillReloadDownload(t *testing.T) {
	base, site := serveExample(t)
	var tpl *model.Template
	for _, x := range site.Templates {
		if x.ID == "hunan-application" {
			tpl = x
		}
	}
	if tpl == nil {
		t.Fatal("the example site has no hunan-application template")
	}
	// The first blank of the letter and the first of the contact fields.
	first, contact := tpl.Fields[0], tpl.Fields[len(tpl.Fields)-3]
	if contact.Label != "联系人姓名" {
		t.Fatalf("fixture changed: third blank from the end is %q", contact.Label)
	}
	tctx := browsertest.New(t)
	pageURL := base + tpl.URL
	cityValue := "长沙 A&B<$&>"       // markup and a JS replacement pattern, both to be kept as typed
	nameValue := "王老师 0632-3317000" // a hyphen, which Word must not break after
	err := chromedp.Do(tctx,
		chromedp.Navigate(pageURL),
		chromedp.WaitVisible(chromedp.CSS(`[data-action="download"]`)),
		chromedp.SendKeys(chromedp.ID("blank-"+first.ID), cityValue),
		chromedp.SendKeys(chromedp.ID("blank-"+contact.ID), nameValue),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`[data-action="download"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{first.ID: cityValue, contact.ID: nameValue} {
		got, err := chromedp.Run(tctx, chromedp.Value(chromedp.ID("blank-"+id)))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("after reload blank %s holds %q, want %q", id, got, want)
		}
	}
	stored, err := chromedp.Run(tctx, chromedp.Evaluate[string](`localStorage.getItem("alliance-form:hunan-application")`))
	if err != nil {
		t.Fatal(err)
	}
	var values map[string]string
	if err := json.Unmarshal([]byte(stored), &values); err != nil {
		t.Fatalf("local storage holds %q: %v", stored, err)
	}

	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(tctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tctx, chromedp.Click(chromedp.CSS(`[data-action="download"]`))); err != nil {
		t.Fatal(err)
	}
	got := waitForFile(t, dir, docx.FilledName(tpl))
	parts := unzip(t, got)
	doc := parts["word/document.xml"]
	for _, v := range []string{"长沙 A&amp;B&lt;$&amp;&gt;", "王老师 0632</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">3317000"} {
		if !strings.Contains(doc, v) {
			t.Errorf("the filled download lacks %q", v)
		}
	}
	want, err := docx.Template(tpl, append(downloads.DocxOptions(site, tpl), docx.WithValues(values))...)
	if err != nil {
		t.Fatal(err)
	}
	wantParts := unzip(t, want)
	for name, text := range wantParts {
		if parts[name] != text {
			t.Errorf("%s from the browser differs from the Go document with the same values", name)
		}
	}
	if len(parts) != len(wantParts) {
		t.Errorf("the browser's file has %d parts, Go's %d", len(parts), len(wantParts))
	}

	officeOpens(t, got, "王老师")

	// The print view shows what was typed, on its own page without chrome.
	if err := chromedp.Do(tctx, chromedp.Navigate(pageURL+"print/"), chromedp.WaitVisible(chromedp.CSS(`[data-action="print"]`))); err != nil {
		t.Fatal(err)
	}
	if v, _ := chromedp.Run(tctx, chromedp.Value(chromedp.ID("blank-"+contact.ID))); v != nameValue {
		t.Errorf("print view shows %q in %s, want %q", v, contact.ID, nameValue)
	}
	if n, _ := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll(".site-header, .site-footer, .site-nav").length`)); n != 0 {
		t.Errorf("print view has %d pieces of site chrome", n)
	}
	shots(t, tctx, "hunan-", pageURL)
	shots(t, tctx, "zaozhuang-", base+"templates/zaozhuang-application/")

	// Clearing asks first, then empties the blanks and the storage.
	dialogs := chromedp.Events(tctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			chromedp.Call(tctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	if err := chromedp.Do(tctx, chromedp.Navigate(pageURL), chromedp.WaitVisible(chromedp.CSS(`[data-action="clear"]`)), chromedp.Click(chromedp.CSS(`[data-action="clear"]`))); err != nil {
		t.Fatal(err)
	}
	left, err := chromedp.Run(tctx, chromedp.Evaluate[*string](`localStorage.getItem("alliance-form:hunan-application")`))
	if err != nil {
		t.Fatal(err)
	}
	if left != nil {
		t.Errorf("after clearing, local storage still holds %q", *left)
	}
	if v, _ := chromedp.Run(tctx, chromedp.Value(chromedp.ID("blank-"+first.ID))); v != "" {
		t.Errorf("after clearing, blank %s holds %q", first.ID, v)
	}
}

// waitForFile waits for the browser to finish writing name into dir.
func waitForFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil && len(b) > 0 {
			if _, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err == nil {
				return b
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	t.Fatalf("no download %q after 20 s; the folder holds %v", name, names)
	return nil
}

func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v (CRC-32 or size wrong?)", f.Name, err)
		}
		out[f.Name] = string(b)
	}
	return out
}

// shots saves screenshots and PDFs of the template page and the print view
// into $FORM_SHOTS, for a person to look at; the test does not need them.
func shots(t *testing.T, ctx context.Context, prefix, pageURL string) {
	dir := os.Getenv("FORM_SHOTS")
	if dir == "" {
		return
	}
	for name, u := range map[string]string{"template": pageURL, "print": pageURL + "print/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS(".sheet"))); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, prefix+name+".png"), png, 0o644)
		}
		pdf, err2 := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
		if err2 == nil {
			err2 = os.WriteFile(filepath.Join(dir, prefix+name+".pdf"), pdf, 0o644)
		}
		if err := errors.Join(err, err2); err != nil {
			t.Logf("screenshots: %v", err)
		}
	}
}

// officeOpens converts the browser's file with LibreOffice, when there is one,
// and looks for want in the PDF's text: a zip that Go reads may still be one
// an office suite refuses. The docx package's office test covers the build's
// own file and says how to install LibreOffice.
func officeOpens(t *testing.T, docxData []byte, want string) {
	t.Helper()
	_, err1 := exec.LookPath("soffice")
	_, err2 := exec.LookPath("pdftotext")
	if err1 != nil || err2 != nil {
		t.Log("soffice or pdftotext not found; the filled download was not opened in an office suite")
		return
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "filled.docx")
	if err := os.WriteFile(src, docxData, 0o644); err != nil {
		t.Fatal(err)
	}
	officetest.Convert(t, filepath.Join(dir, "profile"), "pdf", dir, src)
	out := officetest.PDFText(t, filepath.Join(dir, "filled.pdf"), "-raw")
	if !strings.Contains(out, want) {
		t.Errorf("LibreOffice's PDF of the browser's file lacks %q", want)
	}
}
