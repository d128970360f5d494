package docx

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"alliance/internal/model"
	"alliance/internal/testkit/officetest"
)

// everyBlank lists the blanks of t in document order, wherever they stand.
func everyBlank(t *model.Template) []*model.Blank {
	var out []*model.Blank
	runs := func(rs []model.Run) {
		for _, r := range rs {
			if r.Blank != nil {
				out = append(out, r.Blank)
			}
		}
	}
	for _, b := range t.Blocks {
		runs(b.Runs)
		for _, l := range b.Lines {
			runs(l)
		}
		for _, f := range b.Fields {
			out = append(out, f.Blank)
		}
		if b.Table != nil {
			for _, r := range b.Table.Rows {
				for _, c := range r.Cells {
					if c.Blank != nil {
						out = append(out, c.Blank)
					}
				}
			}
		}
	}
	return out
}

// The values the issue reported: a 30-character school name, a landline
// and an e-mail address; short names elsewhere. None holds a label, so a
// label found in the PDF is the label.
const (
	landline = "0632-3317000"
	email    = "szqyeyuan2021@163.com"
	longName = "枣庄市市中区示例普惠性民办幼儿园附属分园教学点实验基地"
)

func filledValues(t *model.Template) map[string]string {
	v := map[string]string{}
	for _, b := range everyBlank(t) {
		switch {
		case strings.Contains(b.Label, "电话"):
			v[b.ID] = landline
		case strings.Contains(b.Label, "邮箱"):
			v[b.ID] = email
		case strings.Contains(b.Label, "单位名称"):
			v[b.ID] = longName
		default:
			v[b.ID] = "示例"
		}
	}
	return v
}

// TestLibreOfficeLaysOutTheForm fills both documents as an applicant would,
// has LibreOffice print them to PDF and reads the pages back: every page is
// numbered — N — on the right of odd pages and the left of even ones; every
// label the layout keeps on one line is on one line; the landline is not
// broken at its hyphen; the notes take the last page alone, the Zaozhuang
// form one page before it; and the letter ends 此致 indented, 敬礼！ flush left.
func TestLibreOfficeLaysOutTheForm(t *testing.T) {
	officetest.Need(t, "soffice", "libreoffice-writer-nogui")
	officetest.Need(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	tpls := []*model.Template{hunan(), zaozhuang()}
	var files []string
	for _, tpl := range tpls {
		data, err := Template(tpl, WithValues(filledValues(tpl)))
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(dir, tpl.ID+".docx")
		if err := os.WriteFile(src, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, src)
	}
	officetest.Convert(t, filepath.Join(dir, "profile"), "pdf", dir, files...)
	number := regexp.MustCompile(`^(\s*)—\s*(\d+)\s*—\s*$`)
	for _, tpl := range tpls {
		pdf := filepath.Join(dir, tpl.ID+".pdf")
		if keep := os.Getenv("DOCX_KEEP"); keep != "" {
			os.WriteFile(filepath.Join(keep, tpl.ID+"-filled.pdf"), mustRead(t, pdf), 0o644)
		}
		pages := strings.Split(officetest.PDFText(t, pdf, "-layout"), "\f")
		pages = pages[:len(pages)-1]
		if len(pages) < 2 {
			t.Fatalf("%s: %d page(s), want the form and a page of notes", tpl.ID, len(pages))
		}
		width := 0 // the widest line, to tell left from right
		for _, p := range pages {
			for _, l := range strings.Split(p, "\n") {
				width = max(width, len([]rune(l)))
			}
		}
		for i, p := range pages {
			found := false
			for _, l := range strings.Split(p, "\n") {
				m := number.FindStringSubmatch(l)
				if m == nil {
					continue
				}
				found = true
				if m[2] != fmt.Sprint(i+1) {
					t.Errorf("%s page %d is numbered %s", tpl.ID, i+1, m[2])
				}
				indent := len([]rune(m[1]))
				if odd := i%2 == 0; odd && indent < width/2 || !odd && indent > width/4 {
					t.Errorf("%s page %d: the number stands %d columns in (line width %d); odd pages number on the right, even on the left", tpl.ID, i+1, indent, width)
				}
			}
			if !found {
				t.Errorf("%s page %d has no page number — N —:\n%s", tpl.ID, i+1, p)
			}
		}
		form := strings.Join(pages[:len(pages)-1], "\n")
		notes := pages[len(pages)-1]
		if strings.Contains(form, "填报说明") || !strings.Contains(notes, "填报说明") {
			t.Errorf("%s: the notes do not have the last page to themselves", tpl.ID)
		}
		if tpl.ID == "zaozhuang-application" && len(pages) != 2 {
			t.Errorf("%s: the form takes %d pages, want 1", tpl.ID, len(pages)-1)
		}
		for _, b := range tpl.Blocks {
			if b.Table == nil {
				continue
			}
			for _, r := range b.Table.Rows {
				for _, c := range r.Cells {
					if c.Text == "" || (c.Rowspan > 1 && ems(c.Text) > 5) {
						continue // a tall label over five characters may wrap
					}
					if !strings.Contains(form, c.Text) {
						t.Errorf("%s: label %s is split across lines", tpl.ID, c.Text)
					}
				}
			}
		}
		// The landline never breaks at its hyphen (0632-/3317000). Whether
		// it fits its cell whole depends on the font: Times New Roman's
		// digits do (TestAnswerColumnsAsWideAsTheirLabels), the DejaVu that
		// stands in for it without fonts-liberation may not.
		raw := strings.NewReplacer("\u2010", "-", "\u2011", "-").Replace(officetest.PDFText(t, pdf, "-raw"))
		for _, l := range strings.Split(raw, "\n") {
			if strings.HasSuffix(strings.TrimSpace(l), "0632-") {
				t.Errorf("%s: the landline breaks at its hyphen: %q", tpl.ID, l)
			}
		}
		if strings.Contains(strings.Join(strings.Fields(raw), ""), landline) && !strings.Contains(raw, landline) {
			t.Logf("%s: the landline %s wraps in its cell; is fonts-liberation installed?", tpl.ID, landline)
		}
		if tpl.ID == "hunan-application" {
			lines := strings.Split(form, "\n")
			ok := false
			for i, l := range lines {
				if strings.TrimSpace(l) != "此致" {
					continue
				}
				for _, next := range lines[i+1:] {
					if strings.TrimSpace(next) == "" {
						continue
					}
					ok = strings.TrimSpace(next) == "敬礼！" && indentOf(next) < indentOf(l)
					break
				}
			}
			if !ok {
				t.Errorf("%s: no 此致 on a line of its own followed by 敬礼！ further left:\n%s", tpl.ID, form)
			}
		}
	}
}

func indentOf(s string) int { return len([]rune(s)) - len([]rune(strings.TrimLeft(s, " "))) }
