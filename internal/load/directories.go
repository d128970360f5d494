package load

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/parallel"
	"alliance/internal/phone"
	"alliance/internal/privacy"
	"alliance/internal/tomllimit"
)

type directoryFile struct {
	Name        string         `toml:"name"`
	ShortName   string         `toml:"short_name"`
	Founded     any            `toml:"founded"`
	TermStart   string         `toml:"term_start"`
	TermEnd     string         `toml:"term_end"`
	Description string         `toml:"description"`
	Sample      bool           `toml:"sample"`
	SampleNote  string         `toml:"sample_note"`
	Governance  []boardFile    `toml:"governance"`
	Groups      []groupFile    `toml:"groups"`
	Members     []memberFile   `toml:"members"`
	Params      map[string]any `toml:"params"`
}

type boardFile struct {
	Name        string `toml:"name"`
	Description string `toml:"description"`
	People      []struct {
		Role string `toml:"role"`
		Name string `toml:"name"`
		Post string `toml:"post"`
	} `toml:"people"`
}

type groupFile struct {
	Tier     string       `toml:"tier"`
	District string       `toml:"district"`
	Lead     *memberFile  `toml:"lead"`
	Partners []memberFile `toml:"partners"`
}

type memberFile struct {
	ID          string       `toml:"id"`
	Name        string       `toml:"name"`
	District    string       `toml:"district"`
	Tier        string       `toml:"tier"`
	Category    string       `toml:"category"`
	Nature      string       `toml:"nature"`
	Responsible string       `toml:"responsible"`
	Phone       phone.Number `toml:"phone"`
	Address     string       `toml:"address"`
	Website     string       `toml:"website"`
	Joined      any          `toml:"joined"`
}

