// Package memberimport reads a member list kept in a spreadsheet — an .xlsx
// workbook, or a CSV file in UTF-8 or GBK/GB18030 as Excel and WPS save it —
// and writes it as a member directory, data/alliances/ID.toml.
//
// It knows the headers offices use (序号, 区（市）, 园所名称, 现类别, 办园性质,
// 责任人, 联系电话 and their synonyms), the grouped layout of the Zaozhuang
// 联盟名单 (a 主导园 and a 联盟园 side by side under a two-row header) and
// the flat layout the site's own .xlsx and .csv downloads use, so a
// downloaded list can be edited and imported again.
package memberimport

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	utf16 "golang.org/x/text/encoding/unicode"

	"alliance/internal/catalog"
	"alliance/internal/model"
)

// Options change how a list is read.
type Options struct {
	// Sheet is the worksheet of an .xlsx file to read, by name or 1-based
	// number; empty means the first.
	Sheet string
	// Tier is given to members whose row has no 层级, such as every member
	// of a Zaozhuang list, which has no tier column. Empty leaves it empty.
	Tier string
	// PublicLandlines writes landlines (area code first, such as
	// 0632-3317000) and 400/800 numbers as public, shown in full on the
	// pages; mobile numbers stay masked. Off, every number is masked.
	PublicLandlines bool
}

// Problem is a row, or part of one, that could not be read, or a warning
// about the file. Row is the row number as the spreadsheet shows it
// (1-based, header rows counted); 0 means the whole file.
type Problem struct {
	Row     int
	Msg     string
	Skipped bool // the row, or the part named, was not imported
}

func (p Problem) String() string {
	if p.Row == 0 {
		return p.Msg
	}
	return fmt.Sprintf("row %d: %s", p.Row, p.Msg)
}

// Result is what was read from a list.
type Result struct {
	Directory *model.Directory // Groups or Members; the caller sets ID and Name
	Format    string           // "xlsx" or the CSV's encoding, such as "CSV, GB18030"
	Sheet     string           // the worksheet read, for .xlsx
	Layout    string           // "grouped" (主导园 + 联盟园 columns), "roles" (角色 column) or "flat"
	Rows      int              // data rows that were not blank
	Masked    int              // masked numbers (138****1234) left out
	Problems  []Problem
}

// Members counts the members read.
func (r *Result) Members() int { return len(r.Directory.AllMembers()) }

// Skipped counts the rows, or parts of rows, that were not imported.
func (r *Result) Skipped() int {
	n := 0
	for _, p := range r.Problems {
		if p.Skipped {
			n++
		}
	}
	return n
}

// ReadFile reads the member list in the file at path.
func ReadFile(path string, opt Options) (*Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(filepath.Base(path), data, opt)
}

// Read reads a member list; name is the file's name, for its extension. It
// returns an error when the file as a whole cannot be used: an unknown
// format, no header row, several alliances in one list. Rows it cannot read
// are skipped and listed in the result's Problems.
func Read(name string, data []byte, opt Options) (*Result, error) {
	if opt.Tier != "" {
		t, ok := normTier(opt.Tier)
		if !ok {
			return nil, catalog.Errorf("tier %q is not one of %s, %s, %s", opt.Tier, model.TierCity, model.TierDistrict, model.TierTown)
		}
		opt.Tier = t
	}
	ext := strings.ToLower(filepath.Ext(name))
	var (
		rows [][]string
		res  = &Result{}
		err  error
	)
	switch {
	case ext == ".doc" || ext == ".docx" || ext == ".wps":
		return nil, catalog.Errorf("%s is a Word document: copy its table into Excel or WPS and save it as .xlsx", name)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, catalog.Errorf("%s is an old Excel 97–2003 workbook (.xls): open it in Excel or WPS and save it as .xlsx (Excel 工作簿)", name)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || ext == ".xlsx" || ext == ".xlsm":
		res.Format = "xlsx"
		rows, res.Sheet, err = readXLSX(data, opt.Sheet)
	default:
		if opt.Sheet != "" {
			return nil, catalog.Errorf("--sheet is for .xlsx workbooks; %s is read as CSV", name)
		}
		var enc string
		rows, enc, err = readCSV(data)
		res.Format = "CSV, " + enc
	}
	if err != nil {
		return nil, catalog.Errorf("%s: %w", name, err)
	}
	if err := parse(rows, opt, res); err != nil {
		return nil, catalog.Errorf("%s: %w", name, err)
	}
	return res, nil
}

