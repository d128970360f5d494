package memberimport

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzReadCSV feeds arbitrary bytes to the CSV reader and header mapper. It
// must not panic, and whatever it reads must make a file that the site's
// loader accepts and reads back as imported.
// Run longer with: go test -fuzz FuzzReadCSV ./internal/memberimport
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(flatCSV))
	f.Add(csvOf(zaozhuangRows))
	f.Add([]byte("角色,主导园,园所名称\n主导园,,甲\n联盟园,甲,乙\n,,\n"))
	f.Add([]byte("\xFF\xFE\x00"))
	f.Add([]byte("序号,\"园所名称\n\",电话\n1,\"a\"\"b\",1.5E10\n"))
	f.Add([]byte("主导园,联盟园\n甲,甲\n,乙\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read("f.csv", data, Options{Tier: "市级", PublicLandlines: true})
		if err != nil {
			return
		}
		d := res.Directory
		if len(d.Groups) > 0 && len(d.Members) > 0 {
			t.Fatalf("both groups and members")
		}
		if res.Members() == 0 {
			return
		}
		text := newFile("x", WriteOptions{Name: "名\"称"}, encodeMembers(d))
		if err := check(relPath("x"), text, d); err != nil {
			t.Fatalf("written file does not read back: %v\n%s", err, text)
		}
	})
}

// FuzzHeader checks the header mapping on arbitrary header rows.
func FuzzHeader(f *testing.F) {
	f.Add("序号", "区（市）", "园所名称", "联系电话")
	f.Add("主导园", "", "联盟园", "")
	f.Add("", "园所名称", "", "责任人")
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		row := []string{a, b, c, d}
		flatColumns(row)
		groupedColumns(row, []string{d, c, b, a})
		groupedColumns(row, nil)
		isGroupHeader(row)
		normTier(a)
		parseDate(b)
		clean(c)
		fixNumber(d)
		isLandline(a)
	})
}

// FuzzReadXLSX feeds damaged workbooks to the .xlsx reader: an error is
// fine, a panic is not. The seeds run with every go test; fuzzing it is slow
// (excelize is large), so run it by hand: go test -fuzz FuzzReadXLSX.
func FuzzReadXLSX(f *testing.F) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]string{"序号", "区（市）", "主导园", "", "联盟园"})
	x.SetSheetRow("Sheet1", "A2", &[]string{"", "", "园所名称", "责任人", "园所名称"})
	x.SetSheetRow("Sheet1", "A3", &[]string{"1", "市直", "甲", "黄", "乙"})
	x.MergeCell("Sheet1", "C1", "D1")
	x.MergeCell("Sheet1", "C3", "C9999") // a merge far below the data
	buf, err := x.WriteToBuffer()
	if err != nil {
		f.Fatal(err)
	}
	good := buf.Bytes()
	if res, err := Read("f.xlsx", good, Options{}); err != nil || res.Members() != 2 {
		f.Fatalf("the seed workbook reads as %v, %v", res, err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		Read("f.xlsx", data, Options{})
	})
}
