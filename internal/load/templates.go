package load

import (
	"strconv"
	"strings"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/privacy"
)

type templateFile struct {
	Title      string         `toml:"title"`
	Subtitle   string         `toml:"subtitle"`
	Addressee  string         `toml:"addressee"`
	Blocks     []blockFile    `toml:"blocks"`
	Submission submissionFile `toml:"submission"`
	Params     map[string]any `toml:"params"`
}

type blockFile struct {
	Type    string    `toml:"type"`
	Text    string    `toml:"text"`
	Lines   []string  `toml:"lines"`
	Fields  []string  `toml:"fields"`
	Columns int       `toml:"columns"`
	Widths  []int     `toml:"widths"`
	Rows    []rowFile `toml:"rows"`
}

type rowFile struct {
	Cells []cellFile `toml:"cells"`
}

type cellFile struct {
	Label   string `toml:"label"`
	Blank   string `toml:"blank"`
	Rowspan *int   `toml:"rowspan"` // nil when not given: 1
	Colspan *int   `toml:"colspan"`
	Lines   int    `toml:"lines"`
	Header  bool   `toml:"header"`
}

type submissionFile struct {
	Method   string   `toml:"method"`
	Email    string   `toml:"email"`
	Address  string   `toml:"address"`
	Deadline any      `toml:"deadline"`
	FileName string   `toml:"file_name"`
	Notes    []string `toml:"notes"`
}

// Limits of a template, far above any printed form (ours have about 20
// blocks and 60 blanks) and low enough that a mistake or a generated file
// cannot make a Word file or a docx-kit.json of hundreds of megabytes.
const (
	maxBlocks      = 300  // blocks of one template
	maxBlockBlanks = 200  // blanks of one block
	maxBlanks      = 1000 // blanks of one template
	maxCells       = 2000 // rows × columns of one table
	maxWidth       = 100  // a relative column width
)

// blanks numbers the blanks of one template in document order and counts
// them against the limits.
type blanks struct {
	t     *model.Template
	block int // blanks of the current block
}

func (b *blanks) new(label string, width, lines int) (*model.Blank, error) {
	if len(b.t.Fields) >= maxBlanks {
		return nil, catalog.Errorf("the template has more than %d blanks; split it into several templates", maxBlanks)
	}
	if b.block >= maxBlockBlanks {
		return nil, catalog.Errorf("the block has more than %d blanks; split it into several blocks", maxBlockBlanks)
	}
	b.block++
	bl := &model.Blank{ID: "f" + strconv.Itoa(len(b.t.Fields)+1), Label: label, Width: width, Lines: lines}
	b.t.Fields = append(b.t.Fields, *bl)
	return bl, nil
}

