package docx

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"alliance/internal/model"
)

// Page geometry in twips (1/1440 inch). A4 portrait; margins after GB/T
// 9704-2012 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), rounded as
// Word and WPS round them in their official-document templates.
const (
	pageWidth    = 11906
	pageHeight   = 16838
	marginTop    = 2098
	marginBottom = 1984
	marginLeft   = 1588
	marginRight  = 1474
	textWidth    = pageWidth - marginLeft - marginRight
	// footerDistance puts the page number's line about 7 mm below the text
	// block, as GB/T 9704 places it: 35 mm − 7 mm − a 14 pt line.
	footerDistance = 1247
	cellMargin     = 57 // left and right padding of table cells, 1 mm
)

// Blank widths in full-width characters when the template gives none.
const (
	defaultWidth      = 6
	defaultFieldWidth = 12 // a fields block line has room for a phone number
)

// BlankWidth is the width of b in full-width characters: its own, or the
// default for where it stands. The page layouts use the same numbers.
func BlankWidth(b *model.Blank, inFields bool) int {
	switch {
	case b.Width > 0:
		return b.Width
	case inFields:
		return defaultFieldWidth
	}
	return defaultWidth
}

// slot is a blank's place in the document: what stands there while the blank
// is empty, and the run that takes the applicant's value.
type slot struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Lines  int    `json:"lines"`
	Empty  string `json:"empty"`
	Filled string `json:"filled"` // valueMark marks where the value goes
}

// draft is a document whose blanks are still slots.
type draft struct {
	parts []part // document.xml holds slotMark N slotMark for slot N
	slots []slot
}

// fill replaces every slot by its empty or filled form.
func (d *draft) fill(values map[string]string) []part {
	out := make([]part, len(d.parts))
	for i, p := range d.parts {
		out[i] = p
		if !strings.Contains(p.Text, slotMark) {
			continue
		}
		pieces := strings.Split(p.Text, slotMark)
		var b strings.Builder
		for j, piece := range pieces {
			if j%2 == 0 {
				b.WriteString(piece)
				continue
			}
			n, _ := strconv.Atoi(piece)
			s := d.slots[n]
			if v := fillValue(values[s.ID], s.Lines > 1); v != "" {
				b.WriteString(strings.Replace(s.Filled, valueMark, v, 1))
			} else {
				b.WriteString(s.Empty)
			}
		}
		out[i].Text = b.String()
	}
	return out
}

// body writes word/document.xml.
type body struct {
	b     strings.Builder
	slots []slot
}

func (w *body) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

// Underlined run properties for filled blanks in running text.
const underline = `<w:rPr><w:u w:val="single"/></w:rPr>`

// gapProps underlines an empty blank and sets its no-break spaces in Times
// New Roman, whose space is a quarter em in Word, WPS and LibreOffice alike
// (LibreOffice substitutes the metric-compatible Liberation Serif).
const gapProps = `<w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:hint="default"/><w:u w:val="single"/></w:rPr>`

// Gap is the text of an empty blank width full-width characters wide: four
// quarter-em no-break spaces per character, with a zero-width space between
// characters. Ordinary spaces, even ideographic ones, vanish at the end of a
// line (a right-aligned stamp line loses its gap entirely); no-break spaces
// do not, and the zero-width spaces let a long gap continue on the next line
// instead of pulling a half-empty, over-stretched line behind it.
func Gap(width int) string {
	unit := "\u00a0\u00a0\u00a0\u00a0"
	if width < 1 {
		width = 1
	}
	return strings.Repeat(unit+"\u200b", width-1) + unit
}

