package load

import (
	"encoding/binary"
	"math"
	"reflect"
	"time"

	"alliance/internal/diag"
	"alliance/internal/engine"
)

// decodeTOML is the package's decodeTOML through the cache, when there is
// one. Parsing TOML is a quarter of an edit's work on a large site (the
// front matter of ten thousand notices, directories of a thousand members
// each), and a text that decoded without a problem into a value of v's type
// decodes the same again. So the value is kept in a plain encoding
// (encodeValue), which reads back in a fraction of the time. v must point to
// a zero value.
//
// Only values that read back deeply equal to what TOML gave are kept, so
// whatever the encoding cannot carry exactly (a zone it does not know, a
// type it does not handle) is parsed every time instead of coming back
// different. Texts with problems are parsed every time too, so that their
// messages are made as they always are.
func (l *loader) decodeTOML(src []byte, v any, rel string, firstLine, max int, dl *diag.List) bool {
	c := l.opts.Cache
	if c == nil {
		return decodeTOML(src, v, rel, firstLine, max, dl)
	}
	rv := reflect.ValueOf(v).Elem()
	key := engine.NewHasher().String("toml value 1").Sum(engine.Version()).
		String(rv.Type().String()).Int(int64(max)).Bytes(src).Done()
	if data, ok := c.Get(key); ok {
		if decodeValue(data, rv) {
			return true
		}
		rv.SetZero()
	}
	var own diag.List
	ok := decodeTOML(src, v, rel, firstLine, max, &own)
	if ok && len(own.Problems()) == 0 {
		if data, ok := encodeValue(rv); ok {
			back := reflect.New(rv.Type()).Elem()
			if decodeValue(data, back) && reflect.DeepEqual(back.Interface(), rv.Interface()) {
				c.PutBlob(key, data)
			}
		}
	}
	dl.Merge(&own)
	return ok
}

var timeType = reflect.TypeFor[time.Time]()

// The kinds of value an interface (any) holds, as BurntSushi/toml decodes them.
const (
	anyNil byte = iota
	anyString
	anyInt
	anyFloat
	anyBool
	anyTime
	anyList
	anyTable
	anyTables
)

var anyTypes = [...]reflect.Type{
	anyString: reflect.TypeFor[string](),
	anyInt:    reflect.TypeFor[int64](),
	anyFloat:  reflect.TypeFor[float64](),
	anyBool:   reflect.TypeFor[bool](),
	anyTime:   timeType,
	anyList:   reflect.TypeFor[[]any](),
	anyTable:  reflect.TypeFor[map[string]any](),
	anyTables: reflect.TypeFor[[]map[string]any](),
}

// encodeValue writes v field by field: numbers as varints, strings and
// lists with their length first, nil apart from empty. ok is false for a
// value it cannot carry (a func, a channel, a field it may not set).
func encodeValue(v reflect.Value) (data []byte, ok bool) {
	e := &encoder{}
	e.value(v)
	return e.Out, !e.bad
}

// encoder is the cache's plain encoding (engine.Encoder) with the value
// written by reflection; bad says a value it cannot carry was met.
type encoder struct {
	engine.Encoder
	bad bool
}

