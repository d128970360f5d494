package docx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"alliance/internal/model"
)

func build1(t *testing.T, tpl *model.Template, opts ...Option) (map[string]string, []string) {
	t.Helper()
	data, err := Template(tpl, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return unzip(t, data)
}

func TestPackageParts(t *testing.T) {
	parts, order := build1(t, hunan())
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
		"word/_rels/document.xml.rels", "word/document.xml", "word/footer1.xml", "word/footer2.xml", "word/fontTable.xml", "word/settings.xml", "word/styles.xml"}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("parts %v, want %v ([Content_Types].xml first)", order, want)
	}
	for name, s := range parts {
		parseXML(t, name, s)
	}
	// Every part the relationships name exists and has a content type.
	ct := parseXML(t, "ct", parts["[Content_Types].xml"])
	types := map[string]bool{}
	for _, o := range ct.all("Override") {
		types[strings.TrimPrefix(o.Attr["PartName"], "/")] = true
	}
	for _, rels := range []struct{ name, dir string }{{"_rels/.rels", ""}, {"word/_rels/document.xml.rels", "word/"}} {
		for _, r := range parseXML(t, rels.name, parts[rels.name]).all("Relationship") {
			target := rels.dir + r.Attr["Target"]
			if _, ok := parts[target]; !ok {
				t.Errorf("%s names %s, which is not in the package", rels.name, target)
			}
			if !types[target] {
				t.Errorf("%s has no content type override", target)
			}
		}
	}
}

func TestPageIsA4WithOfficialMargins(t *testing.T) {
	parts, _ := build1(t, zaozhuang())
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	sect := doc.first("sectPr")
	if sect == nil {
		t.Fatal("no w:sectPr")
	}
	sz, mar := sect.child("pgSz"), sect.child("pgMar")
	if sz == nil || mar == nil {
		t.Fatal("w:sectPr lacks w:pgSz or w:pgMar")
	}
	if sz.Attr["w"] != "11906" || sz.Attr["h"] != "16838" || sz.Attr["orient"] == "landscape" {
		t.Errorf("page size %v, want A4 portrait 11906×16838 twips", sz.Attr)
	}
	// GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
	mm := map[string]float64{"top": 37, "bottom": 35, "left": 28, "right": 26}
	for side, want := range mm {
		got, err := strconv.Atoi(mar.Attr[side])
		if err != nil {
			t.Fatalf("pgMar %s = %q", side, mar.Attr[side])
		}
		if d := float64(got)*25.4/1440 - want; d < -0.1 || d > 0.1 {
			t.Errorf("%s margin %d twips = %.2f mm, want %.0f mm", side, got, float64(got)*25.4/1440, want)
		}
	}
	if mar.Attr["top"] != "2098" || mar.Attr["left"] != "1588" {
		t.Errorf("pgMar top/left = %s/%s, want 2098/1588", mar.Attr["top"], mar.Attr["left"])
	}
}

