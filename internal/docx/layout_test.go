package docx

import (
	"strings"
	"testing"

	"alliance/internal/model"
)

// TestPageNumbersAsGBT9704 checks the footers: — N — in 4号 (14 pt) 宋体 from
// a PAGE field, right-aligned on odd pages and left-aligned on even ones,
// with Word told to use different odd and even footers.
func TestPageNumbersAsGBT9704(t *testing.T) {
	parts, _ := build1(t, hunan())
	if !strings.Contains(parts["word/settings.xml"], "<w:evenAndOddHeaders/>") {
		t.Error("settings.xml does not turn on different odd and even footers")
	}
	rels := map[string]string{}
	for _, r := range parseXML(t, "rels", parts["word/_rels/document.xml.rels"]).all("Relationship") {
		rels[r.Attr["Id"]] = "word/" + r.Attr["Target"]
	}
	sect := parseXML(t, "document.xml", parts["word/document.xml"]).first("sectPr")
	if sect == nil {
		t.Fatal("document.xml has no sectPr")
	}
	footers := map[string]string{} // type → part
	for _, f := range sect.all("footerReference") {
		footers[f.Attr["type"]] = rels[f.Attr["id"]]
	}
	styles := parseXML(t, "styles.xml", parts["word/styles.xml"])
	for typ, align := range map[string]string{"default": "right", "even": "left"} {
		name := footers[typ]
		if parts[name] == "" {
			t.Errorf("no %s footer (references %v)", typ, footers)
			continue
		}
		ftr := parseXML(t, name, parts[name])
		if ftr.first("ftr") == nil {
			t.Errorf("%s is not a footer part", name)
		}
		if got := ftr.first("jc"); got == nil || got.Attr["val"] != align {
			t.Errorf("%s footer is not aligned %s", typ, align)
		}
		if ins := ftr.first("ind"); ins == nil || (ins.Attr[align] != "280") {
			t.Errorf("%s footer does not stand one character (14 pt) in from the %s", typ, align)
		}
		instr := ftr.first("instrText")
		if instr == nil || strings.TrimSpace(instr.Text) != "PAGE" {
			t.Errorf("%s footer has no PAGE field", typ)
		}
		if got := ftr.text(); got != "— 1 —" {
			t.Errorf("%s footer reads %q, want — 1 —", typ, got)
		}
		style := ftr.first("pStyle").Attr["val"]
		var rPr *node
		for _, s := range styles.all("style") {
			if s.Attr["styleId"] == style {
				rPr = s.child("rPr")
			}
		}
		if rPr == nil || rPr.child("sz").Attr["val"] != "28" || rPr.child("rFonts").Attr["ascii"] != fontBody || rPr.child("rFonts").Attr["eastAsia"] != fontBody {
			t.Errorf("%s footer's style %q is not 14 pt 宋体 throughout", typ, style)
		}
	}
}

// TestTitleIsErhao checks that the title is 二号 (22 pt) however long: the
// Hunan title, 21 characters, wraps rather than shrinking.
func TestTitleIsErhao(t *testing.T) {
	for _, tpl := range []*model.Template{hunan(), zaozhuang()} {
		parts, _ := build1(t, tpl)
		doc := parseXML(t, "document.xml", parts["word/document.xml"])
		for _, p := range doc.all("p") {
			if s := p.first("pStyle"); s != nil && s.Attr["val"] == "Title" {
				if sz := p.first("sz"); sz != nil {
					t.Errorf("%s: the title is set to %s half-points, want the style's 44", tpl.ID, sz.Attr["val"])
				}
			}
		}
		for _, s := range parseXML(t, "styles.xml", parts["word/styles.xml"]).all("style") {
			if s.Attr["styleId"] == "Title" && s.first("sz").Attr["val"] != "44" {
				t.Errorf("the Title style is %s half-points, want 44 (二号)", s.first("sz").Attr["val"])
			}
		}
	}
}

