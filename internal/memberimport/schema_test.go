package memberimport

import (
	"reflect"
	"testing"
	"time"

	"alliance/internal/diag"
	"alliance/internal/load"
	"alliance/internal/model"
	"alliance/internal/phone"
)

// TestEveryFieldRoundTrips writes members with every field of model.Member
// set and reads the file back with the loader: each member must come back
// exactly. A field added to the model, or to the loader's schema, that the
// writer does not write (or the loader does not read) fails here; so does a
// field the sample leaves unset, which must then be set below.
func TestEveryFieldRoundTrips(t *testing.T) {
	day := time.Date(2021, 3, 16, 0, 0, 0, 0, time.UTC)
	full := func(id, name string) model.Member {
		return model.Member{
			ID: id, Name: name, District: "薛城区", Tier: model.TierDistrict, Category: "省级示范园", Nature: "公办",
			Responsible: "黄俐", Phone: phone.Number{Raw: "0632-3317000", Public: true}, Address: "文化东路1号",
			Website: "https://example.org/", Joined: day,
		}
	}
	lead := full("lead", "枣庄市实验幼儿园")
	lead.District, lead.Tier, lead.Role = "市直", model.TierCity, model.RoleLead
	partner := full("partner", "阳光幼儿园")
	partner.Role, partner.Lead = model.RolePartner, lead.Name
	partner.Phone = phone.Number{Raw: "13800001234"}
	grouped := &model.Directory{Groups: []model.Group{{Tier: model.TierCity, District: "市直", Lead: lead, Partners: []model.Member{partner}}}}
	flat := &model.Directory{Members: []model.Member{full("flat", "某幼儿园")}}

	// Every field of a member is set in the sample, but the lead's name,
	// which only partners have.
	for _, m := range []model.Member{lead, partner} {
		v := reflect.ValueOf(m)
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			if v.Field(i).IsZero() && !(name == "Lead" && m.Role == model.RoleLead) {
				t.Errorf("the sample member %s leaves %s unset: set it, and write and read it", m.Name, name)
			}
		}
	}
	for _, d := range []*model.Directory{grouped, flat} {
		data := newFile("x", WriteOptions{Name: "联盟"}, encodeMembers(d))
		var dl diag.List
		got := load.Directory("data/alliances/x.toml", data, time.UTC, &dl)
		if err := dl.Err(); err != nil || got == nil {
			t.Fatalf("the loader rejects the file written: %v\n%s", err, data)
		}
		back, want := got.AllMembers(), d.AllMembers()
		if len(back) != len(want) {
			t.Fatalf("%d members back, want %d:\n%s", len(back), len(want), data)
		}
		for i := range want {
			w := want[i] // a phone field keeps its number as written: it is masked where shown
			if !reflect.DeepEqual(back[i], w) {
				t.Errorf("member %d comes back as\n\t%+v\nwant\n\t%+v\nfrom\n%s", i+1, back[i], w, data)
			}
		}
		if len(d.Groups) > 0 && (got.Groups[0].Tier != d.Groups[0].Tier || got.Groups[0].District != d.Groups[0].District) {
			t.Errorf("group comes back as %+v", got.Groups[0])
		}
	}
}