func TestChineseFonts(t *testing.T) {
	parts, _ := build1(t, hunan())
	st := parseXML(t, "styles.xml", parts["word/styles.xml"])
	def := st.first("rPrDefault").first("rFonts")
	if def.Attr["eastAsia"] != "宋体" {
		t.Errorf("body East Asian font %q, want 宋体", def.Attr["eastAsia"])
	}
	if def.Attr["ascii"] != "Times New Roman" || def.Attr["hAnsi"] != "Times New Roman" {
		t.Errorf("body Latin fonts %v, want Times New Roman for ascii and hAnsi", def.Attr)
	}
	if lang := st.first("rPrDefault").first("lang"); lang == nil || lang.Attr["eastAsia"] != "zh-CN" {
		t.Error("default language is not zh-CN for East Asian text")
	}
	styleFont := map[string]string{}
	for _, s := range st.all("style") {
		if f := s.first("rFonts"); f != nil {
			styleFont[s.Attr["styleId"]] = f.Attr["eastAsia"]
		}
	}
	for id, want := range map[string]string{"Title": "方正小标宋简体", "Heading1": "黑体"} {
		if styleFont[id] != want {
			t.Errorf("style %s East Asian font %q, want %q", id, styleFont[id], want)
		}
	}
	// Each Chinese face is described so that a suite without it substitutes
	// a Chinese face: GB2312 charset and alternative names.
	ft := parseXML(t, "fontTable.xml", parts["word/fontTable.xml"])
	fonts := map[string]*node{}
	for _, f := range ft.all("font") {
		fonts[f.Attr["name"]] = f
	}
	for _, name := range []string{"宋体", "黑体", "方正小标宋简体"} {
		f := fonts[name]
		if f == nil {
			t.Errorf("fontTable lacks %s", name)
			continue
		}
		if f.child("charset") == nil || f.child("charset").Attr["val"] != "86" {
			t.Errorf("font %s: charset is not 86 (GB2312)", name)
		}
		if f.child("altName") == nil || f.child("altName").Attr["val"] == "" {
			t.Errorf("font %s: no altName fallback", name)
		}
	}
	if alt := fonts["方正小标宋简体"].child("altName").Attr["val"]; !strings.Contains(alt, "宋体") {
		t.Errorf("title font falls back to %q; want a list ending in 宋体", alt)
	}
	// Paragraphs use the styles.
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	used := map[string]int{}
	for _, p := range doc.all("pStyle") {
		used[p.Attr["val"]]++
	}
	for _, id := range []string{"Title", "Heading1", "Body", "SignatureFirst", "Field"} {
		if used[id] == 0 {
			t.Errorf("no paragraph uses style %s", id)
		}
		if _, ok := styleFont[id]; !ok && !strings.Contains(parts["word/styles.xml"], `w:styleId="`+id+`"`) {
			t.Errorf("style %s is used but not defined", id)
		}
	}
}

// paragraphs returns the text of every w:p.
func paragraphs(doc *node) []string {
	var out []string
	for _, p := range doc.all("p") {
		out = append(out, p.text())
	}
	return out
}

func TestEveryLabelIsPresent(t *testing.T) {
	for _, tpl := range []*model.Template{hunan(), zaozhuang()} {
		t.Run(tpl.ID, func(t *testing.T) {
			parts, _ := build1(t, tpl)
			doc := parseXML(t, "document.xml", parts["word/document.xml"])
			paras := paragraphs(doc)
			all := strings.Join(paras, "\n")
			want := []string{tpl.Title}
			if tpl.Addressee != "" {
				want = append(want, tpl.Addressee)
			}
			for _, b := range tpl.Blocks {
				switch b.Kind {
				case model.BlockHeading:
					want = append(want, b.Number+b.Runs[0].Text)
				case model.BlockParagraph, model.BlockSignature:
					lines := b.Lines
					if b.Kind == model.BlockParagraph {
						lines = [][]model.Run{b.Runs}
					}
					for _, l := range lines {
						for _, r := range l {
							if r.Text != "" {
								want = append(want, r.Text)
							}
						}
					}
				case model.BlockFields:
					for _, f := range b.Fields {
						want = append(want, f.Label+"：")
					}
				case model.BlockTable:
					for _, r := range b.Table.Rows {
						for _, c := range r.Cells {
							if c.Text != "" {
								want = append(want, c.Text)
							}
						}
					}
				}
			}
			want = append(want, "填报说明", tpl.Submission.Method)
			want = append(want, tpl.Submission.Notes...)
			for _, w := range want {
				if !strings.Contains(all, w) {
					t.Errorf("document lacks %q", w)
				}
			}
			if tpl.Submission.Email != "" && !strings.Contains(all, "报送邮箱："+tpl.Submission.Email) {
				t.Error("document lacks the e-mail address")
			}
		})
	}
}

func TestSubmissionInstructions(t *testing.T) {
	tpl := hunan()
	parts, _ := build1(t, tpl, WithPageURL("https://example.org/templates/hunan-application/"))
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	paras := paragraphs(doc)
	i := 0
	for i < len(paras) && paras[i] != "填报说明" {
		i++
	}
	if i == len(paras) {
		t.Fatal("no 填报说明 heading")
	}
	got := strings.Join(paras[i+1:], "\n")
	want := "1. 报送方式：" + tpl.Submission.Method + "\n2. 报送邮箱：104460625@qq.com\n3. 截止时间：2024年4月30日\n" +
		"4. 文件命名：共同体+单位名称\n5. " + tpl.Submission.Notes[0] + "\n6. 在线填写及下载：https://example.org/templates/hunan-application/"
	if got != want {
		t.Errorf("instructions:\n%s\nwant:\n%s", got, want)
	}
	// The instructions come after the form, the last paragraphs of the body.
	if sig := strings.Index(parts["word/document.xml"], "申请日期"); sig > strings.Index(parts["word/document.xml"], "填报说明") {
		t.Error("instructions come before the date line")
	}
}

