package engine

import "time"

// The index and the head are written in the plain encoding rather than
// gob: ten thousand notices make some 30,000 records, which every edit
// reads at its start and writes at its end.

// appendIndex appends the records of m to b.
func appendIndex(b []byte, m map[string]Record) []byte {
	e := &Encoder{Out: b}
	e.Uint(uint64(len(m)))
	for id, r := range m {
		e.Str(id)
		e.record(r)
	}
	return e.Out
}

// appendRecord appends r to b.
func appendRecord(b []byte, r Record) []byte {
	e := &Encoder{Out: b}
	e.record(r)
	return e.Out
}

func (e *Encoder) record(r Record) {
	e.Sum(r.Key)
	e.Uint(uint64(len(r.Deps)))
	for _, d := range r.Deps {
		e.Str(d.Name)
		e.Sum(d.Sum)
	}
	e.Uint(uint64(len(r.Out)))
	for _, o := range r.Out {
		e.Str(o.Path)
		e.Str(o.Sum)
		e.Int(o.Size)
	}
	if r.Until.IsZero() {
		e.Byte(0)
	} else {
		e.Byte(1)
		e.Int(r.Until.UnixNano())
	}
	e.Str(string(r.Data))
	e.Uint(uint64(len(r.Blobs)))
	for _, k := range r.Blobs {
		e.Sum(k)
	}
}

func (d *Decoder) record() Record {
	var r Record
	r.Key = d.Sum()
	if n := d.Count(1 + len(Sum{})); n > 0 {
		r.Deps = make([]Dep, n)
		for i := range r.Deps {
			r.Deps[i] = Dep{Name: d.Str(), Sum: d.Sum()}
		}
	}
	if n := d.Count(3); n > 0 {
		r.Out = make([]Out, n)
		for i := range r.Out {
			r.Out[i] = Out{Path: d.Str(), Sum: d.Str(), Size: d.Int()}
		}
	}
	switch d.Byte() {
	case 0:
	case 1:
		r.Until = time.Unix(0, d.Int())
	default:
		d.Bad = true
	}
	if data := d.Str(); data != "" {
		r.Data = []byte(data)
	}
	if n := d.Count(len(Sum{})); n > 0 {
		r.Blobs = make([]Sum, n)
		for i := range r.Blobs {
			r.Blobs[i] = d.Sum()
		}
	}
	return r
}

// decodeIndex reads what appendIndex wrote; ok is false for anything else.
// The records' strings share b's memory, which must never change.
func decodeIndex(b []byte) (m map[string]Record, ok bool) {
	d := &Decoder{In: b}
	n := d.Count(1 + len(Sum{}) + 4)
	m = make(map[string]Record, n)
	for range n {
		id := d.Str()
		r := d.record()
		if d.Bad {
			return nil, false
		}
		m[id] = r
	}
	if !d.Done() {
		return nil, false
	}
	return m, true
}

// decodeRecord reads what appendRecord wrote, alone.
func decodeRecord(b []byte) (Record, bool) {
	d := &Decoder{In: b}
	r := d.record()
	if !d.Done() {
		return Record{}, false
	}
	return r, true
}
