package engine

import (
	"encoding/binary"
	"time"
)

// The index and the head are written in an encoding of their own rather
// than gob: ten thousand notices make some 30,000 records, which every edit
// reads at its start and writes at its end. Strings are read as parts of
// one copy of the whole, not allocated one by one.

// appendIndex appends the records of m to b.
func appendIndex(b []byte, m map[string]Record) []byte {
	b = binary.AppendUvarint(b, uint64(len(m)))
	for id, r := range m {
		b = appendString(b, id)
		b = appendRecord(b, r)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendRecord(b []byte, r Record) []byte {
	b = append(b, r.Key[:]...)
	b = binary.AppendUvarint(b, uint64(len(r.Deps)))
	for _, d := range r.Deps {
		b = appendString(b, d.Name)
		b = append(b, d.Sum[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(r.Out)))
	for _, o := range r.Out {
		b = appendString(b, o.Path)
		b = appendString(b, o.Sum)
		b = binary.AppendVarint(b, o.Size)
	}
	if r.Until.IsZero() {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = binary.AppendVarint(b, r.Until.UnixNano())
	}
	return appendString(b, string(r.Data))
}

// reader reads what the append functions wrote. A length past the end, or
// any other damage, sets bad; the values read after it are zero.
type reader struct {
	in  string
	bad bool
}

func (d *reader) uint() uint64 {
	n, k := uvarint(d.in)
	if k <= 0 {
		d.bad = true
		return 0
	}
	d.in = d.in[k:]
	return n
}

// uvarint is binary.Uvarint of a string, which has none of its own.
func uvarint(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				return 0, -1
			}
			return x | uint64(c)<<shift, i + 1
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

func (d *reader) int() int64 {
	u := d.uint()
	n := int64(u >> 1)
	if u&1 != 0 {
		n = ^n
	}
	return n
}

// count reads a number of items, each of at least min bytes, refusing one
// that the rest of the input cannot hold.
func (d *reader) count(min int) int {
	n := d.uint()
	if d.bad || n > uint64(len(d.in)/min) {
		d.bad = true
		return 0
	}
	return int(n)
}

func (d *reader) str() string {
	n := d.uint()
	if d.bad || n > uint64(len(d.in)) {
		d.bad = true
		return ""
	}
	s := d.in[:n]
	d.in = d.in[n:]
	return s
}

func (d *reader) sum() (s Sum) {
	if len(d.in) < len(s) {
		d.bad = true
		return s
	}
	copy(s[:], d.in)
	d.in = d.in[len(s):]
	return s
}

func (d *reader) byte() byte {
	if len(d.in) == 0 {
		d.bad = true
		return 0
	}
	c := d.in[0]
	d.in = d.in[1:]
	return c
}

func (d *reader) record() Record {
	var r Record
	r.Key = d.sum()
	if n := d.count(1 + len(Sum{})); n > 0 {
		r.Deps = make([]Dep, n)
		for i := range r.Deps {
			r.Deps[i] = Dep{Name: d.str(), Sum: d.sum()}
		}
	}
	if n := d.count(3); n > 0 {
		r.Out = make([]Out, n)
		for i := range r.Out {
			r.Out[i] = Out{Path: d.str(), Sum: d.str(), Size: d.int()}
		}
	}
	switch d.byte() {
	case 0:
	case 1:
		r.Until = time.Unix(0, d.int())
	default:
		d.bad = true
	}
	if data := d.str(); data != "" {
		r.Data = []byte(data)
	}
	return r
}

// decodeIndex reads what appendIndex wrote; ok is false for anything else.
func decodeIndex(b []byte) (m map[string]Record, ok bool) {
	d := &reader{in: string(b)}
	n := d.count(1 + len(Sum{}) + 4)
	m = make(map[string]Record, n)
	for range n {
		id := d.str()
		r := d.record()
		if d.bad {
			return nil, false
		}
		m[id] = r
	}
	if d.bad || d.in != "" {
		return nil, false
	}
	return m, true
}

// decodeRecord reads what appendRecord wrote, alone.
func decodeRecord(b []byte) (Record, bool) {
	d := &reader{in: string(b)}
	r := d.record()
	if d.bad || d.in != "" {
		return Record{}, false
	}
	return r, true
}
