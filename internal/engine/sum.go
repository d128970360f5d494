package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"io"
	"math"
	"reflect"
	"slices"
	"sync"
	"time"
)

// Sum names the content of an input or a value: a SHA-256 hash. Two inputs
// with the same Sum are taken to be the same.
type Sum [32]byte

func (s Sum) String() string { return hex.EncodeToString(s[:]) }

// IsZero reports whether s was never set.
func (s Sum) IsZero() bool { return s == Sum{} }

// Hasher builds a Sum from parts. Each part is written with its length, so
// that ("ab", "c") and ("a", "bc") differ. Parts are gathered in a buffer
// and hashed a block at a time: most are a few bytes (a number, a field's
// type), and hashing each on its own cost a deep hash of the model twice
// the time.
type Hasher struct {
	h   hash.Hash
	b   []byte // parts not yet hashed, in arr
	arr [512]byte
}

// NewHasher returns an empty Hasher.
func NewHasher() *Hasher {
	h := &Hasher{h: sha256.New()}
	h.b = h.arr[:0]
	return h
}

// hashers keeps the Hashers of deep hashing for use again: a hash of the
// model makes one per pointer and map key it meets, and those were 46 MB of
// the 580 MB an edit of 10,000 notices allocated.
var hashers = sync.Pool{New: func() any { return NewHasher() }}

// borrow returns an empty Hasher from the pool; give it back with free.
func borrow() *Hasher { return hashers.Get().(*Hasher) }

// free returns the Sum of everything added to h and gives h back to the
// pool, empty; h is not used again.
func (h *Hasher) free() Sum {
	s := h.Done()
	h.h.Reset()
	hashers.Put(h)
	return s
}

func (h *Hasher) write(p []byte) {
	if len(h.b)+len(p) > len(h.arr) {
		h.h.Write(h.b)
		h.b = h.arr[:0]
		if len(p) > len(h.arr) {
			h.h.Write(p)
			return
		}
	}
	h.b = append(h.b, p...)
}

func (h *Hasher) writeString(s string) {
	if len(h.b)+len(s) > len(h.arr) {
		h.h.Write(h.b)
		h.b = h.arr[:0]
		if len(s) > len(h.arr) {
			io.WriteString(h.h, s)
			return
		}
	}
	h.b = append(h.b, s...)
}

// Bytes adds b.
func (h *Hasher) Bytes(b []byte) *Hasher {
	h.Int(int64(len(b)))
	h.write(b)
	return h
}

// String adds s.
func (h *Hasher) String(s string) *Hasher {
	h.Int(int64(len(s)))
	h.writeString(s)
	return h
}

// Int adds i.
func (h *Hasher) Int(i int64) *Hasher {
	if len(h.b)+8 > len(h.arr) {
		h.h.Write(h.b)
		h.b = h.arr[:0]
	}
	h.b = binary.LittleEndian.AppendUint64(h.b, uint64(i))
	return h
}

// Bool adds b.
func (h *Hasher) Bool(b bool) *Hasher {
	if b {
		return h.Int(1)
	}
	return h.Int(0)
}

// Sum adds s.
func (h *Hasher) Sum(s Sum) *Hasher {
	h.write(s[:])
	return h
}

// Done returns the Sum of everything added.
func (h *Hasher) Done() Sum {
	h.h.Write(h.b)
	h.b = h.arr[:0]
	var s Sum
	h.h.Sum(s[:0])
	return s
}

// Of returns the Sum of parts.
func Of(parts ...string) Sum {
	h := borrow()
	for _, p := range parts {
		h.String(p)
	}
	return h.free()
}

// Values hashes values of the model deeply, by reflection, so that a step
// that reads a value depends on every field of it without a list of fields
// that the next field would escape. A pointer's target is hashed once per
// Values and remembered, so that a notice shown on a hundred pages is
// hashed once; pointers are taken to be unchanged while the Values lives.
// Cycles are hashed as a reference to the value already being hashed.
//
// Values is safe for concurrent use.
type Values struct {
	mu     sync.Mutex
	memo   map[memoKey]Sum // by pointer, for the values done
	frozen bool            // no more are remembered (Freeze)
	skip   map[reflect.Type]bool
}

// NewValues returns a Values that leaves out values of the given types
// wherever they are met (a field or an element of such a type adds nothing):
// the types a step declares separately, such as the site settings.
func NewValues(skip ...any) *Values {
	v := &Values{memo: map[memoKey]Sum{}, skip: map[reflect.Type]bool{}}
	for _, s := range skip {
		v.skip[reflect.TypeOf(s)] = true
	}
	return v
}

// Freeze stops v remembering new sums. The sum of a value inside a cycle
// depends on where the walk came in, so one remembered by whichever of
// several concurrent callers reached it first would make later sums depend
// on the order they ran in: hash the shared values in a fixed order, then
// Freeze, and every Of gives the same result in every run.
func (v *Values) Freeze() {
	v.mu.Lock()
	v.frozen = true
	v.mu.Unlock()
}

