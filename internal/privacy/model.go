package privacy

import (
	"reflect"

	"alliance/internal/phone"
)

// Tag is the struct tag that keeps Mask away from a field: `mask:"-"` on the
// fields that are link targets, file names, URLs, slugs, ids or HTML made
// from a syntax tree already masked. Every other string is masked, so a
// field added later is masked without anyone remembering to.
const Tag = "mask"

var numberType = reflect.TypeFor[phone.Number]()

// Mask masks personal numbers in every string reachable from v, a pointer
// to a loaded notice, report, page, directory or template (or anything
// else): struct fields, slices, arrays, maps and pointers are followed,
// each pointer once. Phone numbers (phone.Number) keep their own rule,
// masked where shown unless marked public.
func Mask(v any) {
	w := walker{seen: map[uintptr]bool{}}
	w.walk(reflect.ValueOf(v), func(s reflect.Value) {
		if t := s.String(); t != "" {
			if m := Text(t); m != t {
				s.SetString(m)
			}
		}
	}, nil)
}

// Public returns the mobile numbers (eleven ASCII digits) that the data
// reachable from v marks public, such as an office mobile given as
// { number = "…", public = true }: the only ones an output may show in full.
func Public(v any) map[string]bool {
	out := map[string]bool{}
	w := walker{seen: map[uintptr]bool{}}
	w.walk(reflect.ValueOf(v), nil, func(n phone.Number) {
		if n.Public {
			for _, d := range phone.FindMobiles(n.Raw) {
				out[d] = true
			}
		}
	})
	return out
}

// walker visits every settable string and every phone.Number under a value.
type walker struct {
	seen map[uintptr]bool
}

func (w *walker) walk(v reflect.Value, str func(reflect.Value), num func(phone.Number)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || w.seen[v.Pointer()] {
			return
		}
		w.seen[v.Pointer()] = true
		w.walk(v.Elem(), str, num)
	case reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem(), str, num)
		}
	case reflect.Struct:
		t := v.Type()
		if t == numberType {
			if num != nil {
				num(v.Interface().(phone.Number))
			}
			return
		}
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && f.Tag.Get(Tag) != "-" {
				w.walk(v.Field(i), str, num)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes, not text
		}
		for i := range v.Len() {
			w.walk(v.Index(i), str, num)
		}
	case reflect.Map:
		// Map values cannot be changed in place: each is copied, walked and
		// put back.
		it := v.MapRange()
		for it.Next() {
			c := reflect.New(it.Value().Type()).Elem()
			c.Set(it.Value())
			w.walk(c, str, num)
			if str != nil {
				v.SetMapIndex(it.Key(), c)
			}
		}
	case reflect.String:
		if str != nil && v.CanSet() {
			str(v)
		}
	}
}