// blank writes a slot for b: an underlined gap in running text, or nothing
// (the cell's borders are the gap) in a table cell.
func (w *body) blank(b *model.Blank, inCell, inFields bool) {
	s := slot{ID: b.ID, Label: b.Label, Lines: max(b.Lines, 1)}
	if inCell {
		s.Filled = `<w:r><w:t xml:space="preserve">` + valueMark + `</w:t></w:r>`
	} else {
		gap := Gap(BlankWidth(b, inFields))
		lines := make([]string, s.Lines)
		for i := range lines {
			lines[i] = gap
		}
		s.Empty = `<w:r>` + gapProps + `<w:t xml:space="preserve">` + strings.Join(lines, lineBreak) + `</w:t></w:r>`
		s.Filled = `<w:r>` + underline + `<w:t xml:space="preserve">` + "\u3000" + valueMark + "\u3000" + `</w:t></w:r>`
	}
	w.printf("%s%d%s", slotMark, len(w.slots), slotMark)
	w.slots = append(w.slots, s)
}

// text writes a plain run; line breaks in s become w:br.
func (w *body) text(s, rPr string) {
	if s == "" {
		return
	}
	w.printf(`<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>`, rPr, strings.ReplaceAll(escape(s), "\n", lineBreak))
}

func (w *body) runs(rs []model.Run, inFields bool) {
	for _, r := range rs {
		if r.Blank != nil {
			w.blank(r.Blank, false, inFields)
		} else {
			w.text(r.Text, "")
		}
	}
}

func (w *body) para(style string, write func()) {
	w.printf(`<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>`, style)
	write()
	w.b.WriteString(`</w:p>`)
}