func TestDeadlineWithTime(t *testing.T) {
	d := &model.Deadline{Time: hunan().Submission.Deadline.Time.Add(-7 * 3600e9).Truncate(60e9), HasTime: true}
	if got := DeadlineText(d); got != "2024年4月30日 16:59" {
		t.Errorf("DeadlineText = %q", got)
	}
}

func TestInlineBlanksAreUnderlinedGaps(t *testing.T) {
	tpl := hunan()
	parts, _ := build1(t, tpl)
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	var gaps []string
	for _, r := range doc.all("r") {
		if rp := r.child("rPr"); rp != nil && rp.child("u") != nil && rp.child("u").Attr["val"] == "single" {
			gaps = append(gaps, r.text())
		}
	}
	var want []string
	for _, b := range tpl.Blocks {
		for _, l := range append([][]model.Run{b.Runs}, b.Lines...) {
			for _, r := range l {
				if r.Blank != nil {
					want = append(want, Gap(BlankWidth(r.Blank, false)))
				}
			}
		}
		for _, f := range b.Fields {
			want = append(want, Gap(BlankWidth(f.Blank, true)))
		}
	}
	if fmt.Sprint(gaps) != fmt.Sprint(want) {
		t.Errorf("underlined gaps (in full-width spaces):\n%q\nwant\n%q", gaps, want)
	}
	if len(want) != 13 {
		t.Fatalf("fixture has %d blanks, expected 13", len(want))
	}
	if !strings.Contains(parts["word/settings.xml"], "<w:ulTrailSpace/>") {
		t.Error("settings do not underline trailing spaces; a gap at the end of a line would vanish in Word")
	}
}

// tcShape is what the test expects of one w:tc.
type tcShape struct {
	span  int
	merge string // "", "restart" or "continue"
	text  string
}

// expectedGrid lays the model's cells on a grid, as a reader of the printed
// form sees it, and lists the w:tc each row must hold.
func expectedGrid(tb *model.Table) [][]tcShape {
	type at struct{ row, col, idx int }
	grid := make([][]*at, len(tb.Rows))
	for i := range grid {
		grid[i] = make([]*at, tb.Columns)
	}
	for r, row := range tb.Rows {
		col := 0
		for i, c := range row.Cells {
			for grid[r][col] != nil {
				col++
			}
			o := &at{r, col, i}
			for dr := 0; dr < c.Rowspan; dr++ {
				for dc := 0; dc < c.Colspan; dc++ {
					grid[r+dr][col+dc] = o
				}
			}
		}
	}
	out := make([][]tcShape, len(tb.Rows))
	for r := range grid {
		for col := 0; col < tb.Columns; col++ {
			o := grid[r][col]
			if o.col != col {
				continue
			}
			c := tb.Rows[o.row].Cells[o.idx]
			s := tcShape{span: c.Colspan}
			switch {
			case o.row < r:
				s.merge = "continue"
			case c.Rowspan > 1:
				s.merge, s.text = "restart", c.Text
			default:
				s.text = c.Text
			}
			out[r] = append(out[r], s)
		}
	}
	return out
}

