package engine

import (
	"encoding/binary"
	"unsafe"
)

// The plain encoding of what the cache keeps and reads back on every run
// (the index of records, decoded front matter, converted bodies): numbers
// as varints, strings with their length first. It is several times faster
// than gob for tens of thousands of small values; a Decoder checks every
// length against what is left.

// Encoder appends the plain encoding to Out.
type Encoder struct {
	Out []byte
}

func (e *Encoder) Uint(n uint64) { e.Out = binary.AppendUvarint(e.Out, n) }

func (e *Encoder) Int(n int64) { e.Out = binary.AppendVarint(e.Out, n) }

func (e *Encoder) Byte(c byte) { e.Out = append(e.Out, c) }

// Str writes s with its length first.
func (e *Encoder) Str(s string) {
	e.Uint(uint64(len(s)))
	e.Out = append(e.Out, s...)
}

// Sum writes s as its 32 bytes.
func (e *Encoder) Sum(s Sum) { e.Out = append(e.Out, s[:]...) }

// Decoder reads what an Encoder wrote from In. Anything that does not fit
// (a length past the end, a varint cut short) sets Bad; the values read
// after it are zero.
type Decoder struct {
	In  []byte
	Bad bool
}

func (d *Decoder) Uint() uint64 {
	n, k := binary.Uvarint(d.In)
	if k <= 0 {
		d.Bad = true
		return 0
	}
	d.In = d.In[k:]
	return n
}

func (d *Decoder) Int() int64 {
	n, k := binary.Varint(d.In)
	if k <= 0 {
		d.Bad = true
		return 0
	}
	d.In = d.In[k:]
	return n
}

func (d *Decoder) Byte() byte {
	if len(d.In) == 0 {
		d.Bad = true
		return 0
	}
	b := d.In[0]
	d.In = d.In[1:]
	return b
}

// Str reads a string. It shares In's memory rather than copying it: a
// blob of the cache is never changed once stored (see Store), nor is an
// encoding once made, nor a file once read; ten thousand bodies copied
// cost more than converting them.
func (d *Decoder) Str() string {
	n := d.Uint()
	if d.Bad || n > uint64(len(d.In)) {
		d.Bad = true
		return ""
	}
	var s string
	if n > 0 {
		s = unsafe.String(&d.In[0], int(n))
	}
	d.In = d.In[n:]
	return s
}

// Sum reads 32 bytes.
func (d *Decoder) Sum() (s Sum) {
	if len(d.In) < len(s) {
		d.Bad = true
		return s
	}
	copy(s[:], d.In)
	d.In = d.In[len(s):]
	return s
}

// Count reads a number of items, each of at least min bytes, refusing one
// that the rest of the input cannot hold.
func (d *Decoder) Count(min int) int {
	n := d.Uint()
	if d.Bad || n > uint64(len(d.In)/min) {
		d.Bad = true
		return 0
	}
	return int(n)
}

// Done reports whether everything was read, and read without a fault.
func (d *Decoder) Done() bool { return !d.Bad && len(d.In) == 0 }