// Of returns the Sum of x, which is typically a pointer into the model.
// Its type is hashed, and the type of each value an interface holds; the
// type of any other value inside is fixed by the type holding it.
func (v *Values) Of(x any) Sum {
	h := borrow()
	xv := reflect.ValueOf(x)
	if xv.IsValid() {
		h.String(xv.Type().String())
	}
	v.add(h, xv, &walk{busy: map[uintptr]int{}, low: math.MaxInt})
	return h.free()
}

var (
	timeType   = reflect.TypeOf(time.Time{})
	summerType = reflect.TypeOf((*Summer)(nil)).Elem()
)

// Summer is a value that names its own content: a converted text that
// carries the Sum of the source it was made from, which costs less to
// hash than the text. A zero ContentSum means "hash me field by field".
type Summer interface {
	ContentSum() [32]byte
}

// memoKey names a value by its address and type: a struct and its first
// field share an address.
type memoKey struct {
	p uintptr
	t reflect.Type
}

// walk is the state of one Of: the pointers being hashed further up, by
// their depth (from 1), so that a cycle ends; and the lowest depth a cycle
// was cut at since low was last reset.
type walk struct {
	busy  map[uintptr]int
	depth int
	low   int
}

// add writes x into h.
func (v *Values) add(h *Hasher, x reflect.Value, busy *walk) {
	if !x.IsValid() {
		h.Int(-1)
		return
	}
	t := x.Type()
	if v.skip[t] {
		h.Int(-2)
		return
	}
	switch x.Kind() {
	case reflect.Bool:
		h.Bool(x.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.Int(x.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.Int(int64(x.Uint()))
	case reflect.Float32, reflect.Float64:
		h.Int(int64(math.Float64bits(x.Float())))
	case reflect.Complex64, reflect.Complex128:
		c := x.Complex()
		h.Int(int64(math.Float64bits(real(c)))).Int(int64(math.Float64bits(imag(c))))
	case reflect.String:
		h.String(x.String())
	case reflect.Struct:
		if t.Implements(summerType) && x.CanInterface() {
			if s := x.Interface().(Summer).ContentSum(); s != [32]byte{} {
				h.Sum(s)
				return
			}
		}
		if t == timeType {
			tm := x.Interface().(time.Time)
			h.Int(tm.UnixNano()).String(tm.Location().String())
			_, off := tm.Zone()
			h.Int(int64(off)).Bool(tm.IsZero())
			return
		}
		for i := range x.NumField() {
			v.add(h, x.Field(i), busy)
		}
	case reflect.Slice:
		if x.IsNil() {
			h.Int(-1)
			return
		}
		if t.Elem().Kind() == reflect.Uint8 {
			h.Bytes(x.Bytes())
			return
		}
		fallthrough
	case reflect.Array:
		h.Int(int64(x.Len()))
		for i := range x.Len() {
			v.add(h, x.Index(i), busy)
		}
	case reflect.Map:
		if x.IsNil() {
			h.Int(-1)
			return
		}
		// Keys in a fixed order: by their own sums.
		type kv struct {
			k Sum
			v reflect.Value
		}
		kvs := make([]kv, 0, x.Len())
		it := x.MapRange()
		for it.Next() {
			kh := borrow()
			v.add(kh, it.Key(), busy)
			kvs = append(kvs, kv{kh.free(), it.Value()})
		}
		slices.SortFunc(kvs, func(a, b kv) int { return bytes.Compare(a.k[:], b.k[:]) })
		h.Int(int64(len(kvs)))
		for _, e := range kvs {
			h.Sum(e.k)
			v.add(h, e.v, busy)
		}
	case reflect.Pointer:
		if x.IsNil() {
			h.Int(-1)
			return
		}
		p := x.Pointer()
		if d := busy.busy[p]; d > 0 {
			h.Int(-3) // a cycle: the value is being hashed further up
			busy.low = min(busy.low, d)
			return
		}
		key := memoKey{p, t}
		v.mu.Lock()
		s, ok := v.memo[key]
		v.mu.Unlock()
		if !ok {
			busy.depth++
			d, low := busy.depth, busy.low
			busy.busy[p] = d
			busy.low = math.MaxInt
			sub := borrow()
			v.add(sub, x.Elem(), busy)
			delete(busy.busy, p)
			busy.depth--
			s = sub.free()
			// A value whose hash was cut short at a value further up
			// (a notice's template that names the notice) hashed without
			// that value's content: its sum holds only on this way in,
			// and is not remembered.
			if busy.low >= d {
				v.mu.Lock()
				if !v.frozen {
					v.memo[key] = s
				}
				v.mu.Unlock()
			}
			busy.low = min(low, busy.low)
		}
		h.Sum(s)
	case reflect.Interface:
		if e := x.Elem(); e.IsValid() {
			h.String(e.Type().String())
		}
		v.add(h, x.Elem(), busy)
	default:
		// Functions and channels carry no content a page can show.
		h.Int(-4)
	}
}