// TestClosingAsALetter checks the letter's ending: 此致 on its own line,
// indented two characters, and 敬礼！ on the next, flush left.
func TestClosingAsALetter(t *testing.T) {
	parts, _ := build1(t, hunan())
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	var got [][2]string
	for _, p := range doc.all("p") {
		if s := p.first("pStyle"); s != nil && strings.HasPrefix(s.Attr["val"], "Closing") {
			got = append(got, [2]string{s.Attr["val"], p.text()})
		}
	}
	want := [][2]string{{"ClosingFirst", "此致"}, {"Closing", "敬礼！"}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("closing paragraphs %v, want %v", got, want)
	}
	indent := map[string]string{}
	for _, s := range parseXML(t, "styles.xml", parts["word/styles.xml"]).all("style") {
		if ind := s.first("ind"); ind != nil {
			indent[s.Attr["styleId"]] = ind.Attr["firstLineChars"]
		}
	}
	if indent["ClosingFirst"] != "200" {
		t.Errorf("此致 is indented %q hundredths of a character, want 200", indent["ClosingFirst"])
	}
	if indent["Closing"] != "" {
		t.Errorf("敬礼！ is indented (%q); it stands flush left", indent["Closing"])
	}
}

// TestAnswerColumnsAsWideAsTheirLabels checks the Zaozhuang grid: the
// columns fill the text width, every label of one row fits its column on
// one line, and no blank is narrower than the label beside it — the answer
// columns for 电话, 固定电话 and 业务邮箱 were about 20 mm.
func TestAnswerColumnsAsWideAsTheirLabels(t *testing.T) {
	var tb *model.Table
	for _, b := range zaozhuang().Blocks {
		if b.Table != nil {
			tb = b.Table
		}
	}
	cols := gridWidths(tb)
	sum := 0
	for _, c := range cols {
		sum += c
	}
	if sum != textWidth {
		t.Errorf("columns add up to %d twips, want the text width %d", sum, textWidth)
	}
	width := func(pc placed) int {
		w := 0
		for _, c := range cols[pc.col : pc.col+max(pc.cell.Colspan, 1)] {
			w += c
		}
		return w
	}
	for r, row := range tableCells(tb) {
		for i, pc := range row {
			if pc.cell.Text != "" && pc.cell.Rowspan <= 1 {
				if need := int(ems(pc.cell.Text)*cellEm) + 2*cellMargin; width(pc) < need {
					t.Errorf("row %d: label %s has %d twips, needs %d for one line", r+1, pc.cell.Text, width(pc), need)
				}
			}
			if pc.cell.Blank == nil || i == 0 || row[i-1].cell.Text == "" {
				continue
			}
			label := row[i-1]
			if width(pc) < width(label) {
				t.Errorf("row %d: the blank for %s is %d twips, narrower than its label's %d", r+1, label.cell.Text, width(pc), width(label))
			}
			// A landline, 0632-3317000, in Times New Roman at 10.5 pt is
			// about 60 pt: it must fit on one line in the cell.
			if pc.cell.Colspan <= 1 && width(pc)-2*cellMargin < 60*20 {
				t.Errorf("row %d: the blank for %s leaves %.1f mm to write in", r+1, label.cell.Text, float64(width(pc)-2*cellMargin)/1440*25.4)
			}
		}
	}
}

// TestFilledHyphensDoNotBreak checks that a filled landline or address keeps
// its hyphens as Word's non-breaking hyphen, so 0632-3317000 cannot wrap
// after 0632-.
func TestFilledHyphensDoNotBreak(t *testing.T) {
	tpl := zaozhuang()
	var landline string
	for _, r := range tpl.Blocks[0].Table.Rows {
		for _, c := range r.Cells {
			if c.Blank != nil && c.Blank.Label == "固定电话" {
				landline = c.Blank.ID
			}
		}
	}
	parts, _ := build1(t, tpl, WithValues(map[string]string{landline: "0632-3317000", "f1": "A-B-C"}))
	doc := parts["word/document.xml"]
	if strings.Contains(doc, "0632-") || strings.Contains(doc, "A-B") {
		t.Error("a filled value keeps a breakable hyphen")
	}
	if !strings.Contains(doc, "0632</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">3317000") {
		t.Error("the landline's hyphen is not a w:noBreakHyphen")
	}
	parseXML(t, "document.xml", doc)
}
