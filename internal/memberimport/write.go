package memberimport

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"alliance/internal/model"
	"alliance/internal/phone"
)

// ValidID matches a directory ID: ASCII, as it becomes the URL /directories/ID/.
var ValidID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ErrExists is returned by Write when the file exists and force is off.
var ErrExists = errors.New("file exists")

// WriteOptions say where and how Write writes.
type WriteOptions struct {
	Force  bool   // replace the members of an existing file
	Name   string // the alliance's name for a new file; default the ID
	Source string // the imported file's name, for a comment at the top of a new file
}

// Path returns where the directory id lives in the site folder siteDir.
func Path(siteDir, id string) string {
	return filepath.Join(siteDir, "data", "alliances", id+".toml")
}

// Write writes d's members to data/alliances/ID.toml in the site folder
// siteDir and returns the file's path. A new file gets the name and the
// members. An existing file is left alone unless opt.Force is set; then its
// members ([[groups]] and [[members]] tables) are replaced and everything
// else — name, governance, comments — is kept. The file is written to a
// temporary file in the same folder and renamed into place, so a reader
// (or a build) never sees half a file.
func Write(siteDir, id string, d *model.Directory, opt WriteOptions) (string, error) {
	if !ValidID.MatchString(id) {
		return "", fmt.Errorf("alliance ID %q must be lower-case ASCII letters, digits and hyphens, such as zaozhuang", id)
	}
	if _, err := os.Stat(filepath.Join(siteDir, "site.toml")); err != nil {
		return "", fmt.Errorf("%s is not a site folder (no site.toml); pass the site folder with --source", siteDir)
	}
	path := Path(siteDir, id)
	old, err := os.ReadFile(path)
	var data []byte
	switch {
	case err == nil && !opt.Force:
		return path, ErrExists
	case err == nil:
		d = keepIDs(d, old)
		if data, err = replaceMembers(old, encodeMembers(d)); err != nil {
			return path, err
		}
	case errors.Is(err, os.ErrNotExist):
		data = newFile(id, opt, encodeMembers(d))
	default:
		return path, err
	}
	if err := check(data, d); err != nil {
		return path, fmt.Errorf("the file made for %s does not read back (%v); nothing was written", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return path, err
	}
	return path, atomicWrite(path, data, opt.Force)
}

// atomicWrite writes data beside path and moves it into place. Without
// replace, a file that appeared at path meanwhile is not overwritten.
func atomicWrite(path string, data []byte, replace bool) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // after a rename there is nothing left to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	if !replace {
		// A hard link fails if path exists, so a file created since the
		// check is not lost; where links are not supported, check again.
		err := os.Link(name, path)
		if err == nil || errors.Is(err, os.ErrExist) {
			if errors.Is(err, os.ErrExist) {
				return ErrExists
			}
			return nil
		}
		if _, err := os.Lstat(path); err == nil {
			return ErrExists
		}
	}
	return os.Rename(name, path)
}

// keepIDs returns d with the anchors (id = "…") that the existing file gives
// its members, matched by name, so links to a member's place on the page
// still work after its members are imported again.
func keepIDs(d *model.Directory, old []byte) *model.Directory {
	var f file
	if _, err := toml.Decode(string(bytes.TrimPrefix(old, []byte("\xEF\xBB\xBF"))), &f); err != nil {
		return d // replaceMembers reports it
	}
	ids := map[string]string{}
	for _, g := range f.Groups {
		ids[g.Lead.Name] = g.Lead.ID
		for _, m := range g.Partners {
			ids[m.Name] = m.ID
		}
	}
	for _, m := range f.Members {
		ids[m.Name] = m.ID
	}
	out := *d
	set := func(ms []model.Member) []model.Member {
		ms = append([]model.Member(nil), ms...)
		for i := range ms {
			if id := ids[ms[i].Name]; id != "" && ms[i].ID == "" {
				ms[i].ID = id
			}
		}
		return ms
	}
	out.Groups = make([]model.Group, len(d.Groups))
	for i, g := range d.Groups {
		g.Lead = set([]model.Member{g.Lead})[0]
		g.Partners = set(g.Partners)
		out.Groups[i] = g
	}
	out.Members = set(d.Members)
	return &out
}

// newFile is a whole directory file: a comment, the name and the members.
func newFile(id string, opt WriteOptions, members string) []byte {
	var b strings.Builder
	b.WriteString("# Member directory, see README.md (Member directories).\n")
	if opt.Source != "" {
		fmt.Fprintf(&b, "# Members imported from %s by `alliance import members`.\n", oneLine(opt.Source))
	}
	name := opt.Name
	if name == "" {
		name = id
	}
	b.WriteString("name = " + quote(name) + "\n")
	b.WriteString(members)
	return []byte(b.String())
}

// encodeMembers writes the groups or the flat list in the format README.md
// documents. A partner's district and tier are written only when they
// differ from its group's, which it otherwise inherits.
func encodeMembers(d *model.Directory) string {
	var b strings.Builder
	for _, g := range d.Groups {
		b.WriteString("\n[[groups]]\n")
		kv(&b, "tier", g.Tier)
		kv(&b, "district", g.District)
		b.WriteString("[groups.lead]\n")
		member(&b, g.Lead, "", "")
		for _, m := range g.Partners {
			b.WriteString("[[groups.partners]]\n")
			member(&b, m, g.District, g.Tier)
		}
	}
	for _, m := range d.Members {
		b.WriteString("\n[[members]]\n")
		member(&b, m, "", "")
	}
	return b.String()
}

