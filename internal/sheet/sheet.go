// Package sheet writes member directories as spreadsheets a secretariat can
// open in Excel or WPS: an .xlsx workbook and a .csv file for every directory,
// and both for all directories together. Phones appear exactly as on the
// pages (masked unless public), and the columns carry enough to import the
// file again with `alliance import members`.
package sheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"alliance/internal/model"
	"alliance/internal/output"
)

// Column headers, in order. The importer recognises every one of them.
const (
	ColSeq         = "序号"
	ColAlliance    = "所属联盟" // all.csv only: the sheet name says it in all.xlsx
	ColTier        = "层级"
	ColDistrict    = "区（市）"
	ColRole        = "角色"
	ColLead        = "主导园"
	ColName        = "园所名称"
	ColCategory    = "现类别"
	ColNature      = "办园性质"
	ColResponsible = "责任人"
	ColPhone       = "联系电话"
	ColAddress     = "地址"
	ColWebsite     = "网址"
	ColJoined      = "加入日期"
)

// columns are the headers of a directory's sheet, after 序号.
var columns = []string{ColTier, ColDistrict, ColRole, ColLead, ColName, ColCategory,
	ColNature, ColResponsible, ColPhone, ColAddress, ColWebsite, ColJoined}

// BOM starts every CSV file: Excel on Chinese Windows reads a CSV without it
// as GBK and shows UTF-8 text as mojibake.
const BOM = "\ufeff"

// Paths of the files for all directories together.
const (
	AllXLSX = "directories/all.xlsx"
	AllCSV  = "directories/all.csv"
)

// XLSXPath and CSVPath return where a directory's files go, relative to the
// site root; the directory page links to them.
func XLSXPath(d *model.Directory) string { return "directories/" + d.ID + "/" + d.ID + ".xlsx" }

// CSVPath returns where a directory's CSV file goes, relative to the site root.
func CSVPath(d *model.Directory) string { return "directories/" + d.ID + "/" + d.ID + ".csv" }

// fixedTime is the creation time written into every workbook without a
// founding date, so that rebuilding unchanged data gives the same bytes.
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Build returns an .xlsx and a .csv file for every directory of the site, and
// directories/all.xlsx (one sheet per directory) and directories/all.csv
// (with a 所属联盟 column) for all of them. With no directories it returns nothing.
func Build(site *model.Site) ([]output.File, error) {
	if site == nil || len(site.Directories) == 0 {
		return nil, nil
	}
	var files []output.File
	names := sheetNames(site.Directories)
	for i, d := range site.Directories {
		x, err := workbook(site.Directories[i:i+1], names[i:i+1], d.Name, note(d), created(site.Directories[i:i+1]))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", XLSXPath(d), err)
		}
		c, err := csvFile(site.Directories[i:i+1], false)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", CSVPath(d), err)
		}
		files = append(files, output.File{Path: XLSXPath(d), Data: x, Source: d.Source}, output.File{Path: CSVPath(d), Data: c, Source: d.Source})
	}
	title := "联盟名单"
	if site.Config != nil && site.Config.Title != "" {
		title = site.Config.Title + " 联盟名单"
	}
	x, err := workbook(site.Directories, names, title, "", created(site.Directories))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", AllXLSX, err)
	}
	c, err := csvFile(site.Directories, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", AllCSV, err)
	}
	files = append(files, output.File{Path: AllXLSX, Data: x}, output.File{Path: AllCSV, Data: c})
	return files, nil
}

