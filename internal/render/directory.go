package render

import (
	"sort"

	"alliance/internal/model"
)

// DirView arranges a directory for its page: members by tier, then district,
// with counts, and the values the filters offer.
type DirView struct {
	Total     int
	Tiers     []TierView
	Districts []string
	TierNames []string
	Natures   []string
}

// TierView is the members of one tier.
type TierView struct {
	Name      string // "" for members without a tier
	Count     int
	Districts []DistrictView
}

// DistrictView is the members of one district within a tier.
type DistrictView struct {
	Name    string
	Count   int
	Groups  []model.Group
	Members []model.Member
}

var tierOrder = map[string]int{model.TierCity: 0, model.TierDistrict: 1, model.TierTown: 2, "": 3}

func newDirView(d *model.Directory) *DirView {
	v := &DirView{}
	type key struct{ tier, district string }
	idx := map[key]*DistrictView{}
	var order []key
	get := func(k key) *DistrictView {
		if dv, ok := idx[k]; ok {
			return dv
		}
		dv := &DistrictView{Name: k.district}
		idx[k] = dv
		order = append(order, k)
		return dv
	}
	for _, g := range d.Groups {
		dv := get(key{g.Tier, g.District})
		dv.Groups = append(dv.Groups, g)
		dv.Count += 1 + len(g.Partners)
	}
	for _, m := range d.Members {
		dv := get(key{m.Tier, m.District})
		dv.Members = append(dv.Members, m)
		dv.Count++
	}
	sort.SliceStable(order, func(i, j int) bool { return tierOrder[order[i].tier] < tierOrder[order[j].tier] })
	tiers := map[string]*TierView{}
	var tierList []string
	for _, k := range order {
		t, ok := tiers[k.tier]
		if !ok {
			t = &TierView{Name: k.tier}
			tiers[k.tier] = t
			tierList = append(tierList, k.tier)
		}
		t.Districts = append(t.Districts, *idx[k])
		t.Count += idx[k].Count
	}
	for _, name := range tierList {
		v.Tiers = append(v.Tiers, *tiers[name])
		v.Total += tiers[name].Count
		if name != "" {
			v.TierNames = append(v.TierNames, name)
		}
	}
	seenD, seenN := map[string]bool{}, map[string]bool{}
	for _, m := range d.AllMembers() {
		if m.District != "" && !seenD[m.District] {
			seenD[m.District] = true
			v.Districts = append(v.Districts, m.District)
		}
		if m.Nature != "" && !seenN[m.Nature] {
			seenN[m.Nature] = true
			v.Natures = append(v.Natures, m.Nature)
		}
	}
	return v
}
