package load

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/phone"
)

const goodDirectory = `name = "宜昌市学前教育联盟"

[[groups]]
tier = "市级"
district = "西陵区"
[groups.lead]
id = "yichang-1"
name = "宜昌市第一幼儿园"
joined = 2022-09-01
phone = "13900002345"
[[groups.partners]]
name = "西陵区星光幼儿园"
responsible = "张  敏"
phone = { number = "0717-6220000", public = true }
address = "夷陵大道2号，电话13812345678"
[[groups.partners]]
name = "伍家岗区花园幼儿园"
district = "伍家岗区"
`

func TestDirectory(t *testing.T) {
	var dl diag.List
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	d := Directory("data/alliances/yichang.toml", []byte(goodDirectory), shanghai, &dl)
	if p := dl.Problems(); len(p) > 0 || d == nil {
		t.Fatalf("problems %v, directory %v", p, d)
	}
	if d.ID != "yichang" || d.Source != "data/alliances/yichang.toml" || d.URL != "directories/yichang/" || d.Name != "宜昌市学前教育联盟" {
		t.Errorf("directory %q %q %q %q", d.ID, d.Source, d.URL, d.Name)
	}
	if len(d.Groups) != 1 || len(d.Groups[0].Partners) != 2 || len(d.Members) != 0 {
		t.Fatalf("groups %+v, members %+v", d.Groups, d.Members)
	}
	lead, p1, p2 := d.Groups[0].Lead, d.Groups[0].Partners[0], d.Groups[0].Partners[1]
	if lead.ID != "yichang-1" || lead.Role != model.RoleLead || lead.District != "西陵区" || lead.Tier != model.TierCity ||
		lead.Phone != (phone.Number{Raw: "13900002345"}) || !lead.Joined.Equal(time.Date(2022, 9, 1, 0, 0, 0, 0, shanghai)) {
		t.Errorf("lead %+v", lead)
	}
	// Partners inherit the group's district and tier, get an anchor from
	// their name, and have personal numbers in their texts masked.
	if !strings.HasPrefix(p1.ID, "m-") || p1.Role != model.RolePartner || p1.Lead != "宜昌市第一幼儿园" || p1.District != "西陵区" ||
		p1.Responsible != "张敏" || p1.Phone != (phone.Number{Raw: "0717-6220000", Public: true}) || p1.Address != "夷陵大道2号，电话138****5678" {
		t.Errorf("first partner %+v", p1)
	}
	if p2.District != "伍家岗区" || p2.Tier != model.TierCity {
		t.Errorf("second partner %+v", p2)
	}

	// The directory is the one a build of a site holding the file has.
	s := loadOK(t, site(t, map[string]string{"data/alliances/yichang.toml": goodDirectory}))
	if len(s.Directories) != 1 || !reflect.DeepEqual(s.Directories[0], d) {
		t.Errorf("the build has\n%+v\nDirectory has\n%+v", s.Directories, d)
	}
}

func TestDirectoryProblems(t *testing.T) {
	for _, c := range []struct {
		rel, src string
		want     string // one problem, as printed
		nothing  bool   // no directory at all
	}{
		{"data/alliances/x.toml", "name = \"x\"\n\n[[members]]\nname = \"甲\"\nwebsite = \"ftp://example.org\"\n",
			`data/alliances/x.toml:3: member 甲: website "ftp://example.org" is not a web address (start the address with https:// or http://)`, false},
		{"data/alliances/x.toml", "name = \"x\"\n[[groups]]\ntier = \"省级\"\n[groups.lead]\nname = \"甲\"\n",
			`data/alliances/x.toml:2: unknown tier "省级" (use one of 市级, 区（市）级, 镇（街）级)`, false},
		{"data/alliances/x.toml", "name = \"x\"\n[[members]]\nname = \"甲\"\n[[members]]\ncategory = \"省级示范园\"\n",
			`data/alliances/x.toml:4: a member has no name (add name = "……幼儿园")`, false},
		{"data/alliances/x.toml", "[[members]]\nname = \"甲\"\n",
			`data/alliances/x.toml:1: name is missing (add name = "……联盟")`, false},
		{"data/alliances/x.toml", "name = \"x\"\n[[members]]\nname = \"甲\n",
			`data/alliances/x.toml:3: invalid TOML`, true},
		{"data/alliances/枣庄.toml", "name = \"x\"\n",
			`data/alliances/枣庄.toml: file name "枣庄" cannot be used in a URL`, true},
	} {
		var dl diag.List
		d := Directory(c.rel, []byte(c.src), nil, &dl)
		err := dl.Err()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: problems %v, want %s", c.src, err, c.want)
		}
		if (d == nil) != c.nothing {
			t.Errorf("%q: directory %v", c.src, d)
		}
	}
}
