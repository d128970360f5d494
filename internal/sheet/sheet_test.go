package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"alliance/internal/config"
	"alliance/internal/model"
	"alliance/internal/phone"
)

// Personal numbers in the fixture; none may appear in any output.
const (
	leadMobile    = "13812345678"
	partnerMobile = "15987654321"
	flatMobile    = "18600001111"
	officeLine    = "0632-3317000" // public: shown in full
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// testSite is a site with a grouped and a flat directory, as the loader makes them.
func testSite() *model.Site {
	lead := model.Member{ID: "m1", Name: "枣庄市实验幼儿园", District: "市直", Tier: model.TierCity,
		Category: "省级示范园", Nature: "公办", Responsible: "黄俐", Phone: phone.Number{Raw: leadMobile},
		Address: "枣庄市市中区文化东路1号", Website: "https://example.org/", Joined: day("2021-03-16"), Role: model.RoleLead}
	p1 := model.Member{ID: "m2", Name: "枣庄市阳光幼儿园", District: "市直", Tier: model.TierCity,
		Category: "一级园", Nature: "普惠性民办", Responsible: "李红", Phone: phone.Number{Raw: partnerMobile},
		Role: model.RolePartner, Lead: lead.Name}
	p2 := model.Member{ID: "m3", Name: "枣庄市新城幼儿园", District: "市直", Tier: model.TierCity,
		Nature: "民办", Phone: phone.Number{Raw: officeLine, Public: true}, Role: model.RolePartner, Lead: lead.Name}
	zz := &model.Directory{ID: "zaozhuang", Name: "枣庄市幼儿园“共建 共享 共成长”联盟", ShortName: "枣庄联盟",
		Founded: day("2021-03-16"),
		Groups:  []model.Group{{Tier: model.TierCity, District: "市直", Lead: lead, Partners: []model.Member{p1, p2}}}}
	km := &model.Directory{ID: "kunming", Name: "昆明市学前教育联盟", Sample: true, SampleNote: "示例成员", Members: []model.Member{
		{ID: "a", Name: "昆明市第一幼儿园", District: "五华区", Tier: model.TierDistrict, Phone: phone.Number{Raw: flatMobile}},
		{ID: "b", Name: "=HYPERLINK(\"x\")幼儿园", District: "盘龙区"},
	}}
	return &model.Site{Config: &config.Site{Title: "联盟秘书处"}, Directories: []*model.Directory{km, zz}}
}

func build(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := Build(testSite())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

func TestBuildPaths(t *testing.T) {
	got := build(t)
	for _, p := range []string{"directories/zaozhuang/zaozhuang.xlsx", "directories/zaozhuang/zaozhuang.csv",
		"directories/kunming/kunming.xlsx", "directories/kunming/kunming.csv", AllXLSX, AllCSV} {
		if len(got[p]) == 0 {
			t.Errorf("no file %s", p)
		}
	}
	if len(got) != 6 {
		t.Errorf("got %d files, want 6", len(got))
	}
	if files, err := Build(&model.Site{}); err != nil || len(files) != 0 {
		t.Errorf("site without directories: %d files, %v", len(files), err)
	}
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(BOM)) {
		t.Fatalf("CSV does not start with a UTF-8 BOM: % x", data[:min(3, len(data))])
	}
	if !bytes.Contains(data, []byte("\r\n")) {
		t.Error("CSV lines do not end in CRLF")
	}
	recs, err := csv.NewReader(bytes.NewReader(data[len(BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestCSV(t *testing.T) {
	got := build(t)
	recs := readCSV(t, got["directories/zaozhuang/zaozhuang.csv"])
	want := [][]string{
		{"序号", "层级", "区（市）", "角色", "主导园", "园所名称", "现类别", "办园性质", "责任人", "联系电话", "地址", "网址", "加入日期"},
		{"1", "市级", "市直", "主导园", "", "枣庄市实验幼儿园", "省级示范园", "公办", "黄俐", "138****5678", "枣庄市市中区文化东路1号", "https://example.org/", "2021-03-16"},
		{"2", "市级", "市直", "联盟园", "枣庄市实验幼儿园", "枣庄市阳光幼儿园", "一级园", "普惠性民办", "李红", "159****4321", "", "", ""},
		{"3", "市级", "市直", "联盟园", "枣庄市实验幼儿园", "枣庄市新城幼儿园", "", "民办", "", officeLine, "", "", ""},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d: %q", len(recs), len(want), recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d:\n got %q\nwant %q", i, recs[i], want[i])
		}
	}

	all := readCSV(t, got[AllCSV])
	if all[0][1] != ColAlliance {
		t.Errorf("all.csv second column is %q, want %s", all[0][1], ColAlliance)
	}
	if len(all) != 6 {
		t.Fatalf("all.csv has %d records, want header + 5", len(all))
	}
	// Directories in site order, 序号 counting across them.
	if all[1][1] != "昆明市学前教育联盟" || all[5][1] != "枣庄市幼儿园“共建 共享 共成长”联盟" || all[5][0] != "5" {
		t.Errorf("all.csv rows: %q", all)
	}
	// A name that looks like a formula is defused.
	if all[2][6] != `'=HYPERLINK("x")幼儿园` {
		t.Errorf("formula-like name written as %q", all[2][7])
	}
}

// TestNoUnmaskedPhone looks for every personal number, with or without
// separators, in every byte of every output, including inside the xlsx zip.
func TestNoUnmaskedPhone(t *testing.T) {
	for path, data := range build(t) {
		texts := []string{string(data)}
		if strings.HasSuffix(path, ".xlsx") {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				texts = append(texts, string(b))
			}
		}
		for _, s := range texts {
			for _, n := range []string{leadMobile, partnerMobile, flatMobile} {
				if strings.Contains(s, n) {
					t.Errorf("%s contains the personal number %s", path, n)
				}
			}
			if m := phone.FindMobiles(s); len(m) > 0 {
				t.Errorf("%s contains mobile numbers in full: %q", path, m)
			}
		}
		if strings.HasSuffix(path, ".csv") && path != "directories/kunming/kunming.csv" && !strings.Contains(texts[0], officeLine) {
			t.Errorf("%s lacks the public office line %s", path, officeLine)
		}
	}
}

func TestXLSX(t *testing.T) {
	got := build(t)
	f, err := excelize.OpenReader(bytes.NewReader(got["directories/zaozhuang/zaozhuang.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if l := f.GetSheetList(); len(l) != 1 || l[0] != "枣庄联盟" {
		t.Fatalf("sheets %q, want [枣庄联盟]", l)
	}
	rs, err := f.GetRows("枣庄联盟")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 4 || rs[0][5] != ColName || rs[1][5] != "枣庄市实验幼儿园" || rs[2][9] != "159****4321" || rs[3][9] != officeLine {
		t.Errorf("rows: %q", rs)
	}
	if v, _ := f.GetCellValue("枣庄联盟", "A3"); v != "2" {
		t.Errorf("序号 of row 3 is %q", v)
	}

	panes, err := f.GetPanes("枣庄联盟")
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
		t.Errorf("header row not frozen: %+v", panes)
	}

	// Widths fit the longest value, counting a 汉字 as two.
	nameW, _ := f.GetColWidth("枣庄联盟", "F") // 园所名称: 枣庄市实验幼儿园, 8 汉字
	if nameW != 18 {
		t.Errorf("园所名称 width %v, want 18 (8 汉字 × 2 + 2)", nameW)
	}
	addrW, _ := f.GetColWidth("枣庄联盟", "K") // 枣庄市市中区文化东路1号: 11 汉字 + 1 digit
	if addrW != 25 {
		t.Errorf("地址 width %v, want 25", addrW)
	}
	seqW, _ := f.GetColWidth("枣庄联盟", "A")
	if seqW != 6 {
		t.Errorf("序号 width %v, want 6", seqW)
	}

	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2021-03-16T00:00:00Z" || props.Title != "枣庄市幼儿园“共建 共享 共成长”联盟" {
		t.Errorf("doc props %+v", props)
	}

	km, err := excelize.OpenReader(bytes.NewReader(got["directories/kunming/kunming.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer km.Close()
	if p, _ := km.GetDocProps(); p.Description != "示例成员" {
		t.Errorf("a sample directory's workbook does not say so: %+v", p)
	}
	if props.Description != "" {
		t.Errorf("a real directory's workbook has a description: %q", props.Description)
	}

	all, err := excelize.OpenReader(bytes.NewReader(got[AllXLSX]))
	if err != nil {
		t.Fatal(err)
	}
	defer all.Close()
	if l := all.GetSheetList(); strings.Join(l, ",") != "昆明市学前教育联盟,枣庄联盟" {
		t.Errorf("all.xlsx sheets %q", l)
	}
	for _, s := range all.GetSheetList() {
		if p, _ := all.GetPanes(s); !p.Freeze || p.YSplit != 1 {
			t.Errorf("all.xlsx sheet %s: header not frozen", s)
		}
	}
}

// TestXLSXLayout reads every sheet of every workbook back and wants what
// streaming the rows could lose: the header bold, member cells (empty ones
// too) as text, 序号 as a number, widths in column order, the frozen header,
// A4 landscape printing one page wide with the header row on every page.
func TestXLSXLayout(t *testing.T) {
	for path, data := range build(t) {
		if !strings.HasSuffix(path, ".xlsx") {
			continue
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		defer f.Close()
		if i := f.GetActiveSheetIndex(); i != 0 {
			t.Errorf("%s: active sheet %d, want the first", path, i)
		}
		titles := map[string]string{}
		for _, n := range f.GetDefinedName() {
			if n.Name == "_xlnm.Print_Titles" {
				titles[n.Scope] = n.RefersTo
			}
		}
		for _, s := range f.GetSheetList() {
			where := path + " sheet " + s
			rs, err := f.GetRows(s)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) < 2 {
				t.Fatalf("%s: %d rows", where, len(rs))
			}
			for y := 1; y <= len(rs); y++ {
				for c := 1; c <= 1+len(columns); c++ {
					ref, _ := excelize.CoordinatesToCellName(c, y)
					st := cellStyle(t, f, s, ref)
					switch {
					case y == 1 && (st.Font == nil || !st.Font.Bold):
						t.Errorf("%s: header %s not bold", where, ref)
					case y > 1 && c == 1 && st.NumFmt != 0:
						t.Errorf("%s: 序号 %s has number format %d", where, ref, st.NumFmt)
					case y > 1 && c > 1 && st.NumFmt != 49:
						t.Errorf("%s: %s has number format %d, want 49 (text)", where, ref, st.NumFmt)
					}
				}
				if y > 1 {
					if typ, _ := f.GetCellType(s, "A"+fmt.Sprint(y)); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
						t.Errorf("%s: 序号 of row %d is of type %v, not a number", where, y, typ)
					}
				}
			}
			for c := 1; c <= 1+len(columns); c++ {
				col, _ := excelize.ColumnNumberToName(c)
				if w, _ := f.GetColWidth(s, col); w < 6 || w > 60 {
					t.Errorf("%s: column %s width %v", where, col, w)
				}
			}
			p, err := f.GetPanes(s)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" || p.ActivePane != "bottomLeft" ||
				len(p.Selection) != 1 || p.Selection[0].SQRef != "A2" {
				t.Errorf("%s: panes %+v", where, p)
			}
			l, err := f.GetPageLayout(s)
			if err != nil {
				t.Fatal(err)
			}
			if *l.Orientation != "landscape" || *l.Size != 9 || l.FitToWidth == nil || *l.FitToWidth != 1 ||
				l.FitToHeight == nil || *l.FitToHeight != 0 {
				t.Errorf("%s: page layout %+v", where, l)
			}
			if sp, _ := f.GetSheetProps(s); sp.FitToPage == nil || !*sp.FitToPage {
				t.Errorf("%s: not fitted to the page", where)
			}
			if want := "'" + s + "'!$1:$1"; titles[s] != want {
				t.Errorf("%s: print titles %q, want %q", where, titles[s], want)
			}
		}
	}
}

func cellStyle(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestXLSXColumnsInOrder looks at the sheets' XML: Excel wants the <col>
// elements in ascending order, which excelize's stream writer does not see to.
func TestXLSXColumnsInOrder(t *testing.T) {
	data := build(t)[AllXLSX]
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	sheets := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		sheets++
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		var ws struct {
			Cols []struct {
				Min int `xml:"min,attr"`
				Max int `xml:"max,attr"`
			} `xml:"cols>col"`
		}
		if err := xml.Unmarshal(b, &ws); err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		next := 1
		for _, c := range ws.Cols {
			if c.Min != next || c.Max < c.Min {
				t.Errorf("%s: <col min=%d max=%d> where column %d is next", zf.Name, c.Min, c.Max, next)
			}
			next = c.Max + 1
		}
		if next != 2+len(columns) {
			t.Errorf("%s: widths for %d columns, want %d", zf.Name, next-1, 1+len(columns))
		}
	}
	if sheets != 2 {
		t.Errorf("all.xlsx has %d worksheets, want 2", sheets)
	}
}

// TestXLSXValues wants every value of the big sheet back exactly as the CSV
// has it (but for the CSV's defusing apostrophe), a formula-like name as
// text, and XML's special characters intact.
func TestXLSXValues(t *testing.T) {
	site := bigSite(120)
	d := site.Directories[0]
	d.Groups[0].Lead.Name = `=HYPERLINK("x")幼儿园`
	d.Groups[1].Lead.Address = "A&B <路> \"1\"号 "
	files, err := Build(site)
	if err != nil {
		t.Fatal(err)
	}
	var x, c []byte
	for _, f := range files {
		switch f.Path {
		case XLSXPath(d):
			x = f.Data
		case CSVPath(d):
			c = f.Data
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	want := readCSV(t, c)
	if len(got) != len(want) {
		t.Fatalf("%d rows in the sheet, %d in the CSV", len(got), len(want))
	}
	for i, rec := range want {
		for j, w := range rec {
			g := ""
			if j < len(got[i]) {
				g = got[i][j]
			}
			if g != strings.TrimPrefix(w, "'") {
				t.Errorf("row %d column %d: sheet %q, CSV %q", i+1, j+1, got[i], rec)
				break
			}
		}
	}
	if fm, _ := f.GetCellFormula(f.GetSheetName(0), "F2"); fm != "" {
		t.Errorf("a name that looks like a formula became the formula %q", fm)
	}
}

// TestDeterministic builds several times, with time passing, and wants the
// same bytes: the same zip entries in the same order, too, though excelize
// writes streamed sheets in a map's order.
func TestDeterministic(t *testing.T) {
	a := build(t)
	time.Sleep(1100 * time.Millisecond) // past a second, the resolution of zip and docProps times
	// Two sheets come out of excelize's map mostly in one order: try often.
	for range 40 {
		b := build(t)
		for p := range a {
			if !bytes.Equal(a[p], b[p]) {
				t.Fatalf("%s differs between two builds of the same site", p)
			}
		}
	}
}

func TestTextWidth(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "园所": 4, "区（市）": 8, "“共建”": 8, "a\n园所名称": 8} {
		if got := textWidth(s); got != want {
			t.Errorf("textWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestSheetNames(t *testing.T) {
	long := strings.Repeat("长", 40)
	ds := []*model.Directory{
		{ID: "a", Name: "联盟[一]/二"},
		{ID: "b", Name: long},
		{ID: "c", Name: long},
		{ID: "d", Name: "'"},
	}
	got := sheetNames(ds)
	want := []string{"联盟_一__二", strings.Repeat("长", 31), strings.Repeat("长", 28) + "(2)", "d"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sheet name %d = %q, want %q", i, got[i], want[i])
		}
	}
	// Excel must accept every one of them.
	if _, err := workbook(ds, got, "t", "", fixedTime); err != nil {
		t.Error(err)
	}
}

// bigSite is one grouped directory of n members, 9 partners to a lead, with
// every column filled: the shape of a large generated site.
func bigSite(n int) *model.Site {
	d := &model.Directory{ID: "big", Name: "大型测试联盟", Founded: day("2022-09-01")}
	for i := 0; i < n; i++ {
		m := model.Member{ID: fmt.Sprint("m", i), Name: fmt.Sprintf("测试市第%d幼儿园", i+1), District: "市中区",
			Tier: model.TierTown, Category: "一级园", Nature: "普惠性民办", Responsible: "王老师",
			Phone: phone.Number{Raw: fmt.Sprintf("0632-%07d", i), Public: true}, Address: fmt.Sprintf("测试市市中区文化路%d号", i+1),
			Website: "https://example.org/", Joined: day("2023-01-01")}
		if i%10 == 0 {
			d.Groups = append(d.Groups, model.Group{Tier: m.Tier, District: m.District, Lead: m})
			continue
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Partners = append(g.Partners, m)
	}
	return &model.Site{Directories: []*model.Directory{d}}
}

// BenchmarkBuild builds the files of a 1,000-member directory: its .xlsx and
// .csv, and all.xlsx and all.csv holding the same members again.
func BenchmarkBuild(b *testing.B) {
	site := bigSite(1000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(site); err != nil {
			b.Fatal(err)
		}
	}
}
