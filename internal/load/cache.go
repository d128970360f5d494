package load

import (
	"bytes"
	"html/template"
	"unsafe"

	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/markdown"
	"alliance/internal/model"
)

// Cache keeps converted Markdown and decoded TOML between builds, by a Sum
// of everything the conversion or decoding reads: they are most of loading
// a large site, and an unchanged text gives the same. engine.Store is one.
type Cache interface {
	Get(key [32]byte) ([]byte, bool)
	// Has reports whether a blob is kept under key, and keeps it for the
	// next build as Get does, without reading it.
	Has(key [32]byte) bool
	PutBlob(key [32]byte, b []byte)
}

// convert converts a Markdown body as l.md.ConvertMasked does, through the
// cache when there is one. A text that shows images is always converted:
// what it shows depends on the image files, not on the text alone.
//
// What is kept is cut in three: the body's outline (lengths, the opening
// of its text, headings, masked numbers) under the body's key, and its
// HTML and its text under keys of their own. A body found in the cache is
// read as its outline only; its HTML or text is read each time a stage
// asks for it (model.LazyBody), so a build that renders a few pages reads
// a few texts.
func (l *loader) convert(body []byte, src source) (model.Body, []markdown.Masked, error) {
	c := l.opts.Cache
	if c == nil || bytes.Contains(body, []byte("![")) {
		return l.md.ConvertMasked(body, src.folder)
	}
	k := blobsOf(l.bodyKey(body))
	if b, masked, ok := l.cached(k, src); ok {
		return b, masked, nil
	}
	b, masked, err := l.md.ConvertMasked(body, src.folder)
	if err != nil || len(b.Images) > 0 {
		return b, masked, err
	}
	c.PutBlob(k.html, []byte(b.HTML()))
	c.PutBlob(k.text, []byte(b.Text()))
	c.PutBlob(k.outline, encodeOutline(b, masked))
	// Kept, the body is read back from the cache when a stage asks, so
	// that a large site's texts are not all held at once (a hundred
	// thousand notices' are a gigabyte).
	if c.Has(k.html) && c.Has(k.text) {
		o := outline{htmlLen: b.HTMLLen(), textLen: b.TextLen(), opener: b.Opener(), headings: b.Headings}
		return l.lazy(k, o, src), masked, nil
	}
	b.Sum = k.outline
	return b, masked, nil
}

// bodyKey is the key of the body converted from the Markdown body.
func (l *loader) bodyKey(body []byte) engine.Sum {
	return engine.NewHasher().String("markdown body 2").Sum(engine.Version()).
		Bool(l.cfg.UnsafeHTML).String(l.cfg.BasePath()).Bytes(body).Done()
}

// bodyBlobs are the keys of the three blobs of a body kept in the cache:
// its outline under the body's key (bodyKey), its HTML and its text under
// keys of their own, apart so that the search index reads the text
// without the HTML, and a page the HTML without the text.
type bodyBlobs struct{ outline, html, text engine.Sum }

// blobsOf returns the keys of the blobs of the body kept under key.
func blobsOf(key engine.Sum) bodyBlobs {
	return bodyBlobs{
		outline: key,
		html:    engine.NewHasher().String("markdown body html 1").Sum(key).Done(),
		text:    engine.NewHasher().String("markdown body text 1").Sum(key).Done(),
	}
}

// cached returns the body kept under k, converted from the Markdown file
// src, its HTML and text read each time they are asked for; ok is false
// when the cache does not hold it whole.
func (l *loader) cached(k bodyBlobs, src source) (model.Body, []markdown.Masked, bool) {
	c := l.opts.Cache
	data, ok := c.Get(k.outline)
	if !ok || !c.Has(k.html) || !c.Has(k.text) {
		return model.Body{}, nil, false
	}
	o, masked, ok := decodeOutline(data)
	if !ok {
		return model.Body{}, nil, false
	}
	return l.lazy(k, o, src), masked, true
}

// lazy returns the body kept under k, with the outline o, converted from
// src: its HTML and text are read from the cache each time they are asked
// for.
func (l *loader) lazy(k bodyBlobs, o outline, src source) model.Body {
	b := model.LazyBody(k.outline, o.htmlLen, o.textLen, o.opener,
		func() template.HTML { return template.HTML(l.part(k.outline, k.html, o.htmlLen, src, true)) },
		func() string { return l.part(k.outline, k.text, o.textLen, src, false) })
	b.Headings = o.headings
	return b
}

// part reads the HTML (html) or the text of the body kept under key, from
// the blob under part, of n bytes. Should the cache fail it after all (a
// damaged entry), the file src is converted again; should that fail too,
// or the file hold another text now (it was changed during the build),
// the build fails (model.Site.Late).
func (l *loader) part(key, part engine.Sum, n int, src source, html bool) string {
	if data, ok := l.opts.Cache.Get(part); ok && len(data) == n {
		if n == 0 {
			return ""
		}
		// The blob is a copy of its own, never changed: shared, not copied again.
		return unsafe.String(&data[0], n)
	}
	data, ok := readText(l.fs, src.rel, maxMarkdown, "", &diag.List{})
	if ok {
		if _, body, _, err := splitFrontMatter(data); err == nil && l.bodyKey(body) == key {
			if b, _, err := l.md.ConvertMasked(body, src.folder); err == nil {
				if html {
					return string(b.HTML())
				}
				return b.Text()
			}
		}
	}
	l.site.Late.Errorf(src.rel, 0, "build again", "the file changed while the site was built")
	return ""
}

// outline is what the cache keeps of a body beside its HTML and text.
type outline struct {
	htmlLen, textLen int
	opener           string
	headings         []model.Heading
}

// encodeOutline writes the outline of b, and masked, in the cache's plain
// encoding (engine.Encoder): faster than gob for ten thousand small
// values, and decodeOutline checks every length.
func encodeOutline(b model.Body, masked []markdown.Masked) []byte {
	e := &engine.Encoder{Out: make([]byte, 0, 512)}
	e.Int(int64(b.HTMLLen()))
	e.Int(int64(b.TextLen()))
	e.Str(b.Opener())
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

// decodeOutline reads what encodeOutline wrote; ok is false for anything
// else. The strings it returns share data's memory, which must never change.
func decodeOutline(data []byte) (o outline, masked []markdown.Masked, ok bool) {
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
	o.htmlLen = num()
	o.textLen = num()
	o.opener = d.Str()
	if n := num(); !d.Bad && n <= len(d.In) {
		for range n {
			if d.Bad {
				break
			}
			o.headings = append(o.headings, model.Heading{Level: num(), ID: d.Str(), Text: d.Str()})
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
		return outline{}, nil, false
	}
	return o, masked, true
}
