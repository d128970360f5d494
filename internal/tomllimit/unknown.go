package tomllimit

import (
	"reflect"
	"regexp"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"

	"alliance/internal/catalog"
)

// Unknown is a key of a TOML text that the value it was decoded into has no
// place for: a misspelling, or a key of the clerk's own that belongs under
// [params].
type Unknown struct {
	Key     toml.Key
	Line    int    // 1-based within the text; 0 when not found
	Suggest string // the known key it is most likely a misspelling of, or ""
}

// Unknowns returns the unknown keys of md (as Undecoded does), decoded from
// src into v, with the line of each and the known key nearest to it.
func Unknowns(md toml.MetaData, src []byte, v any) []Unknown {
	var out []Unknown
	for _, k := range Undecoded(md) {
		if open(reflect.TypeOf(v), k[:len(k)-1]) {
			continue
		}
		last := k[len(k)-1]
		known := knownKeys(reflect.TypeOf(v), k[:len(k)-1])
		u := Unknown{Key: k, Line: keyLine(src, last)}
		if en := ChineseKey(last); en != "" && contains(known, en) {
			u.Suggest = en
		} else {
			u.Suggest = nearest(last, known)
		}
		out = append(out, u)
	}
	return out
}

// Report says what is wrong with the unknown key u and how to fix it, in
// the current language. more is how many unknown keys are not reported.
func (u Unknown) Report(more int) (msg, hint string) {
	last := u.Key[len(u.Key)-1]
	switch {
	case hasHan(last) && u.Suggest != "":
		msg = catalog.Sprintf("the key %q is typed in Chinese; keys are English words: type %s", u.Key.String(), u.Suggest)
	case hasHan(last):
		msg = catalog.Sprintf("the key %q is typed in Chinese; keys are English words", u.Key.String())
	case u.Suggest != "":
		msg = catalog.Sprintf("unknown key %q: did you mean %s?", u.Key.String(), u.Suggest)
	default:
		msg = catalog.Sprintf("unknown key %q", u.Key.String())
	}
	if more > 0 {
		msg += catalog.Sprintf(", and %d more unknown keys after it", more)
	}
	return msg, catalog.T("README.md lists every key; keys of your own, for a custom layout, go under a [params] table")
}

// knownKeys returns the keys the table at path of a value of type t takes:
// the toml names of its struct fields, with embedded structs flattened. A
// map, which takes any key, has none.
func knownKeys(t reflect.Type, path toml.Key) []string {
	t, ok := typeAt(t, path)
	if !ok {
		return nil
	}
	t = deref(t)
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	fields(t, func(name string, _ reflect.Type) bool { out = append(out, name); return false })
	return out
}

// typeAt returns the type of the field at path in a value of type t,
// through structs (and the lists and pointers holding them); false when
// path leaves them.
func typeAt(t reflect.Type, path []string) (reflect.Type, bool) {
	for _, part := range path {
		if t == nil {
			return nil, false
		}
		t = deref(t)
		if t.Kind() != reflect.Struct {
			return nil, false
		}
		f, ok := field(t, part)
		if !ok {
			return nil, false
		}
		t = f
	}
	return t, t != nil
}

// open tells whether the table at path, or one holding it, is decoded into
// a map or an interface, which take any key. BurntSushi/toml lists the keys
// of tables nested in one ([params.more], [[params.rows]]) as undecoded,
// though they were decoded into it.
func open(t reflect.Type, path toml.Key) bool {
	for i := range len(path) + 1 {
		at, ok := typeAt(t, path[:i])
		if !ok {
			return false
		}
		if k := deref(at).Kind(); k == reflect.Map || k == reflect.Interface {
			return true
		}
	}
	return false
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	return t
}

func field(t reflect.Type, name string) (reflect.Type, bool) {
	var found reflect.Type
	fields(t, func(n string, ft reflect.Type) bool {
		if n == name {
			found = ft
			return true
		}
		return false
	})
	return found, found != nil
}

// fields calls fn with the toml name and type of each field of the struct
// type t, until fn returns true.
func fields(t reflect.Type, fn func(string, reflect.Type) bool) bool {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if tag == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		if f.Anonymous && tag == "" && deref(f.Type).Kind() == reflect.Struct {
			if fields(deref(f.Type), fn) {
				return true
			}
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		if fn(tag, f.Type) {
			return true
		}
	}
	return false
}

// nearest returns the key of known closest to k by edit distance, when it is
// close enough to be a misspelling: at most one edit in four letters, and
// at least one.
func nearest(k string, known []string) string {
	best, bestD := "", 0
	lk := strings.ToLower(k)
	for _, c := range known {
		d := distance(lk, strings.ToLower(c))
		if limit := max(1, len(c)/4+1); d <= limit && (best == "" || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Damerau–Levenshtein distance of a and b (adjacent letters
// swapped count as one edit, as in isuer → issuer, feilds → fields).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// keyLine returns the 1-based line of src where key is assigned or opens a
// table, or 0.
func keyLine(src []byte, key string) int {
	q := regexp.QuoteMeta(key)
	re := regexp.MustCompile(`^\s*(("?` + q + `"?\s*(\.[^=]*)?=)|(\[\[?[^\]]*\b?` + q + `"?\s*\]))`)
	for i, line := range strings.Split(string(src), "\n") {
		if re.MatchString(line) {
			return i + 1
		}
	}
	return 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
