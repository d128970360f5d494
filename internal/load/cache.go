package load

import (
	"bytes"
	"encoding/binary"
	"html/template"
	"unsafe"

	"alliance/internal/engine"
	"alliance/internal/markdown"
	"alliance/internal/model"
)

// Cache keeps converted Markdown between builds, by a Sum of everything the
// conversion reads: converting is most of loading a large site, and an
// unchanged text converts the same. engine.Store is one.
type Cache interface {
	Get(key [32]byte) ([]byte, bool)
	PutBlob(key [32]byte, b []byte)
}

// convert converts a Markdown body as l.md.ConvertMasked does, through the
// cache when there is one. A text that shows images is always converted:
// what it shows depends on the image files, not on the text alone.
func (l *loader) convert(body []byte, folder string) (model.Body, []markdown.Masked, error) {
	c := l.opts.Cache
	if c == nil || bytes.Contains(body, []byte("![")) {
		return l.md.ConvertMasked(body, folder)
	}
	key := engine.NewHasher().String("markdown body 1").Sum(engine.Version()).
		Bool(l.cfg.UnsafeHTML).String(l.cfg.BasePath()).Bytes(body).Done()
	if data, ok := c.Get(key); ok {
		if b, masked, ok := decodeBody(data); ok {
			b.Sum = key
			return b, masked, nil
		}
	}
	b, masked, err := l.md.ConvertMasked(body, folder)
	if err == nil && len(b.Images) == 0 {
		c.PutBlob(key, encodeBody(b, masked))
		b.Sum = key
	}
	return b, masked, err
}

// encodeBody writes b and masked as length-prefixed fields: faster than gob
// for ten thousand small values, and decodeBody checks every length.
func encodeBody(b model.Body, masked []markdown.Masked) []byte {
	out := make([]byte, 0, len(b.HTML)+len(b.Text)+64)
	str := func(s string) {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	num := func(n int) { out = binary.AppendVarint(out, int64(n)) }
	str(string(b.HTML))
	str(b.Text)
	num(len(b.Headings))
	for _, h := range b.Headings {
		num(h.Level)
		str(h.ID)
		str(h.Text)
	}
	num(len(masked))
	for _, m := range masked {
		num(m.Line)
		str(m.Kind)
		str(m.Number)
	}
	return out
}

// decodeBody reads what encodeBody wrote; ok is false for anything else.
// The strings it returns share data's memory, which must never change.
func decodeBody(data []byte) (b model.Body, masked []markdown.Masked, ok bool) {
	bad := false
	str := func() string {
		n, k := binary.Uvarint(data)
		if k <= 0 || n > uint64(len(data)-k) {
			bad = true
			return ""
		}
		// The strings point into the blob rather than copying it: a
		// blob is never changed once stored (see engine.Store), and ten
		// thousand bodies copied cost more than converting them.
		var s string
		if n > 0 {
			s = unsafe.String(&data[k], int(n))
		}
		data = data[k+int(n):]
		return s
	}
	num := func() int {
		n, k := binary.Varint(data)
		if k <= 0 || n < 0 || n > 1<<30 {
			bad = true
			return 0
		}
		data = data[k:]
		return int(n)
	}
	b.HTML = template.HTML(str())
	b.Text = str()
	if n := num(); !bad && n <= len(data) {
		for range n {
			if bad {
				break
			}
			b.Headings = append(b.Headings, model.Heading{Level: num(), ID: str(), Text: str()})
		}
	} else {
		bad = true
	}
	if n := num(); !bad && n <= len(data) {
		for range n {
			if bad {
				break
			}
			masked = append(masked, markdown.Masked{Line: num(), Kind: str(), Number: str()})
		}
	} else {
		bad = true
	}
	if bad || len(data) != 0 {
		return model.Body{}, nil, false
	}
	return b, masked, true
}
