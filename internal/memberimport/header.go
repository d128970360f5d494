package memberimport

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// field is what a column holds.
type field int

const (
	fNone field = iota
	fSeq
	fAlliance
	fTier
	fDistrict
	fRole
	fLead // in a flat list: the name of a partner's lead kindergarten
	fName
	fCategory
	fNature
	fResponsible
	fPhone
	fAddress
	fWebsite
	fJoined
)

// section says whose column it is in the grouped layout, where one row holds
// a lead kindergarten (主导园) and one of its partners (联盟园).
type section int

const (
	secNone section = iota
	secLead
	secPartner
)

// synonyms lists the headers each field is known by, as offices write them.
// They are compared after normHeader, so spaces and full- or half-width
// brackets do not matter.
var synonyms = map[field][]string{
	fSeq:      {"序号", "编号", "序", "no", "no.", "序列号"},
	fAlliance: {"所属联盟", "联盟名称", "联盟"},
	fTier:     {"层级", "级别", "联盟层级", "联盟级别", "层次"},
	fDistrict: {"区（市）", "区（市）教体局", "区（市）教育局", "区县", "区（县）", "县（区）", "县（市、区）",
		"区（县、市）", "县市区", "区县（市）", "所属区（市）", "所在区（市）", "所属区县", "区域", "地区", "所属区域", "所在地区"},
	fRole:        {"角色", "园所角色", "联盟角色"},
	fLead:        {"主导园", "所属主导园", "主导园名称"},
	fName:        {"园所名称", "单位名称", "幼儿园名称", "园名", "园所", "学校名称", "名称", "幼儿园", "成员单位", "单位"},
	fCategory:    {"现类别", "类别", "园所类别", "现等级", "等级", "园所等级", "办园等级", "类别等级"},
	fNature:      {"办园性质", "性质", "办学性质", "园所性质"},
	fResponsible: {"责任人", "负责人", "园长", "联系人", "园长姓名", "负责人姓名"},
	fPhone: {"联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "联系人电话",
		"负责人电话", "办公电话", "固定电话"},
	fAddress: {"地址", "园所地址", "通讯地址", "详细地址", "单位地址"},
	fWebsite: {"网址", "网站", "主页", "网站地址"},
	fJoined:  {"加入日期", "加入时间", "入盟日期", "入盟时间", "加盟时间"},
}

// sectionNames are the group headers of the grouped layout.
var sectionNames = map[section][]string{
	secLead:    {"主导园", "主导园所", "牵头园", "主导幼儿园"},
	secPartner: {"联盟园", "联盟园所", "成员园", "结对园", "联盟幼儿园"},
}

var (
	headerField   = map[string]field{}
	headerSection = map[string]section{}
)

func init() {
	for f, names := range synonyms {
		for _, n := range names {
			headerField[normHeader(n)] = f
		}
	}
	for s, names := range sectionNames {
		for _, n := range names {
			headerSection[normHeader(n)] = s
		}
	}
}