// readXLSX returns the cells of a sheet, with every merged range filled with
// its value: a 主导园 merged down beside its partners belongs to each row.
// Cells are read raw, so a phone stored as a number keeps every digit and a
// date stored as a date comes as its serial number.
func readXLSX(data []byte, want string) (rows [][]string, sheet string, err error) {
	// A damaged workbook must give a message, not a crash in the library.
	defer func() {
		if r := recover(); r != nil {
			rows, sheet, err = nil, "", catalog.Errorf("cannot read the workbook (%v); open it in Excel or WPS and save it again", r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, "", catalog.Errorf("cannot read it as an .xlsx workbook (%v); save it from Excel or WPS as .xlsx or CSV", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, "", catalog.Errorf("the workbook has no worksheet")
	}
	sheet = sheets[0]
	if want != "" {
		sheet = ""
		for _, s := range sheets {
			if s == want {
				sheet = s
			}
		}
		if n, err := strconv.Atoi(want); sheet == "" && err == nil && n >= 1 && n <= len(sheets) {
			sheet = sheets[n-1]
		}
		if sheet == "" {
			return nil, "", catalog.Errorf("no worksheet %q; the workbook has %s", want, quoteList(sheets))
		}
	}
	rows, err = f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, "", catalog.Errorf("sheet %s: %v", sheet, err)
	}
	merged, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, "", catalog.Errorf("sheet %s: %v", sheet, err)
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > len(rows) {
			continue
		}
		v := at(rows[r1-1], c1-1)
		// Stay within the rows that have data: a merge may run far below it.
		for r := r1; r <= min(r2, len(rows)); r++ {
			for c := c1; c <= c2 && c <= 1000; c++ {
				for len(rows[r-1]) < c {
					rows[r-1] = append(rows[r-1], "")
				}
				rows[r-1][c-1] = v
			}
		}
	}
	return rows, sheet, nil
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// readCSV decodes a CSV file: UTF-8 with or without a byte-order mark,
// UTF-16 with one (Excel's "Unicode text"), and otherwise GB18030, which
// includes GBK — what Excel on Chinese Windows writes for "CSV (逗号分隔)".
// The separator is a comma, a tab or a semicolon, whichever the first line
// has most of.
func readCSV(data []byte) ([][]string, string, error) {
	var text, enc string
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		text, enc = string(data[3:]), "UTF-8"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		b, err := utf16.UTF16(utf16.LittleEndian, utf16.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, "", catalog.Errorf("cannot decode UTF-16: %v", err)
		}
		text, enc = string(b), "UTF-16"
	case utf8.Valid(data):
		text, enc = string(data), "UTF-8"
	default:
		b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, "", catalog.Errorf("neither UTF-8 nor GBK/GB18030 (%v); save it as \"CSV UTF-8\"", err)
		}
		text, enc = string(b), "GB18030"
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = separator(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", catalog.Errorf("not a readable CSV file: %v", err)
		}
		rows = append(rows, rec)
	}
	return rows, enc, nil
}

// separator guesses the field separator from the first non-blank line.
func separator(text string) rune {
	line := text
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			line = l
			break
		}
	}
	best, n := ',', strings.Count(line, ",")
	for _, c := range []rune{'\t', ';'} {
		if k := strings.Count(line, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}
