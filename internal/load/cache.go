package load

import (
	"bytes"
	"html/template"

	"alliance/internal/engine"
	"alliance/internal/markdown"
	"alliance/internal/model"
)

// Cache keeps converted Markdown and decoded TOML between builds, by a Sum
// of everything the conversion or decoding reads: they are most of loading
// a large site, and an unchanged text gives the same. engine.Store is one.
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

// encodeBody writes b and masked in the cache's plain encoding
// (engine.Encoder): faster than gob for ten thousand small values, and
// decodeBody checks every length.
func encodeBody(b model.Body, masked []markdown.Masked) []byte {
	e := &engine.Encoder{Out: make([]byte, 0, len(b.HTML)+len(b.Text)+64)}
	e.Str(string(b.HTML))
	e.Str(b.Text)
	e.Int(int64(len(b.Headings)))
	for _, h := range b.Headings {
		e.Int(int64(h.Level))
		e.Str(h.ID)
		e.Str(h.Text)
	}
	e.Int(int64(len(masked)))
	for _, m := range masked {
		e.Int(int64(m.Line))
		e.Str(m.Kind)
		e.Str(m.Number)
	}
	return e.Out
}

// decodeBody reads what encodeBody wrote; ok is false for anything else.
// The strings it returns share data's memory, which must never change.
func decodeBody(data []byte) (b model.Body, masked []markdown.Masked, ok bool) {
	d := &engine.Decoder{In: data}
	// A count or number, refused when negative or beyond any body.
	num := func() int {
		n := d.Int()
		if n < 0 || n > 1<<30 {
			d.Bad = true
			return 0
		}
		return int(n)
	}
	b.HTML = template.HTML(d.Str())
	b.Text = d.Str()
	if n := num(); !d.Bad && n <= len(d.In) {
		for range n {
			if d.Bad {
				break
			}
			b.Headings = append(b.Headings, model.Heading{Level: num(), ID: d.Str(), Text: d.Str()})
		}
	} else {
		d.Bad = true
	}
	if n := num(); !d.Bad && n <= len(d.In) {
		for range n {
			if d.Bad {
				break
			}
			masked = append(masked, markdown.Masked{Line: num(), Kind: d.Str(), Number: d.Str()})
		}
	} else {
		d.Bad = true
	}
	if !d.Done() {
		return model.Body{}, nil, false
	}
	return b, masked, true
}
