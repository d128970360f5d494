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

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/load"
	"alliance/internal/model"
	"alliance/internal/phone"
	"alliance/internal/privacy"
	"alliance/internal/rawfile"
	"alliance/internal/sitefs"
	"alliance/internal/tomllimit"
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

// relPath is the directory file's path relative to the site folder, as the
// site build names it in its problems.
func relPath(id string) string { return "data/alliances/" + id + ".toml" }

// Write writes d's members to data/alliances/ID.toml in the site folder
// siteDir and returns the file's path. A new file gets the name and the
// members. An existing file is left alone unless opt.Force is set; then its
// members ([[groups]] and [[members]] tables) are replaced and everything
// else — name, governance, comments — is kept. The file is first read with
// the site's own loader (see check): one the build would reject, or that
// reads back other than d, is not written. It is written to a temporary
// file in the same folder and renamed into place, so a reader (or a build)
// never sees half a file.
func Write(siteDir, id string, d *model.Directory, opt WriteOptions) (string, error) {
	if !ValidID.MatchString(id) {
		return "", catalog.Errorf("alliance ID %q must be lower-case ASCII letters, digits and hyphens, such as zaozhuang", id)
	}
	if _, err := os.Stat(filepath.Join(siteDir, "site.toml")); err != nil {
		return "", catalog.Errorf("%s is not a site folder (no site.toml); pass the site folder with --source", siteDir)
	}
	path, rel := Path(siteDir, id), relPath(id)
	site, err := sitefs.Open(siteDir)
	if err != nil {
		return "", err
	}
	// Read as the build reads it: a file or folder linked from outside the
	// site is neither read nor written through.
	old, err := site.ReadFileMax(rel, tomllimit.MaxDataFile)
	if oe := sitefs.Outside(err); oe != nil {
		return path, catalog.Errorf("%v; nothing was written (%s)", oe, oe.Hint())
	}
	var data []byte
	var tl *rawfile.TooLargeError
	switch {
	case errors.As(err, &tl):
		return path, catalog.Errorf("the existing %s is %s, more than the %s a data file may have; move it away and run again", rel, tomllimit.Bytes(int(tl.Size)), tomllimit.Bytes(tomllimit.MaxDataFile))
	case err == nil && !opt.Force:
		return path, ErrExists
	case err == nil:
		if d, data, err = replaceKeepingAnchors(rel, old, d); err != nil {
			return path, err
		}
	case errors.Is(err, os.ErrNotExist):
		data = newFile(id, opt, encodeMembers(d))
	default:
		return path, err
	}
	if err := check(rel, data, d); err != nil {
		return path, catalog.Errorf("nothing was written to %s: %w", path, err)
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

// replaceKeepingAnchors replaces the members of the existing file old with
// d's (see replaceMembers) and keeps the anchors the members had on the
// directory page, so links to a member's place on the page still work after
// the members are imported again. Both files are read with the site's
// loader. A member imported again under a name the old file has keeps the
// anchor the loader gave it there (the second member of a name the second
// one's, and so on): an anchor set by hand (id = "…"), or any other that the
// new file would change, is written as an id, and no other. It returns d
// with those ids (a copy; d itself is not changed) and the new file.
func replaceKeepingAnchors(rel string, old []byte, d *model.Directory) (*model.Directory, []byte, error) {
	var dl diag.List // the check reports what matters in the new file
	anchors := map[string][]string{}
	if before := load.Directory(rel, old, nil, &dl); before != nil {
		for _, m := range before.AllMembers() {
			anchors[m.Name] = append(anchors[m.Name], m.ID)
		}
	}
	// An id written for one member can change the anchors the loader gives
	// later members of the same name, so each round writes the id of the
	// first member of a name whose anchor would change, until none would.
	for {
		data, err := replaceMembers(old, encodeMembers(d))
		if err != nil || len(anchors) == 0 {
			return d, data, err
		}
		after := load.Directory(rel, data, nil, &dl)
		if after == nil {
			return d, data, nil
		}
		now := after.AllMembers()
		out := cloneMembers(d)
		ms := memberPointers(out)
		if len(ms) != len(now) {
			return d, data, nil // the check reports it
		}
		seen, pinned := map[string]int{}, map[string]bool{}
		for i, m := range now {
			k := seen[m.Name]
			seen[m.Name]++
			if k < len(anchors[m.Name]) && anchors[m.Name][k] != m.ID && ms[i].ID == "" && !pinned[m.Name] {
				ms[i].ID = anchors[m.Name][k]
				pinned[m.Name] = true
			}
		}
		if len(pinned) == 0 {
			return d, data, nil
		}
		d = out
	}
}

// cloneMembers copies d with its own slices of groups and members, so that
// members can be changed without changing d's.
func cloneMembers(d *model.Directory) *model.Directory {
	out := *d
	out.Groups = make([]model.Group, len(d.Groups))
	for i, g := range d.Groups {
		g.Partners = append([]model.Member(nil), g.Partners...)
		out.Groups[i] = g
	}
	out.Members = append([]model.Member(nil), d.Members...)
	return &out
}

// memberPointers returns d's members in the order of AllMembers, to change.
func memberPointers(d *model.Directory) []*model.Member {
	var out []*model.Member
	for i := range d.Groups {
		out = append(out, &d.Groups[i].Lead)
		for j := range d.Groups[i].Partners {
			out = append(out, &d.Groups[i].Partners[j])
		}
	}
	for i := range d.Members {
		out = append(out, &d.Members[i])
	}
	return out
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
// documents, with the keys the loader's schema gives (load.GroupFields and
// load.MemberFields). A partner's district and tier are written only when
// they differ from its group's, which it otherwise inherits.
func encodeMembers(d *model.Directory) string {
	var b strings.Builder
	for _, g := range d.Groups {
		b.WriteString("\n[[groups]]\n")
		writeFields(&b, load.GroupFields(g))
		b.WriteString("[groups.lead]\n")
		writeFields(&b, load.MemberFields(g.Lead, g))
		for _, m := range g.Partners {
			b.WriteString("[[groups.partners]]\n")
			writeFields(&b, load.MemberFields(m, g))
		}
	}
	for _, m := range d.Members {
		b.WriteString("\n[[members]]\n")
		writeFields(&b, load.MemberFields(m, model.Group{}))
	}
	return b.String()
}

// writeFields writes each key = value on a line of its own: a text as a
// string, a phone number as one or as a table marking it public, a date as
// a TOML local date. A value of any other type is a field the writer does
// not know yet, which the round trip tests catch; it is written as a string.
func writeFields(b *strings.Builder, fs []load.Field) {
	for _, f := range fs {
		switch v := f.Value.(type) {
		case phone.Number:
			if v.Public {
				fmt.Fprintf(b, "%s = { number = %s, public = true }\n", f.Key, quote(v.Raw))
			} else {
				kv(b, f.Key, v.Raw)
			}
		case time.Time:
			fmt.Fprintf(b, "%s = %s\n", f.Key, v.Format("2006-01-02"))
		default:
			kv(b, f.Key, fmt.Sprint(v))
		}
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
		return nil, catalog.Errorf("the existing file is not UTF-8; convert it (iconv -f GB18030 -t UTF-8) and run again")
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
	if _, err := tomllimit.Decode([]byte(kept), tomllimit.MaxDataFile, &rest); err != nil {
		return nil, catalog.Errorf("the existing file is not valid TOML (%v); fix it or move it away and run again", err)
	}
	if rest.Groups != nil || rest.Members != nil {
		return nil, catalog.Errorf("the existing file lists members in a form the importer cannot replace " +
			"(groups = [...] or members = [...]); write them as [[groups]] or [[members]] tables, or move the file away")
	}
	return []byte(kept + members), nil
}

// check reads data, the file made for d, with the site's own loader, which
// must find no error in it (a warning, such as an unknown key elsewhere in
// an existing file, does not count), and compares what a build sees with
// what was imported: the groups (tier, district, lead, partners) or the flat
// list, and each member's name, phone as written, anchor (when d sets one),
// district, tier, category, nature, responsible person, address, website and
// joining date. A text may come back with personal numbers masked, as the
// build publishes it. Errors name the file as rel, as a build does.
func check(rel string, data []byte, d *model.Directory) error {
	var dl diag.List
	got := load.Directory(rel, data, nil, &dl)
	if err := dl.Err(); err != nil {
		return catalog.Errorf("the site build would reject the file:\n%w", err)
	}
	if got == nil {
		return catalog.Errorf("%s: the site build reads no directory from the file", rel)
	}
	if len(got.Groups) != len(d.Groups) || len(got.Members) != len(d.Members) {
		return catalog.Errorf("%s reads back as %s, but %s were imported", rel, shape(got), shape(d))
	}
	for i, w := range d.Groups {
		g := got.Groups[i]
		if err := differ(rel, fmt.Sprintf("group %d (主导园 %s)", i+1, w.Lead.Name), []value{
			text("tier", g.Tier, w.Tier), text("district", g.District, w.District),
			exact("number of 联盟园", fmt.Sprint(len(g.Partners)), fmt.Sprint(len(w.Partners))),
		}); err != nil {
			return err
		}
	}
	back := got.AllMembers()
	for i, w := range d.AllMembers() {
		g := back[i]
		// Every key of the schema, as the writer writes it for each; an
		// anchor only when d sets one, as the loader makes one otherwise.
		if w.ID == "" {
			g.ID = ""
		}
		if err := differ(rel, fmt.Sprintf("member %d (%s)", i+1, w.Name), schemaValues(load.MemberFields(g, model.Group{}), load.MemberFields(w, model.Group{}))); err != nil {
			return err
		}
	}
	return nil
}

// schemaValues pairs the keys read back, got, with those imported, want;
// texts may come back masked, phone numbers, anchors and dates must not.
func schemaValues(got, want []load.Field) []value {
	show := func(v any) string {
		switch v := v.(type) {
		case phone.Number:
			return phoneText(v)
		case time.Time:
			return day(v)
		case nil:
			return ""
		}
		return fmt.Sprint(v)
	}
	var keys []string
	gm, wm := map[string]any{}, map[string]any{}
	for _, f := range want {
		keys = append(keys, f.Key)
		wm[f.Key] = f.Value
	}
	for _, f := range got {
		if _, ok := wm[f.Key]; !ok {
			keys = append(keys, f.Key)
		}
		gm[f.Key] = f.Value
	}
	var out []value
	for _, k := range keys {
		_, isText := wm[k].(string)
		if _, ok := gm[k].(string); ok {
			isText = true
		}
		out = append(out, value{k, show(gm[k]), show(wm[k]), !isText || k == "id"})
	}
	return out
}

// value is a field of a group or member as the loader reads it back and as
// it was imported.
type value struct {
	key, got, want string
	exact          bool // must not come back masked
}

// text is a text the build may publish with personal numbers masked.
func text(key, got, want string) value { return value{key, got, want, false} }

// exact is a value that must come back as written, such as a phone number.
func exact(key, got, want string) value { return value{key, got, want, true} }

// differ reports the first field that reads back differently. A text that
// comes back with personal numbers masked, as the build publishes it, is the
// same, unless the value is exact.
func differ(rel, what string, fs []value) error {
	for _, f := range fs {
		if f.got != f.want && (f.exact || f.got != privacy.Text(f.want)) {
			return catalog.Errorf("%s: %s reads back with %s %q, but %q was imported", rel, what, f.key, f.got, f.want)
		}
	}
	return nil
}

// shape says how many groups or members a directory has.
func shape(d *model.Directory) string {
	if len(d.Groups) > 0 {
		return fmt.Sprintf("%d group(s) with %d member(s)", len(d.Groups), len(d.AllMembers()))
	}
	return fmt.Sprintf("%d member(s)", len(d.Members))
}

func phoneText(n phone.Number) string {
	if n.Public {
		return n.Raw + " (public)"
	}
	return n.Raw
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