// build lays out the whole document with its blanks as slots.
func build(t *model.Template, o options) (*draft, error) {
	w := &body{}
	w.b.WriteString(xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	// The title is 二号 (22 pt) as GB/T 9704 sets it; a long one wraps.
	w.para("Title", func() { w.text(t.Title, "") })
	if t.Subtitle != "" {
		w.para("Subtitle", func() { w.text(t.Subtitle, "") })
	}
	if t.Addressee != "" {
		w.para("Addressee", func() { w.text(t.Addressee, "") })
	}
	for i, blk := range t.Blocks {
		switch blk.Kind {
		case model.BlockHeading:
			w.para("Heading1", func() {
				w.text(HeadingNumber(blk.Number), "")
				w.runs(blk.Runs, false)
			})
		case model.BlockParagraph:
			w.para("Body", func() { w.runs(blk.Runs, false) })
		case model.BlockSignature:
			for j, line := range blk.Lines {
				style := "Signature"
				if j == 0 {
					style = "SignatureFirst"
				}
				w.para(style, func() { w.runs(line, false) })
			}
		case model.BlockClosing:
			for j, line := range blk.Lines {
				style := "Closing"
				if j == 0 {
					style = "ClosingFirst"
				}
				w.para(style, func() { w.runs(line, false) })
			}
		case model.BlockFields:
			for _, f := range blk.Fields {
				w.para("Field", func() {
					w.text(f.Label+"：", "")
					if f.Blank != nil {
						w.blank(f.Blank, false, true)
					}
				})
			}
		case model.BlockTable:
			if err := w.table(blk.Table); err != nil {
				return nil, fmt.Errorf("docx: %s: block %d: %w", t.ID, i+1, err)
			}
		default:
			return nil, fmt.Errorf("docx: %s: block %d: unknown kind %q", t.ID, i+1, blk.Kind)
		}
	}
	w.instructions(&t.Submission, o.pageURL)
	w.printf(`<w:sectPr><w:footerReference w:type="default" r:id="%s"/><w:footerReference w:type="even" r:id="%s"/>`, relFooterOdd, relFooterEven)
	w.printf(`<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>`,
		pageWidth, pageHeight, marginTop, marginRight, marginBottom, marginLeft, footerDistance)
	w.b.WriteString(`</w:body></w:document>`)

	parts := []part{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/app.xml", appXML(o.creator)},
		{"docProps/core.xml", coreXML(t, o.creator)},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", w.b.String()},
		{"word/footer1.xml", footerOdd},
		{"word/footer2.xml", footerEven},
		{"word/fontTable.xml", fontTable},
		{"word/settings.xml", settings},
		{"word/styles.xml", styles},
	}
	return &draft{parts: parts, slots: w.slots}, nil
}

// HeadingNumber is a heading's number as printed: 一 becomes 一、; a number
// that already ends in a separator stays as it is.
func HeadingNumber(n string) string {
	if n == "" || strings.HasSuffix(n, "、") || strings.HasSuffix(n, "．") || strings.HasSuffix(n, ".") {
		return n
	}
	return n + "、"
}

// instructions writes the submission instructions (填报说明) after the form:
// how and where to send it, by when, how to name the file, and the notes.
func (w *body) instructions(s *model.Submission, pageURL string) {
	items := Instructions(s)
	if pageURL != "" {
		items = append(items, "在线填写及下载："+pageURL)
	}
	if len(items) == 0 {
		return
	}
	w.para("NoteHeading", func() { w.text("填报说明", "") })
	for i, it := range items {
		w.para("Note", func() { w.text(strconv.Itoa(i+1)+". "+it, "") })
	}
}

// Instructions lists the submission instructions as lines of text, in the
// order the form prints them.
func Instructions(s *model.Submission) []string {
	var items []string
	if s.Method != "" {
		items = append(items, "报送方式："+s.Method)
	}
	if s.Email != "" {
		items = append(items, "报送邮箱："+s.Email)
	}
	if s.Address != "" {
		items = append(items, "邮寄地址："+s.Address)
	}
	if s.Deadline != nil {
		items = append(items, "截止时间："+DeadlineText(s.Deadline))
	}
	if s.FileName != "" {
		items = append(items, "文件命名："+s.FileName)
	}
	items = append(items, s.Notes...)
	if s.Notice != nil && s.Notice.Title != "" {
		items = append(items, "相关通知："+s.Notice.Title)
	}
	return items
}

// DeadlineText writes a deadline as on Chinese official documents:
// 2024年4月30日, or 2023年12月31日 17:00 when it has a time of day, as the
// pages write it.
func DeadlineText(d *model.Deadline) string {
	if d.HasTime {
		return d.Time.Format("2006年1月2日 15:04")
	}
	// A date-only deadline is stored as the last instant of its day.
	return d.Time.Format("2006年1月2日")
}

// table writes a table form. Word has no rowspan: a cell merged from the row
// above is a cell of its own marked vMerge, with the same gridSpan as the
// cell it continues, so the grid is walked column by column.
func (w *body) table(tb *model.Table) error {
	if tb == nil || tb.Columns < 1 {
		return fmt.Errorf("a table needs at least one column")
	}
	cols := gridWidths(tb)
	w.printf(`<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>`, textWidth)
	w.b.WriteString(`<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>`)
	w.b.WriteString(`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="` + strconv.Itoa(cellMargin) + `" w:type="dxa"/><w:right w:w="` + strconv.Itoa(cellMargin) + `" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		w.printf(`<w:gridCol w:w="%d"/>`, c)
	}
	w.b.WriteString(`</w:tblGrid>`)

	// below[c] says that a cell from a row above, starting at column start
	// and colspan wide, still covers column c for rows more rows.
	type cover struct{ start, colspan, rows int }
	below := make([]cover, tb.Columns)
	for r, row := range tb.Rows {
		lines := 1
		for _, c := range row.Cells {
			if c.Blank != nil && c.Rowspan <= 1 {
				lines = max(lines, c.Blank.Lines)
			}
		}
		w.printf(`<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="%d" w:hRule="atLeast"/></w:trPr>`, rowHeight(lines))
		next := 0
		for col := 0; col < tb.Columns; {
			if cv := below[col]; cv.rows > 0 {
				if cv.start != col {
					return fmt.Errorf("row %d: a merged cell from above does not line up at column %d", r+1, col+1)
				}
				for k := col; k < col+cv.colspan; k++ {
					below[k].rows--
				}
				w.cellStart(cols, col, cv.colspan, `<w:vMerge/>`)
				w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Cell"/></w:pPr></w:p></w:tc>`)
				col += cv.colspan
				continue
			}
			if next >= len(row.Cells) {
				return fmt.Errorf("row %d leaves columns %d–%d empty", r+1, col+1, tb.Columns)
			}
			c := row.Cells[next]
			next++
			span, rows := max(c.Colspan, 1), max(c.Rowspan, 1)
			if col+span > tb.Columns {
				return fmt.Errorf("row %d: cell %d runs past column %d", r+1, next, tb.Columns)
			}
			for k := col; k < col+span; k++ {
				if below[k].rows > 0 {
					return fmt.Errorf("row %d: cell %d overlaps a cell merged from above at column %d", r+1, next, k+1)
				}
			}
			merge := ""
			if rows > 1 {
				if r+rows > len(tb.Rows) {
					return fmt.Errorf("row %d: cell %d spans past the last row", r+1, next)
				}
				merge = `<w:vMerge w:val="restart"/>`
				for k := col; k < col+span; k++ {
					below[k] = cover{start: col, colspan: span, rows: rows - 1}
				}
			}
			w.cellStart(cols, col, span, merge)
			switch {
			case c.Blank != nil:
				w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CellBlank"/></w:pPr>`)
				w.blank(c.Blank, true, false)
			case c.Header:
				w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CellHeader"/></w:pPr>`)
				w.text(c.Text, "")
			default:
				w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Cell"/></w:pPr>`)
				w.text(c.Text, "")
			}
			w.b.WriteString(`</w:p></w:tc>`)
			col += span
		}
		if next < len(row.Cells) {
			return fmt.Errorf("row %d has %d cells more than the %d columns hold", r+1, len(row.Cells)-next, tb.Columns)
		}
		w.b.WriteString(`</w:tr>`)
	}
	w.b.WriteString(`</w:tbl>`)
	return nil
}

