package memberimport

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"alliance/internal/catalog"
	"alliance/internal/model"
	"alliance/internal/phone"
)

// headerSearch is how many rows may stand above the header: a title such as
// 枣庄市幼儿园联盟名单, an 附件2 line, a blank row.
const headerSearch = 20

// parse finds the header, picks the layout and reads the rows below it.
func parse(rows [][]string, opt Options, res *Result) error {
	res.Directory = &model.Directory{}
	for i := 0; i < len(rows) && i < headerSearch; i++ {
		p := &parser{opt: opt, res: res, alliances: map[string]int{}}
		if isGroupHeader(rows[i]) {
			if i+1 < len(rows) && hasNameHeader(rows[i+1]) {
				if c, ok := groupedColumns(rows[i], rows[i+1]); ok {
					p.c = c
					p.ignored(i + 2)
					return p.grouped(rows, i+2)
				}
			}
			if c, ok := groupedColumns(rows[i], nil); ok {
				p.c = c
				p.ignored(i + 1)
				return p.grouped(rows, i+1)
			}
		}
		if c, ok := flatColumns(rows[i]); ok {
			p.c = c
			p.ignored(i + 1)
			return p.flat(rows, i+1)
		}
	}
	return catalog.Errorf("no header row in the first 20 rows: the list needs a column headed 园所名称 " +
		"(or 单位名称, 幼儿园名称) and another such as 区（市） or 联系电话, " +
		"or the two-row 主导园 / 联盟园 header of the Zaozhuang 联盟名单")
}

// parser reads the rows below a header.
type parser struct {
	opt       Options
	res       *Result
	c         columns
	alliances map[string]int // 所属联盟 value → first row with it
	masked    Problem        // the first masked number, for the summary
}

func (p *parser) problem(row int, skipped bool, format string, args ...any) {
	p.res.Problems = append(p.res.Problems, Problem{Row: row, Msg: catalog.Sprintf(format, args...), Skipped: skipped})
}

// ignored warns about the header's columns that are not imported, so a
// misspelt header does not lose a column without a word.
func (p *parser) ignored(headerRow int) {
	if len(p.c.ignored) > 0 {
		p.problem(headerRow, false, "%s not imported: the header is not one the importer knows (see docs/import.md)",
			strings.Join(p.c.ignored, ", "))
	}
}

func (p *parser) v(row []string, sec section, f field) string {
	return p.c.value(row, key{sec, f})
}