func TestMergedCellsMatchTheModel(t *testing.T) {
	tpl := zaozhuang()
	tb := tpl.Blocks[0].Table
	parts, _ := build1(t, tpl)
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	tbls := doc.all("tbl")
	if len(tbls) != 1 {
		t.Fatalf("%d tables, want 1", len(tbls))
	}
	grid := tbls[0].child("tblGrid").all("gridCol")
	if len(grid) != 7 {
		t.Fatalf("%d grid columns, want 7", len(grid))
	}
	total := 0
	for _, g := range grid {
		n, _ := strconv.Atoi(g.Attr["w"])
		total += n
	}
	if total != textWidth {
		t.Errorf("grid is %d twips wide, want the text width %d", total, textWidth)
	}
	rows := tbls[0].all("tr")
	want := expectedGrid(tb)
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	spans, restarts, continues := 0, 0, 0
	for r, tr := range rows {
		var got []tcShape
		width := 0
		for _, tc := range tr.all("tc") {
			s := tcShape{span: 1, text: tc.text()}
			if g := tc.child("tcPr").child("gridSpan"); g != nil {
				s.span, _ = strconv.Atoi(g.Attr["val"])
				spans++
			}
			if v := tc.child("tcPr").child("vMerge"); v != nil {
				s.merge = "continue"
				if v.Attr["val"] == "restart" {
					s.merge = "restart"
					restarts++
				} else {
					continues++
				}
			}
			width += s.span
			got = append(got, s)
		}
		if width != 7 {
			t.Errorf("row %d spans %d grid columns, want 7", r+1, width)
		}
		if fmt.Sprint(got) != fmt.Sprint(want[r]) {
			t.Errorf("row %d cells\n%v\nwant\n%v", r+1, got, want[r])
		}
	}
	// Counted straight from the model: every rowspan starts one merge and
	// continues it rowspan-1 times; every colspan is a gridSpan in each row
	// it covers.
	wantSpans, wantRestarts, wantContinues := 0, 0, 0
	for _, row := range tb.Rows {
		for _, c := range row.Cells {
			if c.Colspan > 1 {
				wantSpans += c.Rowspan
			}
			if c.Rowspan > 1 {
				wantRestarts++
				wantContinues += c.Rowspan - 1
			}
		}
	}
	if spans != wantSpans || restarts != wantRestarts || continues != wantContinues {
		t.Errorf("gridSpan %d, vMerge restart %d, continue %d; the model has %d, %d, %d",
			spans, restarts, continues, wantSpans, wantRestarts, wantContinues)
	}
	if wantRestarts != 7 || wantContinues != 10 {
		t.Fatalf("fixture changed: %d restarts, %d continues", wantRestarts, wantContinues)
	}
	// Rows with a three-line blank are taller than one-line rows.
	h := func(r int) int {
		n, _ := strconv.Atoi(rows[r].first("trHeight").Attr["val"])
		return n
	}
	if h(7) <= h(0) || h(10) <= h(9) {
		t.Errorf("rows with multi-line blanks are not taller: %d vs %d, %d vs %d", h(7), h(0), h(10), h(9))
	}
}

func TestTableThatDoesNotFillTheGridIsAnError(t *testing.T) {
	tpl := zaozhuang()
	rows := tpl.Blocks[0].Table.Rows
	rows[2].Cells = rows[2].Cells[:5] // drop the last blank
	if _, err := Template(tpl); err == nil || !strings.Contains(err.Error(), "row 3") {
		t.Errorf("err = %v, want one naming row 3", err)
	}
	tpl = zaozhuang()
	tpl.Blocks[0].Table.Rows[1].Cells[1].Colspan = 4
	if _, err := Template(tpl); err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Errorf("err = %v, want one naming row 2", err)
	}
}

func TestSameInputSameBytes(t *testing.T) {
	for _, tpl := range []*model.Template{hunan(), zaozhuang()} {
		a, err := Template(tpl)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Template(tpl)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ", tpl.ID)
		}
		v := map[string]string{"f1": "枣庄", "f3": "第一行\n第二行"}
		c, _ := Template(tpl, WithValues(v))
		d, _ := Template(tpl, WithValues(v))
		if !bytes.Equal(c, d) || bytes.Equal(a, c) {
			t.Errorf("%s: filled builds differ from each other or equal the blank one", tpl.ID)
		}
	}
}

