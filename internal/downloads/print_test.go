package downloads_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"alliance/internal/model"
	"alliance/internal/testkit/browsertest"
	"alliance/internal/testkit/officetest"
)

// longValues gives every label of tpl a value of 30 characters or more that
// a kindergarten might write: a landline for a 电话 label, an e-mail address
// for a 邮箱 label, Chinese text for the rest. Blanks with the same label
// share a value, as form.js keeps them in step.
func longValues(tpl *model.Template) map[string]string {
	out := map[string]string{}
	for i, f := range tpl.Fields {
		if _, ok := out[f.Label]; ok {
			continue
		}
		var v string
		switch {
		case strings.Contains(f.Label, "电话"):
			v = fmt.Sprintf("0632-331%04d,0632-332%04d,0632-333%04d", i, i, i)
		case strings.Contains(f.Label, "邮箱"):
			v = fmt.Sprintf("szqyeyuan%02d.kindergarten@example-mail.com.cn", i)
		default:
			v = fmt.Sprintf("%s%d枣庄市市中区示例普惠性民办幼儿园附属分园教学点", f.Label, i)
		}
		for utf8.RuneCountInString(v) < 30 {
			v += "续"
		}
		out[f.Label] = v
	}
	return out
}

// fillScript sets every blank to its label's value and tells form.js, as
// typing does.
func fillScript(values map[string]string) string {
	js, _ := json.Marshal(values)
	return `(() => { const v = ` + string(js) + `;
for (const b of document.querySelectorAll("[data-blank]")) {
  b.value = v[b.dataset.label];
  b.dispatchEvent(new Event("input", {bubbles: true}));
}
return true; })()`
}

// squeeze drops white space, which pdftotext puts where a line wraps.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// printPDF prints the current page as Chromium does on A4 and returns the
// text of each page.
func printPDF(t *testing.T, ctx context.Context, name string) []string {
	t.Helper()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if d := os.Getenv("FORM_SHOTS"); d != "" {
		dir = d
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(officetest.PDFText(t, path, "-raw"), "\f")
	return pages[:len(pages)-1] // pdftotext ends every page with a form feed
}

// TestPrintShowsEveryValueWhole fills every blank of both example templates
// with 30 characters or more, on the template page and in the print view,
// prints to PDF and finds each value whole in the PDF's text; the form
// leaves the notes (填报说明) to a page of their own, and the Zaozhuang form
// filled as in the issue fits one page.
func TestPrintShowsEveryValueWhole(t *testing.T) {
	base, site := serveExample(t)
	officetest.Need(t, "pdftotext", "poppler-utils")
	for _, tpl := range site.Templates {
		values := longValues(tpl)
		ctx := browsertest.New(t) // a session each, within browsertest.Timeout
		for _, view := range []string{"", "print/"} {
			name := tpl.ID + "-" + strings.TrimSuffix(view, "/")
			if view == "" {
				name += "page"
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(base+tpl.URL+view), chromedp.WaitReady(chromedp.CSS(".sheet.mirrored"))); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fillScript(values))); err != nil {
				t.Fatal(err)
			}
			checkPrinted(t, tpl, values, printPDF(t, ctx, name), name)
		}
		if tpl.ID == "zaozhuang-application" {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fillScript(issueValues(tpl)))); err != nil {
				t.Fatal(err)
			}
			pages := printPDF(t, ctx, tpl.ID+"-fits")
			checkPrinted(t, tpl, issueValues(tpl), pages, tpl.ID+" as filled in the issue")
			if len(pages) != 2 {
				t.Errorf("%s as filled in the issue takes %d pages before the notes, want 1", tpl.ID, len(pages)-1)
			}
		}
	}
}

// TestPrintWithoutJavaScript types into the print view with scripts off:
// each blank grows to show all it holds, and paper shows every character.
func TestPrintWithoutJavaScript(t *testing.T) {
	base, site := serveExample(t)
	officetest.Need(t, "pdftotext", "poppler-utils")
	ctx := browsertest.New(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, tpl := range site.Templates {
		values := longValues(tpl)
		if err := chromedp.Do(ctx, chromedp.Navigate(base+tpl.URL+"print/"), chromedp.WaitReady(chromedp.CSS(".sheet"))); err != nil {
			t.Fatal(err)
		}
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".sheet.mirrored").length`)); n != 0 {
			t.Fatal("scripts still ran; the test cannot see the page without JavaScript")
		}
		// Setting the value is what typing does to a textarea; no script of
		// the page hears it.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fillScript(values))); err != nil {
			t.Fatal(err)
		}
		// Each blank shows all it holds: nothing scrolled out of sight.
		hidden, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("[data-blank]")]
			.filter(b => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1)
			.map(b => b.dataset.label + " " + b.clientWidth + "×" + b.clientHeight + " < " + b.scrollWidth + "×" + b.scrollHeight)`))
		if err != nil {
			t.Fatal(err)
		}
		if len(hidden) > 0 {
			t.Errorf("%s without JavaScript: blanks hide part of their text: %v", tpl.ID, hidden)
		}
		checkPrinted(t, tpl, values, printPDF(t, ctx, tpl.ID+"-nojs"), tpl.ID+" without JavaScript")
	}
}

