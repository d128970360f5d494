package load

import (
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"alliance/internal/config"
	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/tomllimit"
)

// Directory reads one member directory, the text src of the file rel
// (data/alliances/ID.toml, relative to the site folder), as a build reads it:
// the same decoding, the same checks and the same masking of personal
// numbers. rel names the file in problems and gives the directory its ID.
// Dates without a zone are read in loc, the site's time zone (UTC when nil).
//
// Problems go to dl, as for Site. Directory returns nil when the file gives
// no directory at all (a file name that cannot be an ID, or text that is not
// TOML), as a build then skips the file; otherwise the directory, which has
// what could be read when dl has errors. src must be UTF-8 text: unlike a
// build, Directory does not convert a file saved as GB18030.
//
// It lets a tool that writes a directory file, such as the member import,
// check what it made with the loader itself instead of a copy of its schema.
func Directory(rel string, src []byte, loc *time.Location, dl *diag.List) *model.Directory {
	if loc == nil {
		loc = time.UTC
	}
	l := &loader{root: ".", cfg: &config.Site{Location: loc}, dl: dl}
	path := filepath.FromSlash(rel)
	id, ok := l.dataID(path)
	if !ok {
		return nil
	}
	var f directoryFile
	if !decodeTOML(src, &f, rel, 1, tomllimit.MaxDataFile, dl) {
		return nil
	}
	return l.directory(rel, id, src, &f)
}

// Field is one key of a table of a member directory file and its value: a
// string, a phone.Number or a date (time.Time).
type Field struct {
	Key   string
	Value any
}

// GroupFields returns the keys of g's [[groups]] table but its lead and
// partners, in the order of the file's schema, leaving out empty values.
func GroupFields(g model.Group) []Field {
	return fields(groupFile{Tier: g.Tier, District: g.District})
}

// MemberFields returns the keys that give a member table the member m of
// group g (the zero Group in a flat list), in the order of the file's
// schema, leaving out empty values and the district and tier m takes from
// its group: what a tool writing a directory file writes for m, from the
// same schema the loader reads, so that no field is forgotten by one.
func MemberFields(m model.Member, g model.Group) []Field {
	f := memberFile{
		ID: m.ID, Name: m.Name, Category: m.Category, Nature: m.Nature, Responsible: m.Responsible,
		Phone: m.Phone, Address: m.Address, Website: m.Website,
	}
	if m.District != g.District {
		f.District = m.District
	}
	if m.Tier != g.Tier {
		f.Tier = m.Tier
	}
	if !m.Joined.IsZero() {
		f.Joined = m.Joined
	}
	return fields(f)
}

// fields lists the keys of a decoded table v (a struct of the schema) that
// are set, in field order: a table or a list of tables is not a key.
func fields(v any) []Field {
	rv := reflect.ValueOf(v)
	var out []Field
	for i := range rv.NumField() {
		key, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("toml"), ",")
		fv := rv.Field(i)
		switch fv.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			continue
		}
		if key == "" || key == "-" || fv.IsZero() {
			continue
		}
		out = append(out, Field{Key: key, Value: fv.Interface()})
	}
	return out
}