func (w *body) cellStart(cols []int, col, span int, merge string) {
	width := 0
	for _, c := range cols[col : col+span] {
		width += c
	}
	w.printf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
	if span > 1 {
		w.printf(`<w:gridSpan w:val="%d"/>`, span)
	}
	w.printf(`%s<w:vAlign w:val="center"/></w:tcPr>`, merge)
}

// rowHeight is a table row's minimum height in twips: about 1 cm, and room
// for the longest multi-line blank in the row.
func rowHeight(lines int) int {
	if lines <= 1 {
		return 567
	}
	return 160 + lines*408
}

// Cell text is 五号 (10.5 pt): 210 twips a full-width character.
const cellEm = 210

// gridWidths shares the text width among the columns. A label column (one
// where labels start and no one-column blank does) gets what its longest
// label needs to stay on one line (园所规/模 looks careless); a label
// over several rows (联盟园基本信息) may wrap, as on paper, after five
// characters. The other columns, where the applicant writes, share the rest
// by their relative widths, none narrower than the label column to its
// left: an e-mail address or a landline written by hand needs at least the
// room its label has. A table whose labels leave no room falls back to the
// relative widths, widening label columns at the expense of the others.
func gridWidths(tb *model.Table) []int {
	n := tb.Columns
	rel := make([]int, n)
	for i := range rel {
		rel[i] = 1
		if i < len(tb.Widths) && tb.Widths[i] > 0 {
			rel[i] = tb.Widths[i]
		}
	}
	need := make([]int, n)
	blankAt := make([]bool, n)
	for _, row := range tableCells(tb) {
		for _, pc := range row {
			c := pc.cell
			if c.Blank != nil && c.Colspan <= 1 {
				blankAt[pc.col] = true
			}
			if c.Text == "" || c.Colspan > 1 {
				continue
			}
			w := ems(c.Text)
			if c.Rowspan > 1 {
				w = min(w, 5) // tall labels may wrap, but not after one or two characters
			}
			need[pc.col] = max(need[pc.col], int(w*cellEm)+2*cellMargin+30)
		}
	}
	out := make([]int, n)
	fixed := make([]bool, n)
	rest, restRel, labels := textWidth, 0, 0
	for c := range out {
		if need[c] > 0 && !blankAt[c] {
			out[c], fixed[c] = need[c], true
			rest -= need[c]
			labels++
		} else {
			restRel += rel[c]
		}
	}
	if labels == 0 || labels == n || rest <= 0 {
		return relativeWidths(rel, need)
	}
	floor := make([]int, n)
	for c := range floor {
		floor[c] = need[c]
		if c > 0 && fixed[c-1] {
			floor[c] = max(floor[c], out[c-1])
		}
	}
	// Columns whose share falls short of their floor take the floor, and the
	// others share what is left, until every share is at least its floor.
	for changed := true; changed; {
		changed = false
		for c := range out {
			if !fixed[c] && rest*rel[c]/restRel < floor[c] {
				out[c], fixed[c] = floor[c], true
				rest -= floor[c]
				restRel -= rel[c]
				changed = true
			}
		}
		if rest < 0 {
			break
		}
	}
	if rest < 0 {
		return relativeWidths(rel, need)
	}
	for c := range out {
		if !fixed[c] {
			out[c] = rest * rel[c] / restRel
		}
	}
	return roundToText(out)
}