func TestEscaping(t *testing.T) {
	tpl := hunan()
	tpl.Title = `A&B <申请书> "引号" \x01` + "\x01\x0b"
	tpl.Blocks[0].Runs[0].Text = "R&D </w:t>"
	data, err := Template(tpl, WithValues(map[string]string{"f1": "<b>&amp;</b>\x00", "f2": "  \u3000 "}))
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, data)
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	paras := paragraphs(doc)
	if paras[0] != `A&B <申请书> "引号" \x01` {
		t.Errorf("title read back as %q", paras[0])
	}
	if !strings.HasPrefix(paras[3], "R&D </w:t>\u3000<b>&amp;</b>\u3000市") {
		t.Errorf("first paragraph read back as %q", paras[3])
	}
	// A value of only spaces leaves the gap as it was.
	if !strings.Contains(paras[3], "市"+Gap(6)+"县") {
		t.Errorf("blank of spaces was not left as a gap: %q", paras[3])
	}
	core := parseXML(t, "core.xml", parts["docProps/core.xml"])
	if got := core.first("title").Text; got != paras[0] {
		t.Errorf("core title %q", got)
	}
}

func TestFilledValues(t *testing.T) {
	tpl := zaozhuang()
	v := map[string]string{
		"f1":  "枣庄市实验幼儿园",
		"f16": "共建课程资源\r\n开展联合教研",
		"f3":  "市中区\n文化路1号", // one-line blank: the newline becomes a space
	}
	parts, _ := build1(t, tpl, WithValues(v))
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	cells := map[string]string{}
	var prev string
	for _, tc := range doc.all("tc") {
		txt := tc.text()
		if prev != "" && txt != "" {
			cells[prev] = txt
		}
		prev = txt
	}
	for label, want := range map[string]string{"单位名称": "枣庄市实验幼儿园", "通讯地址": "市中区 文化路1号", "联盟项目内容": "共建课程资源\n开展联合教研"} {
		if cells[label] != want {
			t.Errorf("cell after %s holds %q, want %q", label, cells[label], want)
		}
	}
	// Table blanks are not underlined: the cell borders are the gap.
	if strings.Contains(parts["word/document.xml"], `<w:u w:val="single"/>`) {
		t.Error("a table cell value is underlined")
	}
}

// TestKitFillsLikeTemplate fills the kit the way form.js does, using only
// what the JSON holds, and checks the result against Template with the same
// values: the browser's download must be the same document.
func TestKitFillsLikeTemplate(t *testing.T) {
	for _, tpl := range []*model.Template{hunan(), zaozhuang()} {
		t.Run(tpl.ID, func(t *testing.T) {
			data, err := Kit(tpl, WithPageURL("https://example.org/x/"), WithCreator("秘书处"))
			if err != nil {
				t.Fatal(err)
			}
			var k struct {
				Version  int
				ID       string
				FileName string
				BR       string `json:"br"`
				Parts    []struct{ Name, Text string }
				Slots    []struct {
					ID, Label, Empty, Filled string
					Lines                    int
				}
			}
			if err := json.Unmarshal(data, &k); err != nil {
				t.Fatal(err)
			}
			if k.Version != KitVersion || k.ID != tpl.ID || !strings.HasSuffix(k.FileName, ".docx") {
				t.Errorf("kit header %d %q %q", k.Version, k.ID, k.FileName)
			}
			values := map[string]string{}
			for i, s := range k.Slots {
				if i%2 == 0 {
					values[s.ID] = fmt.Sprintf("值%d <&>\n行二", i)
				}
			}
			if len(k.Slots) != 13 && len(k.Slots) != 19 {
				t.Errorf("kit has %d slots", len(k.Slots))
			}
			want, _ := build1(t, tpl, WithValues(values), WithPageURL("https://example.org/x/"), WithCreator("秘书处"))
			for _, p := range k.Parts {
				pieces := strings.Split(p.Text, "\x00")
				for j := 1; j < len(pieces); j += 2 {
					n, _ := strconv.Atoi(pieces[j])
					s := k.Slots[n]
					if v := fillValue(values[s.ID], s.Lines > 1); v != "" {
						pieces[j] = strings.Replace(s.Filled, "\x01", v, 1)
					} else {
						pieces[j] = s.Empty
					}
				}
				if got := strings.Join(pieces, ""); got != want[p.Name] {
					t.Errorf("%s filled from the kit differs from Template's", p.Name)
				}
			}
			if len(k.Parts) != len(want) {
				t.Errorf("kit has %d parts, the .docx %d", len(k.Parts), len(want))
			}
		})
	}
}
