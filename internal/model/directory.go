package model

import (
	"time"

	"alliance/internal/phone"
)

// Member tiers of a three-level alliance.
const (
	TierCity     = "市级"
	TierDistrict = "区（市）级"
	TierTown     = "镇（街）级"
)

// Member roles in a grouped directory.
const (
	RoleLead    = "主导园"
	RolePartner = "联盟园"
)

// Directory is an alliance with its governance and its members.
type Directory struct {
	ID          string `mask:"-"` // file name without .toml; ASCII
	Source      string `mask:"-"`
	URL         string `mask:"-"` // site-relative, such as "directories/zaozhuang/"
	Name        string
	ShortName   string
	Founded     time.Time
	TermStart   string // "2021-03"
	TermEnd     string // "2023-12"
	Description string
	Sample      bool           // members are illustrative, not real
	SampleNote  string         // what to say about the sample data
	Params      map[string]any // the file's [params] table, for custom layouts
	Governance  []Board
	Groups      []Group  // lead kindergarten with partners; empty for a flat list
	Members     []Member // flat list; empty when Groups are used
}

// Board is a governing body such as 理事会, 秘书处 or 领导小组.
type Board struct {
	Name        string
	Description string
	People      []Person
}

// Person is someone in a governing body.
type Person struct {
	Role string // 组长, 副组长, 成员, 理事长…
	Name string
	Post string // 职务
}

// Group is one lead kindergarten (主导园) with its partners (联盟园).
type Group struct {
	Tier     string
	District string
	Lead     Member
	Partners []Member
}

// Member is one member unit of an alliance.
type Member struct {
	ID          string `mask:"-"` // anchor on the directory page, unique within the directory
	Name        string
	District    string
	Tier        string
	Category    string // 现类别, such as 省级示范园
	Nature      string // 办园性质: 公办, 民办, 普惠性民办…
	Responsible string // 责任人
	Phone       phone.Number
	Address     string
	Website     string `mask:"-"`
	Joined      time.Time
	Role        string // RoleLead, RolePartner, or "" in a flat list
	Lead        string // for a partner, the name of its lead kindergarten
}

// AllMembers returns every member in page order: each lead followed by its
// partners, or the flat list.
func (d *Directory) AllMembers() []Member {
	if len(d.Groups) == 0 {
		return d.Members
	}
	out := make([]Member, 0, d.MemberCount())
	for _, g := range d.Groups {
		out = append(out, g.Lead)
		out = append(out, g.Partners...)
	}
	return out
}

// MemberCount returns len(d.AllMembers()) without building the list, for
// pages that only show how many members a directory has.
func (d *Directory) MemberCount() int {
	if len(d.Groups) == 0 {
		return len(d.Members)
	}
	n := 0
	for _, g := range d.Groups {
		n += 1 + len(g.Partners)
	}
	return n
}