func (e *encoder) value(v reflect.Value) {
	if e.bad {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			e.Uint(1)
		} else {
			e.Uint(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.Int(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.Uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.Out = binary.LittleEndian.AppendUint64(e.Out, math.Float64bits(v.Float()))
	case reflect.String:
		e.Str(v.String())
	case reflect.Pointer:
		if v.IsNil() {
			e.Uint(0)
			return
		}
		e.Uint(1)
		e.value(v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			e.Uint(0)
			return
		}
		e.Uint(uint64(v.Len()) + 1)
		for i := range v.Len() {
			e.value(v.Index(i))
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			e.bad = true
			return
		}
		if v.IsNil() {
			e.Uint(0)
			return
		}
		e.Uint(uint64(v.Len()) + 1)
		for it := v.MapRange(); it.Next(); {
			e.Str(it.Key().String())
			e.value(it.Value())
		}
	case reflect.Interface:
		if v.IsNil() {
			e.Out = append(e.Out, anyNil)
			return
		}
		x := v.Elem()
		for k, t := range anyTypes {
			if t != nil && x.Type() == t {
				e.Out = append(e.Out, byte(k))
				e.value(x)
				return
			}
		}
		e.bad = true
	case reflect.Struct:
		if v.Type() == timeType {
			e.time(v.Interface().(time.Time))
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			if !carried(t.Field(i)) {
				e.bad = true
				return
			}
			e.value(v.Field(i))
		}
	default:
		e.bad = true
	}
}

// carried reports whether a struct field can be read back: an exported
// one, or an embedded struct of an unexported type (such as docFront),
// whose fields can be set.
func carried(f reflect.StructField) bool {
	return f.IsExported() || f.Anonymous && f.Type.Kind() == reflect.Struct
}

// The zones a time is read back in. BurntSushi/toml marks dates written
// without a zone by fixed zones of their own names ("date-local"), which
// zoneFixed carries.
const (
	zoneUTC byte = iota
	zoneLocal
	zoneFixed // a name and an offset
)

func (e *encoder) time(t time.Time) {
	e.Int(t.Unix())
	e.Int(int64(t.Nanosecond()))
	loc := t.Location()
	switch loc {
	case time.UTC:
		e.Out = append(e.Out, zoneUTC)
		return
	case time.Local:
		e.Out = append(e.Out, zoneLocal)
		return
	}
	name, off := t.Zone()
	e.Out = append(e.Out, zoneFixed)
	e.Str(name)
	e.Int(int64(off))
}

// decodeValue reads what encodeValue wrote into v, which must be settable
// and zero. ok is false, leaving v partly set, when data is anything else.
// The strings of v share data's memory, which must never change.
func decodeValue(data []byte, v reflect.Value) bool {
	d := &decoder{Decoder: engine.Decoder{In: data}}
	d.value(v)
	return d.Done()
}

// decoder reads what encoder wrote (engine.Decoder), setting values by
// reflection.
type decoder struct {
	engine.Decoder
}

// count reads a length written one more than it is, 0 meaning nil; each
// element takes a byte at least, so a length beyond the data is refused.
func (d *decoder) count() (n int, isNil bool) {
	c := d.Uint()
	if d.Bad || c > uint64(len(d.In))+1 {
		d.Bad = true
		return 0, true
	}
	if c == 0 {
		return 0, true
	}
	return int(c - 1), false
}

func (d *decoder) value(v reflect.Value) {
	if d.Bad {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(d.Uint() == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(d.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(d.Uint())
	case reflect.Float32, reflect.Float64:
		if len(d.In) < 8 {
			d.Bad = true
			return
		}
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(d.In)))
		d.In = d.In[8:]
	case reflect.String:
		v.SetString(d.Str())
	case reflect.Pointer:
		if d.Uint() == 0 || d.Bad {
			return
		}
		p := reflect.New(v.Type().Elem())
		d.value(p.Elem())
		v.Set(p)
	case reflect.Slice:
		n, isNil := d.count()
		if isNil {
			return
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n && !d.Bad; i++ {
			d.value(s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			d.Bad = true
			return
		}
		n, isNil := d.count()
		if isNil {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), n)
		for i := 0; i < n && !d.Bad; i++ {
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString(d.Str())
			x := reflect.New(v.Type().Elem()).Elem()
			d.value(x)
			m.SetMapIndex(k, x)
		}
		v.Set(m)
	case reflect.Interface:
		k := d.Byte()
		if d.Bad || k == anyNil {
			return
		}
		if int(k) >= len(anyTypes) || anyTypes[k] == nil {
			d.Bad = true
			return
		}
		x := reflect.New(anyTypes[k]).Elem()
		d.value(x)
		if !x.Type().AssignableTo(v.Type()) {
			d.Bad = true
			return
		}
		v.Set(x)
	case reflect.Struct:
		if v.Type() == timeType {
			v.Set(reflect.ValueOf(d.time()))
			return
		}
		t := v.Type()
		for i := 0; i < t.NumField() && !d.Bad; i++ {
			if !carried(t.Field(i)) {
				d.Bad = true
				return
			}
			d.value(v.Field(i))
		}
	default:
		d.Bad = true
	}
}

func (d *decoder) time() time.Time {
	sec, nsec := d.Int(), d.Int()
	if d.Bad || nsec < 0 || nsec >= 1e9 {
		d.Bad = true
		return time.Time{}
	}
	t := time.Unix(sec, nsec)
	switch z := d.Byte(); {
	case z == zoneUTC:
		return t.UTC()
	case z == zoneLocal:
		return t.Local()
	case z == zoneFixed:
		name, off := d.Str(), d.Int()
		if !d.Bad && off > -1e6 && off < 1e6 {
			return t.In(time.FixedZone(name, int(off)))
		}
	}
	d.Bad = true
	return time.Time{}
}