// skip reports whether a row holds no member: blank (a 序号 alone counts as
// blank, as in a form with numbered empty rows), the header repeated on a
// later page, or a title or note merged across the row.
func (p *parser) skip(row []string, rn int) bool {
	seq := map[int]bool{}
	for _, c := range p.c.cols[key{secNone, fSeq}] {
		seq[c] = true
	}
	var vals []string
	for i, cell := range row {
		if v := clean(cell); v != "" && !seq[i] {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 || isGroupHeader(row) {
		return true
	}
	for _, sec := range []section{secNone, secLead, secPartner} {
		if p.c.has(key{sec, fName}) && fieldOf(p.v(row, sec, fName)) == fName {
			return true
		}
	}
	if len(vals) >= 3 {
		same := true
		for _, v := range vals {
			same = same && v == vals[0]
		}
		if same {
			p.problem(rn, true, "the same text %q fills the whole row, as in a merged title or note; row skipped", shorten(vals[0]))
			return true
		}
	}
	return false
}

// alliance records the row's 所属联盟, to refuse a list of several alliances.
func (p *parser) alliance(row []string, rn int) {
	if a := p.v(row, secNone, fAlliance); a != "" {
		if _, ok := p.alliances[a]; !ok {
			p.alliances[a] = rn
		}
	}
}

func (p *parser) checkAlliances() error {
	if len(p.alliances) <= 1 {
		return nil
	}
	names := make([]string, 0, len(p.alliances))
	for a := range p.alliances {
		names = append(names, a)
	}
	sortByRow(names, p.alliances)
	return catalog.Errorf("the 所属联盟 column names %d alliances (%s): import one alliance at a time, "+
		"from its own file (directories/ID/ID.xlsx) or one sheet of all.xlsx with --sheet", len(names), quoteList(names))
}

func sortByRow(names []string, row map[string]int) {
	sort.Slice(names, func(i, j int) bool { return row[names[i]] < row[names[j]] })
}

// member reads the member fields of one section of a row. filled reports
// whether any of them holds something.
func (p *parser) member(row []string, rn int, sec section) (m model.Member, filled bool) {
	get := func(f field) string {
		v := p.v(row, sec, f)
		filled = filled || v != ""
		return v
	}
	m.Name = get(fName)
	m.Category = get(fCategory)
	m.Nature = get(fNature)
	m.Responsible = strings.Join(strings.Fields(get(fResponsible)), "") // 黄  俐, padded to line up, is 黄俐
	m.Phone = p.phone(get(fPhone), rn)
	m.Address = get(fAddress)
	m.Website = p.website(get(fWebsite), rn)
	if s := get(fJoined); s != "" {
		t, ok := parseDate(s)
		if !ok {
			p.problem(rn, false, "加入日期 %q is not a date such as 2021-03-16; left empty", s)
		}
		m.Joined = t
	}
	return m, filled
}

// phone reads a number. A masked number (138****1234, as the site's
// downloads show personal numbers) cannot be restored: it is left out and
// counted for one warning. Full-width digits (１３８…) are written in ASCII,
// as the site reads them.
func (p *parser) phone(s string, rn int) phone.Number {
	if s == "" {
		return phone.Number{}
	}
	if strings.ContainsAny(s, "*＊") {
		if p.res.Masked == 0 {
			p.masked = Problem{Row: rn, Msg: s}
		}
		p.res.Masked++
		return phone.Number{}
	}
	s = fixNumber(phone.ASCIIDigits(s))
	return phone.Number{Raw: s, Public: p.opt.PublicLandlines && isLandline(s)}
}

// fixNumber undoes what a spreadsheet does to a phone typed as a number:
// 1.3800001234E10 and 13800001234.0 become 13800001234.
func fixNumber(s string) string {
	if strings.ContainsAny(s, "eE.") && !strings.ContainsAny(s, " -()（）+") {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 1e6 && f < 1e15 && f == math.Trunc(f) {
			return strconv.FormatFloat(f, 'f', 0, 64)
		}
	}
	return s
}

// isLandline reports whether s is an office number rather than a personal
// one: it holds no mobile number and starts with an area code (0…) or is a
// 400/800 service number.
func isLandline(s string) bool {
	if len(phone.FindMobiles(s)) > 0 {
		return false
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, phone.ASCIIDigits(strings.TrimSpace(s)))
	// A mobile behind a country code or a trunk 0 (0086…, 86…, 0…) is still a mobile.
	rest := digits
	for _, p := range []string{"0086", "86"} {
		rest = strings.TrimPrefix(rest, p)
	}
	rest = strings.TrimPrefix(rest, "0")
	if len(rest) == 11 && rest[0] == '1' && rest[1] >= '3' && rest[1] <= '9' {
		return false
	}
	return len(digits) >= 7 && (digits[0] == '0' || strings.HasPrefix(digits, "400") || strings.HasPrefix(digits, "800"))
}

// website reads a 网址 cell. The site links only to http and https
// addresses, written in lower case (HTTP://… becomes http://…), so
// www.example.org gets http:// and anything that is not an address is left
// out.
func (p *parser) website(s string, rn int) string {
	low := strings.ToLower(s)
	switch {
	case s == "":
		return s
	case strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://"):
		n := strings.Index(s, "://")
		return strings.ToLower(s[:n]) + s[n:]
	case !strings.ContainsAny(s, " \t，。、") && strings.Contains(s, ".") && s[0] < utf8.RuneSelf:
		return "http://" + s
	}
	p.problem(rn, false, "网址 %q is not a web address such as https://example.org/; left out", shorten(s))
	return ""
}

// tier reads a 层级 cell; an empty one takes the --tier option.
func (p *parser) tier(s string, rn int) string {
	if s == "" {
		return p.opt.Tier
	}
	t, ok := normTier(s)
	if !ok {
		p.problem(rn, false, "层级 %q is not %s, %s or %s; left empty", s, model.TierCity, model.TierDistrict, model.TierTown)
	}
	return t
}

// tierNames maps how offices write a tier to the model's three tiers.
var tierNames = map[string][]string{
	model.TierCity:     {"市级", "市直"},
	model.TierDistrict: {"区（市）级", "区级", "县级", "区县级", "县（区）级", "县（市、区）级", "区（县）级", "县（市）级", "区（县、市）级"},
	model.TierTown:     {"镇（街）级", "镇级", "街道级", "乡镇级", "镇街级", "乡（镇）级", "镇（街道）级", "乡镇（街道）级"},
}

func normTier(s string) (string, bool) {
	n := normHeader(s)
	for t, names := range tierNames {
		for _, name := range names {
			if normHeader(name) == n {
				return t, true
			}
		}
	}
	return "", false
}

// normRole reads a 角色 cell.
func normRole(s string) (string, bool) {
	switch normHeader(s) {
	case "主导园", "主导", "主导园所", "牵头园", "lead":
		return model.RoleLead, true
	case "联盟园", "联盟", "联盟园所", "成员园", "结对园", "成员", "partner":
		return model.RolePartner, true
	}
	return "", false
}

// cleanDistrict drops the office after a district: the Zaozhuang list heads
// the column 区（市）教体局 and may write 市中区教体局 for 市中区.
func cleanDistrict(s string) string {
	for _, suffix := range []string{"教育和体育局", "教育体育局", "教体局", "教育局"} {
		if t := strings.TrimSuffix(s, suffix); t != s && t != "" {
			return t
		}
	}
	return s
}

// entry is one member row of a flat list, before grouping.
type entry struct {
	row  int
	m    model.Member
	role string // as written
	lead string // 主导园 column
}

// flat reads one member per row: the site's own downloads, and lists with
// 园所名称 and the other fields side by side. With a 角色 or 主导园 column
// the members form groups; without, a flat list.
func (p *parser) flat(rows [][]string, start int) error {
	var entries []entry
	for i := start; i < len(rows); i++ {
		rn, row := i+1, rows[i]
		if p.skip(row, rn) {
			continue
		}
		p.res.Rows++
		p.alliance(row, rn)
		m, _ := p.member(row, rn, secNone)
		if m.Name == "" {
			p.problem(rn, true, "no 园所名称 (name of the kindergarten); row skipped")
			continue
		}
		m.District = cleanDistrict(p.v(row, secNone, fDistrict))
		m.Tier = p.tier(p.v(row, secNone, fTier), rn)
		entries = append(entries, entry{row: rn, m: m, role: p.v(row, secNone, fRole), lead: p.v(row, secNone, fLead)})
	}
	if err := p.checkAlliances(); err != nil {
		return err
	}
	grouped := false
	for _, e := range entries {
		grouped = grouped || e.role != "" || e.lead != ""
	}
	if grouped {
		p.res.Layout = "roles"
		p.byRole(entries)
	} else {
		p.res.Layout = "flat"
		seen := map[string]int{}
		for _, e := range entries {
			if r, ok := seen[e.m.Name]; ok {
				p.problem(e.row, true, "%s is already listed in row %d; row skipped", e.m.Name, r)
				continue
			}
			seen[e.m.Name] = e.row
			p.res.Directory.Members = append(p.res.Directory.Members, e.m)
		}
	}
	p.summary()
	return nil
}

// byRole groups flat rows by their 角色: each 主导园 opens a group, each 联盟园
// joins the 主导园 its row names, or the nearest one above. A row without a
// 角色 is a 联盟园 when it names a 主导园, else a 主导园.
func (p *parser) byRole(entries []entry) {
	d := p.res.Directory
	index := map[string]int{} // lead name → group
	rowOf := map[string]int{}
	roles := make([]string, len(entries))
	for i, e := range entries {
		role, ok := normRole(e.role)
		switch {
		case e.role == "" && e.lead != "":
			role = model.RolePartner
		case e.role == "":
			role = model.RoleLead
		case !ok:
			p.problem(e.row, true, "角色 %q is neither %s nor %s; row skipped", e.role, model.RoleLead, model.RolePartner)
			continue
		}
		roles[i] = role
		if role != model.RoleLead {
			continue
		}
		if r, ok := rowOf[e.m.Name]; ok {
			p.problem(e.row, true, "主导园 %s is already listed in row %d; row skipped", e.m.Name, r)
			roles[i] = ""
			continue
		}
		rowOf[e.m.Name] = e.row
		index[e.m.Name] = len(d.Groups)
		e.m.Role = model.RoleLead
		d.Groups = append(d.Groups, model.Group{Tier: e.m.Tier, District: e.m.District, Lead: e.m})
	}
	current := ""
	partnerRow := map[[2]string]int{}
	for i, e := range entries {
		switch roles[i] {
		case model.RoleLead:
			current = e.m.Name
			continue
		case "":
			continue
		}
		lead := e.lead
		if lead == "" {
			lead = current
		}
		g, ok := index[lead]
		switch {
		case lead == "":
			p.problem(e.row, true, "联盟园 %s names no 主导园, and none is listed above it; row skipped", e.m.Name)
			continue
		case !ok:
			p.problem(e.row, true, "主导园 %s of 联盟园 %s is not listed in a row of its own with 角色 %s; row skipped",
				lead, e.m.Name, model.RoleLead)
			continue
		}
		if r, ok := partnerRow[[2]string{lead, e.m.Name}]; ok {
			p.problem(e.row, true, "联盟园 %s of %s is already listed in row %d; row skipped", e.m.Name, lead, r)
			continue
		}
		partnerRow[[2]string{lead, e.m.Name}] = e.row
		grp := &d.Groups[g]
		if e.m.District == "" {
			e.m.District = grp.District
		}
		if e.m.Tier == "" {
			e.m.Tier = grp.Tier
		}
		e.m.Role, e.m.Lead = model.RolePartner, lead
		grp.Partners = append(grp.Partners, e.m)
	}
}

// grouped reads the Zaozhuang layout: each row holds a 主导园 and one of its
// partners. A blank 主导园 (or one merged down in the workbook) means the
// same as above, and so does a blank 区（市）.
func (p *parser) grouped(rows [][]string, start int) error {
	p.res.Layout = "grouped"
	d := p.res.Directory
	index := map[string]int{}         // lead name → group
	leadRow := map[string]int{}       // lead name → first row
	partnerRow := map[[2]string]int{} // lead, partner → row
	cur, lastDistrict := -1, ""
	for i := start; i < len(rows); i++ {
		rn, row := i+1, rows[i]
		if p.skip(row, rn) {
			continue
		}
		p.res.Rows++
		p.alliance(row, rn)
		lead, leadFilled := p.member(row, rn, secLead)
		partner, partnerFilled := p.member(row, rn, secPartner)
		district := cleanDistrict(p.v(row, secNone, fDistrict))
		switch {
		case district != "":
		case lead.Name == "" && cur >= 0:
			district = d.Groups[cur].District
		default:
			district = lastDistrict
		}
		lastDistrict = district

		var g int
		switch {
		case lead.Name != "":
			if idx, ok := index[lead.Name]; ok {
				g = idx
				fill(&d.Groups[g].Lead, lead)
				break
			}
			tier := p.tier(p.v(row, secNone, fTier), rn)
			lead.District, lead.Tier, lead.Role = district, tier, model.RoleLead
			g = len(d.Groups)
			index[lead.Name], leadRow[lead.Name] = g, rn
			d.Groups = append(d.Groups, model.Group{Tier: tier, District: district, Lead: lead})
		case cur >= 0:
			g = cur
			if leadFilled {
				p.problem(rn, false, "主导园 has no 园所名称; its other cells are read as those of %s above", d.Groups[g].Lead.Name)
				fill(&d.Groups[g].Lead, lead)
			}
		default:
			p.problem(rn, true, "no 主导园 名称, and no 主导园 above it to continue; row skipped")
			continue
		}
		cur = g
		grp := &d.Groups[g]
		switch {
		case partner.Name == grp.Lead.Name:
			p.problem(rn, true, "联盟园 %s is its own 主导园; 联盟园 skipped", partner.Name)
		case partner.Name != "":
			k := [2]string{grp.Lead.Name, partner.Name}
			if r, ok := partnerRow[k]; ok {
				p.problem(rn, true, "联盟园 %s of %s is already listed in row %d; 联盟园 skipped", partner.Name, grp.Lead.Name, r)
				continue
			}
			partnerRow[k] = rn
			partner.District, partner.Tier = grp.District, grp.Tier
			partner.Role, partner.Lead = model.RolePartner, grp.Lead.Name
			grp.Partners = append(grp.Partners, partner)
		case partnerFilled:
			p.problem(rn, true, "联盟园 has no 园所名称; only the 主导园 %s was read", grp.Lead.Name)
		}
	}
	if err := p.checkAlliances(); err != nil {
		return err
	}
	p.summary()
	return nil
}

// fill copies into dst the fields it lacks from src: a 主导园 repeated on
// several rows may have its phone on only one of them.
func fill(dst *model.Member, src model.Member) {
	for _, f := range []struct{ d, s *string }{
		{&dst.Category, &src.Category}, {&dst.Nature, &src.Nature}, {&dst.Responsible, &src.Responsible},
		{&dst.Address, &src.Address}, {&dst.Website, &src.Website},
	} {
		if *f.d == "" {
			*f.d = *f.s
		}
	}
	if dst.Phone.IsZero() {
		dst.Phone = src.Phone
	}
	if dst.Joined.IsZero() {
		dst.Joined = src.Joined
	}
}

// summary adds the warning about masked numbers, once for the whole file.
func (p *parser) summary() {
	switch {
	case p.res.Masked == 1:
		p.problem(0, false, "1 masked phone number, %s in row %d, cannot be restored and was left out: "+
			"the site's downloads mask personal numbers, so add the full number to the TOML file by hand",
			p.masked.Msg, p.masked.Row)
	case p.res.Masked > 1:
		p.problem(0, false, "%d masked phone numbers, such as %s in row %d, cannot be restored and were left out: "+
			"the site's downloads mask personal numbers, so add the full numbers to the TOML file by hand",
			p.res.Masked, p.masked.Msg, p.masked.Row)
	}
}

// parseDate reads the dates offices write: 2021-03-16, 2021/3/16, 2021.3.16,
// 2021年3月16日, 20210316, and the serial number of a date cell in a workbook.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "-/") {
		if len(s) == 8 && !strings.Contains(s, ".") {
			if t, err := time.Parse("20060102", s); err == nil {
				return t, true
			}
		}
		// Serial numbers from 1950 to 2100.
		if f >= 18264 && f < 73051 {
			t, err := excelize.ExcelDateToTime(f, false)
			if err == nil {
				return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
			}
		}
		return time.Time{}, false
	}
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i] // a time of day after the date
	}
	s = strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-").Replace(s)
	t, err := time.Parse("2006-1-2", s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// clean tidies a cell: line breaks inside a cell joined (with nothing between
// two 汉字, else a space), spaces trimmed, and the apostrophe the site's CSV
// puts before a value that looks like a formula removed.
func clean(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u200b", "", "\ufeff", "").Replace(s)
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(line)
			if last < utf8.RuneSelf || first < utf8.RuneSelf {
				b.WriteByte(' ')
			}
		}
		b.WriteString(line)
	}
	s = b.String()
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		s = s[1:]
	}
	return s
}

// shorten keeps a quoted value short in a message.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 20 {
		return s
	}
	return string([]rune(s)[:20]) + "…"
}