// checkPrinted finds every value whole on the pages before the notes, and
// the notes alone on the last page.
func checkPrinted(t *testing.T, tpl *model.Template, values map[string]string, pages []string, name string) {
	t.Helper()
	if len(pages) < 2 {
		t.Fatalf("%s: printed %d page(s), want the form and a page of notes", name, len(pages))
	}
	form := squeeze(strings.Join(pages[:len(pages)-1], ""))
	notes := squeeze(pages[len(pages)-1])
	if !strings.HasPrefix(notes, "填报说明") {
		t.Errorf("%s: the last page does not start with 填报说明:\n%s", name, pages[len(pages)-1])
	}
	if strings.Contains(form, "填报说明") || strings.Contains(form, "扫码") {
		t.Errorf("%s: the notes or the QR code print on the form's pages", name)
	}
	for label, v := range values {
		if !strings.Contains(form, squeeze(v)) {
			t.Errorf("%s: the printed form lacks %s's value %q whole", name, label, v)
		}
	}
}

// issueValues are the values the issue reported cut off — a 30-character
// school name, a landline, an e-mail address — with short ones elsewhere:
// a form filled so fits its one page.
func issueValues(tpl *model.Template) map[string]string {
	out := map[string]string{}
	for _, f := range tpl.Fields {
		switch {
		case strings.Contains(f.Label, "单位名称"):
			out[f.Label] = "枣庄市市中区实验幼儿园示例普惠性民办幼儿园附属分园"
		case strings.Contains(f.Label, "电话"):
			out[f.Label] = "0632-3317000"
		case strings.Contains(f.Label, "邮箱"):
			out[f.Label] = "szqyeyuan2021@163.com"
		default:
			out[f.Label] = "示例" + f.Label
		}
	}
	return out
}

// TestFormFitsPhoneAndSheet opens both template pages on a 360 px phone,
// where every blank must lie within the screen (the table reflows, label
// above blank), and at 1280 px, where nothing in the sheet may stick out of
// its A4 text block.
func TestFormFitsPhoneAndSheet(t *testing.T) {
	base, site := serveExample(t)
	ctx := browsertest.New(t)
	for _, tpl := range site.Templates {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile), chromedp.Navigate(base+tpl.URL), chromedp.WaitReady(chromedp.CSS(".sheet.mirrored"))); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fillScript(longValues(tpl)))); err != nil {
			t.Fatal(err)
		}
		out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("[data-blank]")]
			.map(b => [b, b.getBoundingClientRect()])
			.filter(([b, r]) => r.left < 0 || r.right > document.documentElement.clientWidth + 0.5 || r.width < 40)
			.map(([b, r]) => b.dataset.label + " " + Math.round(r.left) + "–" + Math.round(r.right))`))
		if err != nil {
			t.Fatal(err)
		}
		if len(out) > 0 {
			t.Errorf("%s at 360 px: %d blanks off-screen or squeezed: %v", tpl.ID, len(out), out)
		}
		if sw, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); sw > 360 {
			t.Errorf("%s at 360 px: the page is %d px wide", tpl.ID, sw)
		}
		shot(t, ctx, tpl.ID+"-360")

		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+tpl.URL), chromedp.WaitReady(chromedp.CSS(".sheet.mirrored"))); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fillScript(longValues(tpl)))); err != nil {
			t.Fatal(err)
		}
		type box struct {
			Text  string
			Right float64
			Block float64
		}
		var wide []box
		wide, err = chromedp.Run(ctx, chromedp.Evaluate[[]box](`(() => {
			const s = document.querySelector(".sheet"), r = s.getBoundingClientRect(), cs = getComputedStyle(s);
			const left = r.left + parseFloat(cs.paddingLeft), right = r.right - parseFloat(cs.paddingRight);
			return [...s.querySelectorAll("*")].filter(e => {
				const b = e.getBoundingClientRect();
				return b.width > 0 && (b.left < left - 0.5 || b.right > right + 0.5);
			}).map(e => ({Text: e.tagName + " " + (e.dataset.label || e.textContent.slice(0, 12)) + " in " + e.parentElement.className + " " + Math.round(e.getBoundingClientRect().width) + "px", Right: e.getBoundingClientRect().right, Block: right}));
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range wide {
			t.Errorf("%s at 1280 px: %s ends at %.0f px, past the text block's %.0f", tpl.ID, b.Text, b.Right, b.Block)
		}
		sheetMM, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(document.querySelector(".sheet-table") || document.body).getBoundingClientRect().width`))
		if err == nil && tpl.ID == "zaozhuang-application" && (sheetMM > 156*96/25.4+0.5 || sheetMM < 156*96/25.4-4) {
			t.Errorf("%s at 1280 px: the table is %.0f px wide, want the 156 mm text block (%.0f px)", tpl.ID, sheetMM, 156*96/25.4)
		}
		shot(t, ctx, tpl.ID+"-1280")
	}
}

// shot saves a screenshot into $FORM_SHOTS for a person to look at.
func shot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("FORM_SHOTS")
	if dir == "" {
		return
	}
	if err := browsertest.Screenshot(ctx, filepath.Join(dir, name+".png")); err != nil {
		t.Logf("screenshot: %v", err)
	}
}