// relativeWidths shares the text width by rel, then widens columns narrower
// than need at the expense of columns with room to spare.
func relativeWidths(rel, need []int) []int {
	total := 0
	for _, r := range rel {
		total += r
	}
	out := make([]int, len(rel))
	for i := range rel {
		out[i] = textWidth * rel[i] / total
	}
	deficit, spare, sumNeed := 0, 0, 0
	for i := range out {
		sumNeed += need[i]
		if out[i] < need[i] {
			deficit += need[i] - out[i]
		} else {
			spare += out[i] - need[i]
		}
	}
	if deficit > 0 && sumNeed <= textWidth {
		give := make([]int, len(out))
		for i := range out {
			if out[i] > need[i] {
				give[i] = deficit * (out[i] - need[i]) / spare
			}
		}
		for i := range out {
			out[i] = max(out[i], need[i]) - give[i]
		}
	}
	return roundToText(out)
}

// roundToText gives what rounding left over to the widest column, where it
// shows least, so that the columns fill the text width exactly.
func roundToText(out []int) []int {
	used, widest := 0, 0
	for i := range out {
		used += out[i]
		if out[i] > out[widest] {
			widest = i
		}
	}
	out[widest] += textWidth - used
	return out
}

// placed is a cell with the grid column it starts in.
type placed struct {
	cell model.Cell
	col  int
}

// tableCells places each row's cells on the grid, skipping columns that
// cells from rows above still cover. A table the loader accepted fills its
// grid; cells that do not fit are left out here and reported by table.
func tableCells(tb *model.Table) [][]placed {
	covered := make([]int, tb.Columns) // rows still covered, per column
	out := make([][]placed, len(tb.Rows))
	for r, row := range tb.Rows {
		col := 0
		for _, c := range row.Cells {
			for col < tb.Columns && covered[col] > 0 {
				col++
			}
			span := max(c.Colspan, 1)
			if col+span > tb.Columns {
				break
			}
			out[r] = append(out[r], placed{c, col})
			for k := col; k < col+span; k++ {
				covered[k] = max(c.Rowspan, 1)
			}
			col += span
		}
		for k := range covered {
			covered[k]--
		}
	}
	return out
}

// ems estimates the printed width of s in em: one for Chinese characters
// and full-width punctuation, half for Latin letters, digits and spaces.
func ems(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80, r == '“', r == '”', r == '‘', r == '’', r == '—', r == '…', r == '·':
			w++
		default:
			w += 0.5
		}
	}
	return w
}

// w3cdtf writes a date for docProps/core.xml.
func w3cdtf(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
