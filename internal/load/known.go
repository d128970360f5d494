package load

import (
	"time"

	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/markdown"
	"alliance/internal/tomllimit"
)

// Markdown files taken as read.
//
// With a cache, an edit of one notice among ten thousand still read all ten
// thousand files, only to find each one's front matter and body in the
// cache: a tenth of the edit's work, most of it in system calls. So, for
// each Markdown file it reads without a problem, the loader keeps what it
// found (the front matter, the line the body starts at, the key of the
// converted body) under the file's path and stamp (size, modification and
// change times, inode: engine.Stamp, as git knows its files) and the
// settings the body is converted with. A file found with the same stamp is
// taken as read: one stat instead of an open, a read and a close, and no
// hashing of its text.
//
// Only files that had settled, unchanged for engine.Settle before loading
// began, are kept so (see engine.Stamp), and only on systems that give a change
// time. A file whose reading gave a warning (read as GB18030) is read every
// time, so that the warning is given every time.

// clock is the wall clock that says when loading began, against which a
// file's stamp must have settled (engine.FileStamp.SettledBy); the tests
// move it on.
var clock = time.Now

// knownKey returns the key under which what was read from src is kept, and
// false when it is not to be kept: no cache, a reader of the texts (which
// needs them), a file without a stamp or changed too recently.
func (l *loader) knownKey(src source) (engine.Sum, bool) {
	if l.opts.Cache == nil || l.opts.Read != nil {
		return engine.Sum{}, false
	}
	fst, ok := l.opts.Stamps[src.rel]
	if !ok {
		_, st, err := l.fs.Stat(src.rel)
		if err != nil || !st.Mode().IsRegular() {
			return engine.Sum{}, false
		}
		fst, ok = engine.Stamp(st)
	}
	if !ok || !fst.SettledBy(l.started) {
		return engine.Sum{}, false
	}
	return engine.NewHasher().String("markdown file 3").Sum(engine.Version()).String(src.rel).Sum(fst.Sum).
		Bool(l.cfg.UnsafeHTML).String(l.cfg.BasePath()).Done(), true
}

// known is parseTo for a file kept under key: ok is false when the cache
// no longer holds what it needs, and the file must be read.
func (l *loader) known(key engine.Sum, src source, fm any, dl *diag.List) (p *parsed, parsedOK, ok bool) {
	c := l.opts.Cache
	data, ok := c.Get(key)
	if !ok {
		return nil, false, false
	}
	d := &engine.Decoder{In: data}
	front := d.Str()
	bodyLine := int(d.Int())
	bodyKey := d.Sum()
	if !d.Done() || bodyLine < 1 {
		return nil, false, false
	}
	b, masked, ok := l.cached(blobsOf(bodyKey), src)
	if !ok {
		return nil, false, false
	}
	fmBytes := []byte(front)
	if !l.decodeTOML(fmBytes, fm, src.rel, 2, tomllimit.MaxFrontMatter, dl) {
		return nil, false, true
	}
	l.warnMasked(src, bodyLine, masked, dl)
	return &parsed{src: src, fm: fmBytes, body: b, fmLine: 2, bodyLine: bodyLine}, true, true
}

// keep keeps what was read from a file under key (see knownKey).
func (l *loader) keep(key engine.Sum, p *parsed) {
	if p.body.Sum == (engine.Sum{}) {
		return // converted without the cache: it shows images
	}
	e := &engine.Encoder{Out: make([]byte, 0, len(p.fm)+48)}
	e.Str(string(p.fm))
	e.Int(int64(p.bodyLine))
	e.Sum(p.body.Sum)
	l.opts.Cache.PutBlob(key, e.Out)
}

// warnMasked warns of the tel: links to personal mobiles the conversion
// masked.
func (l *loader) warnMasked(src source, bodyLine int, masked []markdown.Masked, dl *diag.List) {
	for _, m := range masked {
		if m.Kind == markdown.Tel {
			dl.Warnf(src.rel, bodyLine+max(m.Line, 1)-1, "link an office line instead, or put the number in [contact] with public = true if it may be shown",
				"a tel: link to a personal mobile (%s) is published as masked text without the link", m.Number)
		}
	}
}