func (l *loader) templates() []*model.Template {
	var out []*model.Template
	for _, path := range l.dataFiles("templates") {
		var f templateFile
		rel, id, src, ok := l.dataFile(path, &f)
		if !ok {
			continue
		}
		t := &model.Template{
			ID: id, Source: rel, URL: "templates/" + id + "/",
			Title: strings.TrimSpace(f.Title), Subtitle: strings.TrimSpace(f.Subtitle), Addressee: strings.TrimSpace(f.Addressee),
			Params: f.Params,
		}
		must(l.dl, rel, src, 1, "title", t.Title, `"……申请书"`)
		bl := &blanks{t: t}
		heading := 0
		blockLines := findHeaders(src, "[[blocks]]", 1)
		if len(f.Blocks) > maxBlocks {
			l.dl.Errorf(rel, blockLines.at(maxBlocks), "split the form into several templates", "the template has %d blocks; at most %d are allowed", len(f.Blocks), maxBlocks)
			continue
		}
		for i, b := range f.Blocks {
			line := blockLines.at(i)
			blk := model.Block{Kind: strings.TrimSpace(b.Type)}
			bl.block = 0
			var err error
			switch blk.Kind {
			case model.BlockHeading:
				heading++
				blk.Number = chineseNumber(heading) + "、"
				blk.Runs, err = parseRuns(b.Text, bl)
			case model.BlockParagraph:
				blk.Runs, err = parseRuns(b.Text, bl)
			case model.BlockSignature:
				for _, s := range b.Lines {
					var runs []model.Run
					if runs, err = parseRuns(s, bl); err != nil {
						break
					}
					blk.Lines = append(blk.Lines, runs)
				}
			case model.BlockClosing:
				// A letter ends 此致 on its own line, indented, and 敬礼！
				// flush left on the next; the template may word it otherwise.
				lines := cleanList(b.Lines)
				if len(lines) == 0 {
					lines = []string{"此致", "敬礼！"}
				}
				for _, s := range lines {
					var runs []model.Run
					if runs, err = parseRuns(s, bl); err != nil {
						break
					}
					blk.Lines = append(blk.Lines, runs)
				}
			case model.BlockFields:
				for _, label := range b.Fields {
					label = strings.TrimSpace(label)
					var blank *model.Blank
					if blank, err = bl.new(label, 0, 1); err != nil {
						break
					}
					blk.Fields = append(blk.Fields, model.Field{Label: label, Blank: blank})
				}
			case model.BlockTable:
				blk.Table, err = table(b, bl)
			default:
				err = catalog.Errorf("unknown block type %q; use heading, paragraph, signature, closing, fields or table", b.Type)
			}
			if err != nil {
				l.dl.Errorf(rel, line, "see “Application templates” in README.md", "block %d: %v", i+1, err)
				if len(t.Fields) >= maxBlanks {
					break // every later block would say the same
				}
				continue
			}
			if (blk.Kind == model.BlockHeading || blk.Kind == model.BlockParagraph) && len(blk.Runs) == 0 {
				l.dl.Errorf(rel, line, `add text = "…"`, "block %d (%s) has no text", i+1, blk.Kind)
			}
			t.Blocks = append(t.Blocks, blk)
		}
		if len(f.Blocks) == 0 {
			l.dl.Errorf(rel, 0, "add [[blocks]] with the form's paragraphs or table", "the template has no blocks")
		}
		s := f.Submission
		t.Submission = model.Submission{Method: strings.TrimSpace(s.Method), Email: strings.TrimSpace(s.Email), Address: strings.TrimSpace(s.Address), FileName: strings.TrimSpace(s.FileName), Notes: cleanList(s.Notes)}
		if s.Deadline != nil {
			tm, hasTime, err := parseDate(s.Deadline, l.cfg.Location)
			if err != nil {
				l.dl.Errorf(rel, diag.LineOf(src, "deadline", 1), dateHint, "submission deadline: %v", err)
			} else if !tm.IsZero() {
				if !hasTime {
					tm = tm.AddDate(0, 0, 1).Add(-1)
				}
				t.Submission.Deadline = &model.Deadline{Time: tm, HasTime: hasTime}
			}
		}
		privacy.Mask(t)
		out = append(out, t)
	}
	return out
}

// parseRuns splits text into runs of text and blanks written {label} or
// {label:width}; {{ and }} stand for literal braces.
func parseRuns(s string, bl *blanks) ([]model.Run, error) {
	var runs []model.Run
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			runs = append(runs, model.Run{Text: text.String()})
			text.Reset()
		}
	}
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "{{"):
			text.WriteByte('{')
			i += 2
		case strings.HasPrefix(s[i:], "}}"):
			text.WriteByte('}')
			i += 2
		case s[i] == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, catalog.Errorf("a blank opened with { is not closed with } in %q (write {{ for a literal brace)", s)
			}
			label, width := s[i+1:i+end], 0
			if c := strings.LastIndexByte(label, ':'); c >= 0 {
				w, err := strconv.Atoi(strings.TrimSpace(label[c+1:]))
				if err != nil || w <= 0 || w > 60 {
					return nil, catalog.Errorf("blank {%s}: the width after : must be a number of characters from 1 to 60", label)
				}
				label, width = label[:c], w
			}
			flush()
			blank, err := bl.new(strings.TrimSpace(label), width, 1)
			if err != nil {
				return nil, err
			}
			runs = append(runs, model.Run{Blank: blank})
			i += end + 1
		case s[i] == '}':
			return nil, catalog.Errorf("a } without { in %q (write }} for a literal brace)", s)
		default:
			text.WriteByte(s[i])
			i++
		}
	}
	flush()
	return runs, nil
}

// Limits of a table form: far above any printed form, low enough that a
// typing mistake cannot exhaust memory.
const (
	maxColumns = 50
	maxRows    = 500
	maxLines   = 50
)