// member writes a member's keys. district and tier are the group's, for a
// partner; a lead takes its group's and writes neither.
func member(b *strings.Builder, m model.Member, district, tier string) {
	kv(b, "id", m.ID)
	kv(b, "name", m.Name)
	if m.Role != model.RoleLead {
		if m.District != district {
			kv(b, "district", m.District)
		}
		if m.Tier != tier {
			kv(b, "tier", m.Tier)
		}
	}
	kv(b, "category", m.Category)
	kv(b, "nature", m.Nature)
	kv(b, "responsible", m.Responsible)
	switch {
	case m.Phone.IsZero():
	case m.Phone.Public:
		fmt.Fprintf(b, "phone = { number = %s, public = true }\n", quote(m.Phone.Raw))
	default:
		kv(b, "phone", m.Phone.Raw)
	}
	kv(b, "address", m.Address)
	kv(b, "website", m.Website)
	if !m.Joined.IsZero() {
		fmt.Fprintf(b, "joined = %s\n", m.Joined.Format("2006-01-02"))
	}
}

func kv(b *strings.Builder, k, v string) {
	if v != "" {
		fmt.Fprintf(b, "%s = %s\n", k, quote(v))
	}
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else if r == utf8.RuneError {
				b.WriteString(`\uFFFD`)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// header matches a TOML table header and captures its first key.
var header = regexp.MustCompile(`^\s*\[\[?\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)`)

// replaceMembers removes the [[groups]] and [[members]] tables (with their
// sub-tables) from an existing file and appends members in their place,
// keeping every other line. Comment lines directly above a table go with it.
func replaceMembers(old []byte, members string) ([]byte, error) {
	if !utf8.Valid(old) {
		return nil, errors.New("the existing file is not UTF-8; convert it (iconv -f GB18030 -t UTF-8) and run again")
	}
	old = bytes.TrimPrefix(old, []byte("\xEF\xBB\xBF"))
	// held is a block of comment lines waiting for the line below it: a
	// comment directly above a table header belongs to that table.
	var keep, held []string
	dropping, multi := false, ""
	for _, line := range strings.SplitAfter(string(old), "\n") {
		t := strings.TrimSpace(line)
		if multi == "" {
			m := header.FindStringSubmatch(line)
			if strings.HasPrefix(t, "#") {
				held = append(held, line)
				continue
			}
			if m != nil {
				k := strings.Trim(m[1], `"'`)
				dropping = k == "groups" || k == "members"
			}
			// A comment block that a blank line separates from what follows
			// is not the comment of a member table: keep it even there.
			if !dropping || (m == nil && t == "") {
				keep = append(keep, held...)
			}
			held = nil
		}
		// Track multi-line strings, in which a line can look like a header.
		for _, q := range []string{`"""`, `'''`} {
			if n := strings.Count(line, q); n%2 == 1 && (multi == "" || multi == q) {
				if multi == "" {
					multi = q
				} else {
					multi = ""
				}
			}
		}
		if !dropping {
			keep = append(keep, line)
		}
	}
	if !dropping {
		keep = append(keep, held...)
	}
	kept := strings.TrimRight(strings.Join(keep, ""), "\r\n ") + "\n"
	var rest struct {
		Groups  any `toml:"groups"`
		Members any `toml:"members"`
	}
	if _, err := toml.Decode(kept, &rest); err != nil {
		return nil, fmt.Errorf("the existing file is not valid TOML (%v); fix it or move it away and run again", err)
	}
	if rest.Groups != nil || rest.Members != nil {
		return nil, errors.New("the existing file lists members in a form the importer cannot replace " +
			"(groups = [...] or members = [...]); write them as [[groups]] or [[members]] tables, or move the file away")
	}
	return []byte(kept + members), nil
}

// The schema of data/alliances/ID.toml as README.md documents it, for
// reading back what was written.
type (
	fileMember struct {
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
		Joined      time.Time    `toml:"joined"`
	}
	fileGroup struct {
		Tier     string       `toml:"tier"`
		District string       `toml:"district"`
		Lead     fileMember   `toml:"lead"`
		Partners []fileMember `toml:"partners"`
	}
	file struct {
		Name    string       `toml:"name"`
		Groups  []fileGroup  `toml:"groups"`
		Members []fileMember `toml:"members"`
	}
)

// check reads data back and compares the members with d's: the file must
// decode, have a name, and hold every member with its name, phone and date.
func check(data []byte, d *model.Directory) error {
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return err
	}
	for _, k := range md.Undecoded() {
		if k[0] == "groups" || k[0] == "members" {
			return fmt.Errorf("unknown key %s", k)
		}
	}
	if f.Name == "" {
		return errors.New("no name")
	}
	var got []fileMember
	for _, g := range f.Groups {
		got = append(got, g.Lead)
		got = append(got, g.Partners...)
	}
	got = append(got, f.Members...)
	want := d.AllMembers()
	if len(got) != len(want) {
		return fmt.Errorf("%d members, want %d", len(got), len(want))
	}
	for i, m := range want {
		g := got[i]
		if g.ID != m.ID || g.Name != m.Name || g.Phone != m.Phone || g.Address != m.Address || !sameDay(g.Joined, m.Joined) {
			return fmt.Errorf("member %d (%s) reads back differently", i+1, m.Name)
		}
	}
	return nil
}

func sameDay(a, b time.Time) bool {
	return a.Format("2006-01-02") == b.Format("2006-01-02")
}
