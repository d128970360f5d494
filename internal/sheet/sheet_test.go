package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
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

// TestDeterministic builds twice, with time passing, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	a := build(t)
	time.Sleep(1100 * time.Millisecond) // past a second, the resolution of zip and docProps times
	b := build(t)
	for p := range a {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two builds of the same site", p)
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

func TestColName(t *testing.T) {
	for c, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := colName(c); got != want {
			t.Errorf("colName(%d) = %s, want %s", c, got, want)
		}
	}
}