// dataFiles lists data/<kind>/*.toml in name order.
func (l *loader) dataFiles(kind string) []string {
	dir := filepath.Join(l.root, "data", kind)
	entries, err := l.fs.ReadDir(l.rel(dir))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.fileError(l.rel(dir), 0, catalog.Key("cannot read folder"), err)
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		// Hidden files (.DS_Store, an editor's .#name.toml) are not data,
		// whatever they hold or link to.
		if e.Dir || !strings.HasSuffix(e.Name, ".toml") || strings.HasPrefix(e.Name, ".") {
			continue
		}
		p := filepath.Join(dir, e.Name)
		if e.Err != nil {
			l.fileError(l.rel(p), 0, catalog.Key("cannot read"), e.Err)
			continue
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// dataID checks that a data file's name can be used as an ID in URLs.
func (l *loader) dataID(path string) (string, bool) {
	id := strings.TrimSuffix(filepath.Base(path), ".toml")
	if !urlSafe(id) {
		l.dl.Errorf(l.rel(path), 0, "rename the file with lower-case letters, digits and hyphens, such as zaozhuang.toml", "file name %q cannot be used in a URL", id)
		return "", false
	}
	return strings.ToLower(id), true
}

// dataFile reads and decodes one data file, returning its path relative to
// the site, its ID and its text.
func (l *loader) dataFile(path string, v any) (rel, id string, src []byte, ok bool) {
	rel = l.rel(path)
	if id, ok = l.dataID(path); !ok {
		return
	}
	if src, ok = readText(l.fs, rel, tomllimit.MaxDataFile, catalog.Key("split it into several files: a directory for each alliance, a template for each form"), l.dl); !ok {
		return
	}
	ok = l.decodeTOML(src, v, rel, 1, tomllimit.MaxDataFile, l.dl)
	return
}

var tiers = []string{model.TierCity, model.TierDistrict, model.TierTown}

func (l *loader) directories() []*model.Directory {
	paths := l.dataFiles("alliances")
	// A directory of a thousand members takes a while to check: read the
	// files on every core, each reporting to its own list, merged in order.
	dirs := make([]*model.Directory, len(paths))
	dls := make([]diag.List, len(paths))
	parallel.Each(len(paths), func(i int) {
		fl := *l
		fl.dl = &dls[i]
		var f directoryFile
		if rel, id, src, ok := fl.dataFile(paths[i], &f); ok {
			dirs[i] = fl.directory(rel, id, src, &f)
		}
	})
	var out []*model.Directory
	for i, d := range dirs {
		l.dl.Merge(&dls[i])
		if d != nil {
			out = append(out, d)
		}
	}
	return out
}

// directory builds the directory id from its decoded file f, checking it and
// masking personal numbers in its texts. rel and src are the file's path
// relative to the site and its text, for problems.
func (l *loader) directory(rel, id string, src []byte, f *directoryFile) *model.Directory {
	d := &model.Directory{
		ID: id, Source: rel, URL: "directories/" + id + "/",
		Name: strings.TrimSpace(f.Name), ShortName: strings.TrimSpace(f.ShortName), Params: f.Params,
		TermStart: strings.TrimSpace(f.TermStart), TermEnd: strings.TrimSpace(f.TermEnd),
		Description: strings.TrimSpace(f.Description), Sample: f.Sample, SampleNote: strings.TrimSpace(f.SampleNote),
	}
	must(l.dl, rel, src, 1, "name", d.Name, `"……联盟"`)
	if f.Founded != nil {
		t, _, err := parseDate(f.Founded, l.cfg.Location)
		if err != nil {
			l.dl.Errorf(rel, diag.LineOf(src, "founded", 1), dateHint, "founded: %v", err)
		}
		d.Founded = t
	}
	for _, k := range []struct{ key, v string }{{"term_start", d.TermStart}, {"term_end", d.TermEnd}} {
		if k.v != "" && !validMonth(k.v) {
			l.dl.Errorf(rel, diag.LineOf(src, k.key, 1), `write the month as "2021-03"`, "%s: cannot read %q as a year and month", k.key, k.v)
		}
	}
	for i, b := range f.Governance {
		board := model.Board{Name: strings.TrimSpace(b.Name), Description: strings.TrimSpace(b.Description)}
		if board.Name == "" {
			l.dl.Errorf(rel, nthLine(src, "[[governance]]", i, 1), `add name = "理事会" (or 秘书处, 领导小组 …)`, "governing body %d has no name", i+1)
		}
		for _, p := range b.People {
			board.People = append(board.People, model.Person{Role: strings.TrimSpace(p.Role), Name: strings.Join(strings.Fields(p.Name), ""), Post: strings.TrimSpace(p.Post)})
		}
		d.Governance = append(d.Governance, board)
	}
	ids := map[string]int{}
	if len(f.Groups) > 0 && len(f.Members) > 0 {
		l.dl.Errorf(rel, nthLine(src, "[[members]]", 0, 1), "use either [[groups]] (主导园 with 联盟园) or a flat [[members]] list", "the directory has both groups and members")
	}
	groupLines := findHeaders(src, "[[groups]]", 1)
	for i, g := range f.Groups {
		line := groupLines.at(i)
		tier := strings.TrimSpace(g.Tier)
		l.checkTier(rel, line, tier)
		if g.Lead == nil {
			l.dl.Errorf(rel, line, "add a [groups.lead] table with the lead kindergarten's name", "group %d has no lead kindergarten (主导园)", i+1)
			continue
		}
		grp := model.Group{Tier: tier, District: strings.TrimSpace(g.District)}
		grp.Lead = l.member(rel, line, *g.Lead, grp, model.RoleLead, "", ids)
		for _, p := range g.Partners {
			grp.Partners = append(grp.Partners, l.member(rel, line, p, grp, model.RolePartner, grp.Lead.Name, ids))
		}
		d.Groups = append(d.Groups, grp)
	}
	memberLines := findHeaders(src, "[[members]]", 1)
	for i, m := range f.Members {
		line := memberLines.at(i)
		mem := l.member(rel, line, m, model.Group{}, "", "", ids)
		l.checkTier(rel, line, mem.Tier)
		d.Members = append(d.Members, mem)
	}
	privacy.Mask(d)
	return d
}

func (l *loader) checkTier(rel string, line int, tier string) {
	if tier == "" {
		return
	}
	for _, t := range tiers {
		if t == tier {
			return
		}
	}
	l.dl.Errorf(rel, line, catalog.Sprintf("use one of %s", strings.Join(tiers, ", ")), "unknown tier %q", tier)
}

// member builds a member, inheriting district and tier from its group, and
// gives it an anchor that stays the same when other members are added.
func (l *loader) member(rel string, line int, f memberFile, g model.Group, role, lead string, ids map[string]int) model.Member {
	m := model.Member{
		Name: strings.TrimSpace(f.Name), District: strings.TrimSpace(f.District), Tier: strings.TrimSpace(f.Tier),
		Category: strings.TrimSpace(f.Category), Nature: strings.TrimSpace(f.Nature),
		Responsible: strings.Join(strings.Fields(f.Responsible), ""), Phone: f.Phone,
		Address: strings.TrimSpace(f.Address), Website: strings.TrimSpace(f.Website), Role: role, Lead: lead,
	}
	if m.District == "" {
		m.District = g.District
	}
	if m.Tier == "" {
		m.Tier = g.Tier
	}
	if m.Name == "" {
		l.dl.Errorf(rel, line, `add name = "……幼儿园"`, "a member has no name")
	}
	if f.Joined != nil {
		t, _, err := parseDate(f.Joined, l.cfg.Location)
		if err != nil {
			l.dl.Errorf(rel, line, dateHint, "member %s joined: %v", m.Name, err)
		}
		m.Joined = t
	}
	if m.Website != "" && !strings.HasPrefix(m.Website, "http://") && !strings.HasPrefix(m.Website, "https://") {
		l.dl.Errorf(rel, line, "start the address with https:// or http://", "member %s: website %q is not a web address", m.Name, m.Website)
		m.Website = ""
	}
	id := strings.TrimSpace(f.ID)
	if id == "" {
		h := fnv.New32a()
		h.Write([]byte(m.Name))
		id = fmt.Sprintf("m-%08x", h.Sum32())
	} else if !urlSafe(id) {
		l.dl.Errorf(rel, line, "use letters, digits and hyphens", "member %s: id %q cannot be used as an anchor", m.Name, id)
	}
	ids[id]++
	if n := ids[id]; n > 1 {
		id = fmt.Sprintf("%s-%d", id, n)
	}
	m.ID = id
	return m
}

func validMonth(s string) bool {
	if len(s) != 7 || s[4] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && (c < '0' || c > '9') {
			return false
		}
	}
	return s[5:] >= "01" && s[5:] <= "12"
}