// table builds a table form and checks that its rows fill the grid exactly,
// counting cells merged down from rows above.
func table(b blockFile, bl *blanks) (*model.Table, error) {
	if b.Columns <= 0 || b.Columns > maxColumns {
		return nil, catalog.Errorf("a table needs columns = N, the width of its grid, from 1 to %d", maxColumns)
	}
	if len(b.Rows) > maxRows {
		return nil, catalog.Errorf("a table may have at most %d rows", maxRows)
	}
	if b.Columns*len(b.Rows) > maxCells {
		return nil, catalog.Errorf("a table may have at most %d cells (rows × columns); this one has %d rows of %d columns: split it into several tables", maxCells, len(b.Rows), b.Columns)
	}
	if len(b.Widths) > 0 && len(b.Widths) != b.Columns {
		return nil, catalog.Errorf("widths has %d entries for %d columns", len(b.Widths), b.Columns)
	}
	for i, w := range b.Widths {
		if w < 1 || w > maxWidth {
			return nil, catalog.Errorf("widths: column %d has width %d; each width is a relative size from 1 to %d, such as widths = [2, 3, 1]", i+1, w, maxWidth)
		}
	}
	t := &model.Table{Columns: b.Columns, Widths: b.Widths}
	carry := make([]int, b.Columns) // rows still covered by a cell from above, per column
	for ri, r := range b.Rows {
		row := model.Row{}
		col := 0
		next := func() {
			for col < b.Columns && carry[col] > 0 {
				col++
			}
		}
		for ci, c := range r.Cells {
			next()
			rowspan, colspan := 1, 1
			if c.Rowspan != nil {
				rowspan = *c.Rowspan
			}
			if c.Colspan != nil {
				colspan = *c.Colspan
			}
			if c.Label != "" && c.Blank != "" {
				return nil, catalog.Errorf("row %d, cell %d has both label and blank; give one", ri+1, ci+1)
			}
			if rowspan < 1 || colspan < 1 {
				return nil, catalog.Errorf("row %d, cell %d (%s): rowspan and colspan count rows and columns, from 1 (leave them out for 1); this cell has rowspan = %d, colspan = %d", ri+1, ci+1, cellName(c), rowspan, colspan)
			}
			if rowspan > maxRows || c.Lines > maxLines || c.Lines < 0 {
				return nil, catalog.Errorf("row %d, cell %d (%s): rowspan must be at most %d and lines from 0 to %d", ri+1, ci+1, cellName(c), maxRows, maxLines)
			}
			if colspan > b.Columns-col {
				return nil, catalog.Errorf("row %d, cell %d (%s) runs past the %d columns of the table; check colspan and the cells merged from rows above", ri+1, ci+1, cellName(c), b.Columns)
			}
			for k := col; k < col+colspan; k++ {
				if carry[k] > 0 {
					return nil, catalog.Errorf("row %d, cell %d (%s) overlaps a cell merged from a row above", ri+1, ci+1, cellName(c))
				}
				carry[k] = rowspan
			}
			if ri+rowspan > len(b.Rows) {
				return nil, catalog.Errorf("row %d, cell %d (%s) spans %d rows but the table ends first", ri+1, ci+1, cellName(c), rowspan)
			}
			cell := model.Cell{Text: strings.TrimSpace(c.Label), Rowspan: rowspan, Colspan: colspan, Header: c.Header}
			if c.Label == "" {
				var err error
				if cell.Blank, err = bl.new(strings.TrimSpace(c.Blank), 0, c.Lines); err != nil {
					return nil, err
				}
			}
			row.Cells = append(row.Cells, cell)
			col += colspan
		}
		filled := 0
		for _, n := range carry {
			if n > 0 {
				filled++
			}
		}
		if filled != b.Columns {
			return nil, catalog.Errorf("row %d fills %d of the %d columns; add cells or widen one with colspan", ri+1, filled, b.Columns)
		}
		for k := range carry {
			carry[k]--
		}
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) == 0 {
		return nil, catalog.Errorf("a table needs [[blocks.rows]]")
	}
	return t, nil
}

func cellName(c cellFile) string {
	if c.Label != "" {
		return c.Label
	}
	if c.Blank != "" {
		return catalog.Sprintf("blank %s", c.Blank)
	}
	return catalog.T("blank")
}

// chineseNumber writes 1–99 as Chinese numerals for section numbers.
func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digits[n%10]
	case n < 100:
		s := digits[n/10] + "十"
		if n%10 != 0 {
			s += digits[n%10]
		}
		return s
	}
	return strconv.Itoa(n)
}
