package memberimport

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"alliance/internal/model"
)

// flatCSV is a list as an office keeps it: a title row, headers written
// loosely (half-width brackets, spaces, synonyms), a padded name, a phone
// column beside a 手机 column, a cell with a line break.
const flatCSV = "枣庄市幼儿园联盟名单,,,,,,,\r\n" +
	"序号,区(市),单位名称,现类别,办园性质,责 任 人,电话,手机,层级,加入时间\r\n" +
	"1,市中区教体局,枣庄市实验幼儿园,省级示范园,公办,黄  俐,,13812345678,市级,2021/3/16\r\n" +
	"2,薛城区,\"薛城区实验\n幼儿园\",一级园,公办,李红,0632-4411000,,区(市)级,2021年3月16日\r\n" +
	"3,峄城区,峄城区阳光幼儿园,,普惠性民办,,,,,\r\n"

func mustRead(t *testing.T, name string, data []byte, opt Options) *Result {
	t.Helper()
	res, err := Read(name, data, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func checkFlat(t *testing.T, res *Result) {
	t.Helper()
	d := res.Directory
	if res.Layout != "flat" || len(d.Groups) != 0 || len(d.Members) != 3 {
		t.Fatalf("layout %s, %d groups, %d members; want flat with 3 members; problems %v", res.Layout, len(d.Groups), len(d.Members), res.Problems)
	}
	m := d.Members[0]
	if m.Name != "枣庄市实验幼儿园" || m.District != "市中区" || m.Tier != model.TierCity || m.Category != "省级示范园" ||
		m.Nature != "公办" || m.Responsible != "黄俐" || m.Phone.Raw != "13812345678" || m.Phone.Public ||
		m.Joined.Format("2006-01-02") != "2021-03-16" {
		t.Errorf("member 1: %+v", m)
	}
	m = d.Members[1]
	if m.Name != "薛城区实验幼儿园" || m.Tier != model.TierDistrict || m.Phone.Raw != "0632-4411000" || m.Joined.Format("2006-01-02") != "2021-03-16" {
		t.Errorf("member 2: %+v", m)
	}
	if m := d.Members[2]; m.Name != "峄城区阳光幼儿园" || m.Tier != "" || !m.Phone.IsZero() || !m.Joined.IsZero() {
		t.Errorf("member 3: %+v", m)
	}
	if res.Rows != 3 || len(res.Problems) != 0 {
		t.Errorf("rows %d, problems %v", res.Rows, res.Problems)
	}
}

func TestCSVUTF8(t *testing.T) {
	for name, data := range map[string]string{
		"bom.csv":    "\ufeff" + flatCSV,
		"no-bom.csv": flatCSV,
		"tabs.txt":   strings.ReplaceAll(flatCSV, ",", "\t"),
	} {
		t.Run(name, func(t *testing.T) {
			res := mustRead(t, name, []byte(data), Options{})
			if res.Format != "CSV, UTF-8" {
				t.Errorf("format %q", res.Format)
			}
			checkFlat(t, res)
		})
	}
}

func TestCSVGB18030(t *testing.T) {
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(flatCSV)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains([]byte(gbk), []byte("枣庄")) {
		t.Fatal("the test data was not re-encoded")
	}
	res := mustRead(t, "gbk.csv", []byte(gbk), Options{})
	if res.Format != "CSV, GB18030" {
		t.Errorf("format %q, want CSV, GB18030", res.Format)
	}
	checkFlat(t, res)
}

func TestPublicLandlines(t *testing.T) {
	res := mustRead(t, "a.csv", []byte(flatCSV), Options{PublicLandlines: true})
	if m := res.Directory.Members; m[0].Phone.Public || !m[1].Phone.Public {
		t.Errorf("mobile public %v, landline public %v; want false, true", m[0].Phone.Public, m[1].Phone.Public)
	}
}

// zaozhuangRows is the 附件2 联盟名单 of the Zaozhuang notice: two header
// rows, each data row a 主导园 and one of its 联盟园. Blank cells are the
// same as above, as merged cells become in CSV.
var zaozhuangRows = [][]string{
	{"附件2"},
	{"枣庄市幼儿园“共建 共享 共成长”联盟名单"},
	{"序号", "区（市） 教体局", "主导园", "", "", "", "联盟园", "", "", ""},
	{"", "", "园所名称", "现类别", "办园性质", "责任人", "园所名称", "现类别", "办园性质", "责任人"},
	{"1", "市直", "枣庄市实验幼儿园", "省级示范园", "公办", "黄俐", "枣庄市阳光幼儿园", "一级园", "普惠性民办", "李红"}, // row 5
	{"2", "", "", "", "", "", "枣庄市新城幼儿园", "", "民办", "王芳"},
	{"3", "市中区教体局", "市中区实验幼儿园", "省级示范园", "公办", "张敏", "市中区童心幼儿园", "", "普惠性民办", ""},
	{"4", "", "", "", "", "", "市中区小太阳幼儿园", "二级园", "民办", "赵丽"},
	{"5", "", "市中区实验幼儿园", "", "", "", "市中区育才幼儿园", "", "", ""}, // the lead repeated
}

func csvOf(rows [][]string) []byte {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

func checkZaozhuang(t *testing.T, res *Result) {
	t.Helper()
	d := res.Directory
	if res.Layout != "grouped" || len(d.Groups) != 2 || len(d.Members) != 0 {
		t.Fatalf("layout %s, %d groups, %d flat members; problems %v", res.Layout, len(d.Groups), len(d.Members), res.Problems)
	}
	g := d.Groups[0]
	if g.District != "市直" || g.Tier != model.TierCity || g.Lead.Name != "枣庄市实验幼儿园" || g.Lead.Responsible != "黄俐" ||
		g.Lead.Role != model.RoleLead || len(g.Partners) != 2 {
		t.Fatalf("group 1: %+v", g)
	}
	p := g.Partners[1]
	if p.Name != "枣庄市新城幼儿园" || p.Nature != "民办" || p.Responsible != "王芳" || p.District != "市直" ||
		p.Role != model.RolePartner || p.Lead != g.Lead.Name || p.Tier != model.TierCity {
		t.Errorf("partner 2 of group 1: %+v", p)
	}
	g = d.Groups[1]
	if g.District != "市中区" || g.Lead.Name != "市中区实验幼儿园" || len(g.Partners) != 3 || g.Partners[2].Name != "市中区育才幼儿园" {
		t.Errorf("group 2: %+v", g)
	}
	if len(res.Problems) != 0 {
		t.Errorf("problems: %v", res.Problems)
	}
}

func TestGroupedCSV(t *testing.T) {
	checkZaozhuang(t, mustRead(t, "名单.csv", csvOf(zaozhuangRows), Options{Tier: "市级"}))
}

// TestGroupedXLSX writes the Zaozhuang list as an office would: the header
// cells merged across and down, the district and the 主导园 merged down
// beside their partners.
func TestGroupedXLSX(t *testing.T) {
	f := excelize.NewFile()
	sh := "附件2"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		t.Fatal(err)
	}
	for r, row := range zaozhuangRows {
		for c, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if c == 0 && r >= 4 {
				f.SetCellInt(sh, cell, int64(r-3)) // 序号 as numbers
				continue
			}
			f.SetCellStr(sh, cell, v)
		}
	}
	// Clear what the merges stand for, so only the merge can supply it.
	for _, m := range [][2]string{{"A3", "A4"}, {"B3", "B4"}, {"C3", "F3"}, {"G3", "J3"},
		{"B5", "B6"}, {"C5", "C6"}, {"D5", "D6"}, {"E5", "E6"}, {"F5", "F6"},
		{"B7", "B9"}, {"C7", "C9"}} {
		if err := f.MergeCell(sh, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	res := mustRead(t, "名单.xlsx", buf.Bytes(), Options{Tier: "市级"})
	if res.Format != "xlsx" || res.Sheet != sh {
		t.Errorf("format %q sheet %q", res.Format, res.Sheet)
	}
	checkZaozhuang(t, res)
}

// TestGroupedOneRow reads the simplest pairing list: a 主导园 column and a
// 联盟园 column of names.
func TestGroupedOneRow(t *testing.T) {
	data := "序号,区（市）,主导园,联盟园\n1,市直,甲园,乙园\n2,,,丙园\n3,薛城区,丁园,戊园\n"
	d := mustRead(t, "p.csv", []byte(data), Options{}).Directory
	if len(d.Groups) != 2 || len(d.Groups[0].Partners) != 2 || d.Groups[1].District != "薛城区" || d.Groups[1].Partners[0].Name != "戊园" {
		t.Errorf("groups: %+v", d.Groups)
	}
}

func problemAt(res *Result, row int, contains string) bool {
	for _, p := range res.Problems {
		if p.Row == row && strings.Contains(p.Msg, contains) {
			return true
		}
	}
	return false
}

// TestBadRows checks that every row that cannot be read is reported with
// its row number as the spreadsheet shows it, and the others are read.
func TestBadRows(t *testing.T) {
	data := "联盟名单\n" + // row 1: a title
		"序号,园所名称,区（市）,层级,加入日期,备注,网址\n" + // row 2: the header
		"1,甲幼儿园,市直,市级,2021-03-16,,www.jia.cn\n" + // row 3
		"2,,市直,市级,,,\n" + // row 4: no name
		",,,,,,\n" + // row 5: blank, not a problem
		"3,乙幼儿园,市直,省级,2021年3月,,学校主页\n" + // row 6: unknown tier, bad date, bad website: read with warnings
		"4,甲幼儿园,薛城区,,,,\n" + // row 7: duplicate
		"5,\"丙\n幼儿园\",峄城区,,,,\n" + // row 8: a line break inside a cell is still row 8
		"6,丁幼儿园,'=SUM(A1),,,,\n" // row 9: defused formula
	res := mustRead(t, "bad.csv", []byte(data), Options{})
	d := res.Directory
	var names []string
	for _, m := range d.Members {
		names = append(names, m.Name)
	}
	if strings.Join(names, ",") != "甲幼儿园,乙幼儿园,丙幼儿园,丁幼儿园" {
		t.Errorf("members %q", names)
	}
	for _, want := range []struct {
		row  int
		text string
	}{
		{2, "column F (备注) not imported"},
		{4, "no 园所名称"},
		{6, "层级 \"省级\""},
		{6, "加入日期 \"2021年3月\""},
		{6, "网址 \"学校主页\""},
		{7, "already listed in row 3"},
	} {
		if !problemAt(res, want.row, want.text) {
			t.Errorf("no problem at row %d saying %q; problems: %v", want.row, want.text, res.Problems)
		}
	}
	if res.Skipped() != 2 || len(res.Problems) != 6 {
		t.Errorf("%d skipped, %d problems, want 2 and 6: %v", res.Skipped(), len(res.Problems), res.Problems)
	}
	if d.Members[0].Website != "http://www.jia.cn" || d.Members[1].Tier != "" || d.Members[3].District != "=SUM(A1)" {
		t.Errorf("members: %+v", d.Members)
	}
	if s := (Problem{Row: 4, Msg: "x"}).String(); s != "row 4: x" {
		t.Errorf("Problem.String() = %q", s)
	}
}

func TestBadGroupedRows(t *testing.T) {
	rows := [][]string{
		{"序号", "区（市）", "主导园", "", "联盟园", ""},
		{"", "", "园所名称", "责任人", "园所名称", "责任人"},
		{"1", "市直", "", "", "乙园", "李"},    // row 3: no lead yet
		{"2", "市直", "甲园", "黄", "丙园", "王"}, // row 4
		{"3", "", "", "", "", "赵"},        // row 5: partner without a name
		{"4", "", "", "", "丙园", ""},       // row 6: the same partner again
		{"5", "市直", "甲园", "黄", "甲园", "黄"}, // row 7: a lead partnered with itself
		{"6", "", "", "", "园所名称", "责任人"},  // row 8: a header repeated on a new page
		{"7", "", "", "", "丁园", ""},       // row 9
		{"说明：主导园填写全称", "说明：主导园填写全称", "说明：主导园填写全称", "说明：主导园填写全称", "说明：主导园填写全称", "说明：主导园填写全称"}, // row 10: a merged note
	}
	res := mustRead(t, "g.csv", csvOf(rows), Options{})
	for _, want := range []struct {
		row  int
		text string
	}{
		{3, "no 主导园"},
		{5, "联盟园 has no 园所名称"},
		{6, "already listed in row 4"},
		{7, "its own 主导园"},
		{10, "fills the whole row"},
	} {
		if !problemAt(res, want.row, want.text) {
			t.Errorf("no problem at row %d saying %q; problems: %v", want.row, want.text, res.Problems)
		}
	}
	d := res.Directory
	if len(d.Groups) != 1 || len(d.Groups[0].Partners) != 2 || d.Groups[0].Partners[1].Name != "丁园" || len(res.Problems) != 5 {
		t.Errorf("groups: %+v", d.Groups)
	}
}

func TestRoles(t *testing.T) {
	data := "角色,主导园,园所名称,区（市）,层级\n" +
		"主导园,,甲园,市直,市级\n" + // row 2
		"联盟园,甲园,乙园,,\n" + // row 3
		"联盟园,,丙园,薛城区,\n" + // row 4: the lead above
		"联盟园,戊园,丁园,,\n" + // row 5: unknown lead
		"主任园,,己园,,\n" + // row 6: unknown role
		",甲园,庚园,,\n" // row 7: no role, a lead named: a partner
	res := mustRead(t, "r.csv", []byte(data), Options{})
	d := res.Directory
	if res.Layout != "roles" || len(d.Groups) != 1 {
		t.Fatalf("layout %s, groups %+v", res.Layout, d.Groups)
	}
	ps := d.Groups[0].Partners
	if len(ps) != 3 || ps[0].District != "市直" || ps[0].Tier != model.TierCity || ps[1].District != "薛城区" || ps[2].Name != "庚园" {
		t.Errorf("partners %+v", ps)
	}
	if !problemAt(res, 5, "戊园") || !problemAt(res, 6, "主任园") {
		t.Errorf("problems: %v", res.Problems)
	}
}

func TestWholeFileErrors(t *testing.T) {
	for name, c := range map[string]struct {
		file string
		data string
		opt  Options
		want string
	}{
		"no header":      {"a.csv", "甲,乙\n丙,丁\n", Options{}, "no header row"},
		"weak name only": {"a.csv", "名称\n甲\n", Options{}, "no header row"},
		"xls":            {"a.xls", "\xD0\xCF\x11\xE0rest", Options{}, "Excel 97"},
		"docx":           {"a.docx", "PK\x03\x04", Options{}, "Word document"},
		"broken xlsx":    {"a.xlsx", "PK\x03\x04garbage", Options{}, "cannot read it as an .xlsx"},
		"bad tier":       {"a.csv", flatCSV, Options{Tier: "省级"}, "tier \"省级\""},
		"sheet for csv":  {"a.csv", flatCSV, Options{Sheet: "x"}, "--sheet"},
		"two alliances":  {"all.csv", "序号,所属联盟,园所名称\n1,甲联盟,甲园\n2,乙联盟,乙园\n", Options{}, "names 2 alliances (\"甲联盟\", \"乙联盟\")"},
		"empty":          {"a.csv", "", Options{}, "no header row"},
		"only a header":  {"a.csv", "园所名称,电话\n", Options{}, ""},
		"utf-16 content": {"a.txt", "\xFF\xFE" + string([]byte{0x2D, 0x56, 0x40, 0x62}), Options{}, "no header row"},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := Read(c.file, []byte(c.data), c.opt)
			if c.want == "" {
				if err != nil || res.Members() != 0 {
					t.Errorf("err %v, members %d", err, res.Members())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v, want one saying %q", err, c.want)
			}
		})
	}
}

func TestSheetChoice(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "封面")
	f.NewSheet("名单")
	f.SetSheetRow("名单", "A1", &[]string{"园所名称", "联系电话", "加入日期"})
	f.SetSheetRow("名单", "A2", &[]any{"甲园", 13812345678, time.Date(2021, 3, 16, 0, 0, 0, 0, time.UTC)})
	buf, _ := f.WriteToBuffer()
	for _, s := range []string{"名单", "2"} {
		res := mustRead(t, "w.xlsx", buf.Bytes(), Options{Sheet: s})
		// A phone typed as a number keeps all its digits; a date cell is a date.
		if res.Members() != 1 || res.Directory.Members[0].Phone.Raw != "13812345678" ||
			res.Directory.Members[0].Joined.Format("2006-01-02") != "2021-03-16" {
			t.Errorf("--sheet %s: %+v", s, res.Directory.Members)
		}
	}
	if _, err := Read("w.xlsx", buf.Bytes(), Options{Sheet: "名录"}); err == nil || !strings.Contains(err.Error(), `"Sheet1", "名单"`) {
		t.Errorf("unknown sheet: %v", err)
	}
	if _, err := Read("w.xlsx", buf.Bytes(), Options{}); err == nil {
		t.Error("the first sheet, a cover without a header, was read without an error")
	}
}

func TestHelpers(t *testing.T) {
	for in, want := range map[string]string{"区（市）": "区(市)", " 区 (市) ": "区(市)", "*园所名称：": "园所名称", "ＮＯ.": "no."} {
		if got := normHeader(in); got != want {
			t.Errorf("normHeader(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"2021-03-16": "2021-03-16", "2021/3/6": "2021-03-06", "2021.3.16": "2021-03-16",
		"2021年3月16日": "2021-03-16", "20210316": "2021-03-16", "44271": "2021-03-16", "2021-03-16 08:00:00": "2021-03-16"} {
		got, ok := parseDate(in)
		if !ok || got.Format("2006-01-02") != want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"2021年3月", "明年", "12", "2021-13-01"} {
		if _, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) succeeded", bad)
		}
	}
	for in, want := range map[string]string{"区(市)级": model.TierDistrict, " 镇（街）级": model.TierTown, "县级": model.TierDistrict, "市级": model.TierCity} {
		if got, ok := normTier(in); !ok || got != want {
			t.Errorf("normTier(%q) = %q", in, got)
		}
	}
	for in, want := range map[string]string{"1.3812345678E10": "13812345678", "13812345678.0": "13812345678", "0632-3317000": "0632-3317000", "1.5": "1.5"} {
		if got := fixNumber(in); got != want {
			t.Errorf("fixNumber(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]bool{"0632-3317000": true, "(0632)3317000": true, "400-800-1234": true, "13812345678": false,
		"0632-3317000，13812345678": false, "12345": false, "+86 138 1234 5678": false,
		"013812345678": false, "008613812345678": false, "0086 13812345678": false, "０６３２－３３１７０００": true} {
		if got := isLandline(in); got != want {
			t.Errorf("isLandline(%q) = %v", in, got)
		}
	}
	for in, want := range map[string]string{" 甲 ": "甲", "枣庄市实验\n幼儿园": "枣庄市实验幼儿园", "Sunshine\nKindergarten": "Sunshine Kindergarten",
		"'=1+1": "=1+1", "'abc": "'abc"} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNamesOnly reads a list of names under a single 单位名称 header.
func TestNamesOnly(t *testing.T) {
	res := mustRead(t, "n.csv", []byte("联盟成员\n单位名称\n甲园\n乙园\n"), Options{Tier: "镇（街）级"})
	if res.Members() != 2 || res.Directory.Members[1].Name != "乙园" || res.Directory.Members[1].Tier != model.TierTown {
		t.Errorf("members %+v", res.Directory.Members)
	}
}