// normHeader reduces a header to what identifies it: full-width letters and
// brackets made half-width, spaces, line breaks, required-field stars and
// colons removed, letters lower-cased. 区（市） and " 区(市) " compare equal.
func normHeader(s string) string {
	s = width.Narrow.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '\u200b', r == '\ufeff', r == '*', r == ':':
			continue
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fieldOf returns the field a header names, or fNone.
func fieldOf(h string) field { return headerField[normHeader(h)] }

// sectionOf returns the group a header opens in the grouped layout, or secNone.
func sectionOf(h string) section { return headerSection[normHeader(h)] }

// key is a column's meaning: a field, for the lead or the partner in the
// grouped layout.
type key struct {
	sec section
	f   field
}

// columns maps each meaning to the columns that hold it, leftmost first; a
// cell is read from the first of them that is not empty (电话 and 手机 side
// by side).
type columns struct {
	cols    map[key][]int
	ignored []string // headers of columns that are not imported, for a warning
}

func (c *columns) add(k key, col int) {
	if c.cols == nil {
		c.cols = map[key][]int{}
	}
	c.cols[k] = append(c.cols[k], col)
}

func (c *columns) has(k key) bool { return len(c.cols[k]) > 0 }

// value returns the cleaned value of k in row.
func (c *columns) value(row []string, k key) string {
	for _, col := range c.cols[k] {
		if col < len(row) {
			if v := clean(row[col]); v != "" {
				return v
			}
		}
	}
	return ""
}

// strongNames are name headers that mark a header row on their own, for a
// list of names only; the weaker ones (名称, 单位) also appear in titles.
var strongNames = map[string]bool{"园所名称": true, "单位名称": true, "幼儿园名称": true, "学校名称": true}

// flatColumns maps a one-row header. ok is false when it is not a header:
// it needs a name column and another known column, or a name header that
// cannot be anything else.
func flatColumns(head []string) (c columns, ok bool) {
	known, strong := 0, false
	for i, h := range head {
		strong = strong || strongNames[normHeader(h)]
		f := fieldOf(h)
		if f == fNone {
			if strings.TrimSpace(h) != "" {
				c.ignored = append(c.ignored, colLabel(i, h))
			}
			continue
		}
		known++
		c.add(key{secNone, f}, i)
	}
	return c, c.has(key{secNone, fName}) && (known >= 2 || strong)
}

// groupedColumns maps the header of the grouped layout. top holds the group
// headers (主导园, 联盟园) with the shared columns (序号, 区（市）); sub, when
// not nil, the second header row with each group's fields (园所名称, 现类别 …).
// A group header is read as covering the blank cells to its right, as a
// merged cell saved to CSV leaves them. Without sub, each group has a single
// column holding the name.
func groupedColumns(top, sub []string) (c columns, ok bool) {
	sec := secNone
	for i := 0; i < max(len(top), len(sub)); i++ {
		h1, h2 := at(top, i), at(sub, i)
		if s := sectionOf(h1); s != secNone {
			sec = s
		} else if strings.TrimSpace(h1) != "" {
			sec = secNone
		}
		if sec == secNone {
			h := h1
			if strings.TrimSpace(h) == "" {
				h = h2
			}
			switch f := fieldOf(h); f {
			case fSeq, fAlliance, fTier, fDistrict:
				c.add(key{secNone, f}, i)
			default:
				if strings.TrimSpace(h) != "" {
					c.ignored = append(c.ignored, colLabel(i, h))
				}
			}
			continue
		}
		if sub == nil {
			if sectionOf(h1) != secNone {
				c.add(key{sec, fName}, i)
			}
			continue
		}
		switch f := fieldOf(h2); f {
		case fNone, fSeq, fAlliance, fRole, fLead:
			if strings.TrimSpace(h2) != "" {
				c.ignored = append(c.ignored, colLabel(i, h2))
			}
		default:
			c.add(key{sec, f}, i)
		}
	}
	return c, c.has(key{secLead, fName})
}

func at(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// colLabel names a column as a spreadsheet shows it: "column F (备注)".
func colLabel(i int, h string) string {
	return "column " + colName(i) + " (" + clean(h) + ")"
}

// colName returns the letters of the 0-based column c: A, B, … Z, AA, …
func colName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// isGroupHeader reports whether row opens the grouped layout: it has both a
// 主导园 and a 联盟园 header.
func isGroupHeader(row []string) bool {
	var lead, partner bool
	for _, h := range row {
		switch sectionOf(h) {
		case secLead:
			lead = true
		case secPartner:
			partner = true
		}
	}
	return lead && partner
}

// hasNameHeader reports whether some cell of row is a name header (园所名称).
func hasNameHeader(row []string) bool {
	for _, h := range row {
		if fieldOf(h) == fName {
			return true
		}
	}
	return false
}