// created is the latest founding date of ds, or fixedTime: a date that
// belongs to the data, so the workbook does not change between builds.
func created(ds []*model.Directory) time.Time {
	t := time.Time{}
	for _, d := range ds {
		if d.Founded.After(t) {
			t = d.Founded
		}
	}
	if t.IsZero() {
		return fixedTime
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// row is one member as its cells, in the order of columns.
type row []string

// rows lists the members of d in page order: each lead followed by its
// partners, or the flat list. Role, lead, district and tier come from the
// groups, so the sheet is right even if the members' own fields are empty.
func rows(d *model.Directory) []row {
	var out []row
	add := func(m model.Member, tier, district, role, lead string) {
		out = append(out, row{
			or(m.Tier, tier), or(m.District, district), role, lead, m.Name, m.Category,
			m.Nature, m.Responsible, m.Phone.String(), m.Address, m.Website, date(m.Joined),
		})
	}
	if len(d.Groups) > 0 {
		for _, g := range d.Groups {
			add(g.Lead, g.Tier, g.District, model.RoleLead, "")
			for _, p := range g.Partners {
				add(p, g.Tier, g.District, model.RolePartner, g.Lead.Name)
			}
		}
		return out
	}
	for _, m := range d.Members {
		add(m, "", "", m.Role, m.Lead)
	}
	return out
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// csvFile writes the members of ds as UTF-8 CSV with a BOM and CRLF line
// ends, as Excel writes it. With alliance set, a 所属联盟 column names each
// member's directory and 序号 counts across all of them.
func csvFile(ds []*model.Directory, alliance bool) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(BOM)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	head := []string{ColSeq}
	if alliance {
		head = append(head, ColAlliance)
	}
	head = append(head, columns...)
	if err := w.Write(head); err != nil {
		return nil, err
	}
	n := 0
	rec := make([]string, 0, len(head)) // one record, refilled: Write copies it out
	for _, d := range ds {
		for _, r := range rows(d) {
			n++
			rec = append(rec[:0], strconv.Itoa(n))
			if alliance {
				rec = append(rec, defuse(d.Name))
			}
			for _, v := range r {
				rec = append(rec, defuse(v))
			}
			if err := w.Write(rec); err != nil {
				return nil, err
			}
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// defuse keeps a spreadsheet from reading a CSV value as a formula (a value
// starting with = + - or @) by putting an apostrophe before it, as Excel
// itself does for text that looks like a formula. The importer removes it.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// note is what the workbook's description says about sample data, so a
// downloaded file of illustrative members says so, as the page does.
func note(d *model.Directory) string {
	if !d.Sample {
		return ""
	}
	return or(d.SampleNote, "示例数据：成员单位仅用于演示。")
}

// workbook writes ds as one sheet each, named by names. The rows are streamed
// (excelize's StreamWriter), which takes a fraction of the time and memory of
// setting cell by cell; a stream has an order, though: a sheet's properties go
// out when its stream starts, its views and column widths with the first row,
// and nothing of it can change once flushed. So every sheet is made and set up
// before any is filled.
func workbook(ds []*model.Directory, names []string, title, description string, when time.Time) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newSortedZip)
	stamp := when.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Description:    description,
		Creator:        "alliance",
		LastModifiedBy: "alliance",
		Created:        stamp,
		Modified:       stamp,
		Language:       "zh-CN",
	}); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": keep numbers such as phones as typed
	if err != nil {
		return nil, err
	}
	for i := range ds {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", names[0]); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(names[i]); err != nil {
			return nil, err
		}
		if err := printSetup(f, names[i]); err != nil {
			return nil, err
		}
	}
	f.SetActiveSheet(0)
	for i, d := range ds {
		if err := fillSheet(f, names[i], d, bold, text); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fillSheet streams the header and the members of d into sheet, freezes the
// header row and sizes every column to its longest value. Every cell of a
// member row but 序号 is text, empty ones too, so that a number typed into
// them later (a phone) stays as typed.
func fillSheet(f *excelize.File, sheet string, d *model.Directory, bold, text int) error {
	head := append([]string{ColSeq}, columns...)
	rs := rows(d)
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	// Last column first: each width goes before those set already, and the
	// stream writes them in that order, which Excel wants ascending.
	cw := widths(head, rs)
	for c := len(cw) - 1; c >= 0; c-- {
		if err := sw.SetColWidth(c+1, c+1, colWidth(cw[c])); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze:      true,
		YSplit:      1,
		TopLeftCell: "A2",
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	// One row of cells, refilled for every member: SetRow copies the values out.
	cells := make([]excelize.Cell, len(head))
	values := make([]any, len(head))
	for c, h := range head {
		cells[c] = excelize.Cell{StyleID: bold, Value: h}
		values[c] = &cells[c]
	}
	if err := sw.SetRow("A1", values); err != nil {
		return err
	}
	cells[0].StyleID = 0
	for c := 1; c < len(cells); c++ {
		cells[c].StyleID = text
	}
	for i, r := range rs {
		cells[0].Value = i + 1
		for c, v := range r {
			cells[c+1].Value = nil // an empty cell: styled, with no value
			if v != "" {
				cells[c+1].Value = v
			}
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), values); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// widths measures the header and the rows of a sheet: for every column, the
// text width of its longest value.
func widths(head []string, rs []row) []int {
	w := make([]int, len(head))
	for c, h := range head {
		w[c] = textWidth(h)
	}
	w[0] = max(w[0], len(strconv.Itoa(len(rs)))) // 序号 counts up to len(rs)
	for _, r := range rs {
		for c, v := range r {
			w[c+1] = max(w[c+1], textWidth(v))
		}
	}
	return w
}

// printSetup prints the sheet on A4 landscape, as wide as the page, with the
// header row repeated on every page: how a secretariat hands the list round.
func printSetup(f *excelize.File, sheet string) error {
	landscape, a4, one, free := "landscape", 9, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &free,
	}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1",
		Scope:    sheet,
	})
}

// colWidth turns a text width in half-width characters into an Excel column
// width: a little padding, and a cap so that a long address wraps the view
// rather than pushing every other column off screen.
func colWidth(w int) float64 {
	return float64(min(max(w+2, 6), 60))
}

// textWidth counts the columns s takes in a monospaced view: two for a
// full-width character (汉字, full-width punctuation such as （ and “), one
// for the rest. A cell's lines are measured separately.
func textWidth(s string) int {
	best, n := 0, 0
	for _, r := range s {
		switch {
		case r == '\n':
			best, n = max(best, n), 0
		case r < 0x80: // ASCII: half width, without a table lookup
			n++
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
				n += 2
			default:
				n++
			}
		}
	}
	return max(best, n)
}

// sheetNames gives each directory a sheet name Excel accepts: its short name
// or name, without the characters : \ / ? * [ ], at most 31 characters, and
// unique within the workbook.
func sheetNames(ds []*model.Directory) []string {
	seen := map[string]bool{}
	out := make([]string, len(ds))
	for i, d := range ds {
		base := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`:\/?*[]`, r) {
				return '_'
			}
			return r
		}, strings.TrimSpace(or(d.ShortName, or(d.Name, d.ID))))
		base = strings.Trim(base, "'")
		if base == "" {
			base = or(d.ID, "Sheet")
		}
		name := truncate(base, 31)
		for n := 2; seen[strings.ToLower(name)]; n++ {
			suffix := fmt.Sprintf("(%d)", n)
			name = truncate(base, 31-len(suffix)) + suffix
		}
		seen[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// truncate keeps as much of s as fits in n UTF-16 units, the measure Excel
// uses for sheet names (a 汉字 is one, an emoji two).
func truncate(s string, n int) string {
	used := 0
	for i, r := range s {
		used += utf16.RuneLen(r)
		if used > n {
			return strings.TrimRight(s[:i], "'")
		}
	}
	return s
}
