// Package load reads a site folder — site.toml, content/ and data/ — into a
// model.Site, checking everything a clerk can get wrong and reporting every
// problem with its file and line. It writes nothing.
package load

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/config"
	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/images"
	"alliance/internal/markdown"
	"alliance/internal/model"
	"alliance/internal/parallel"
	"alliance/internal/privacy"
	"alliance/internal/sitefs"
	"alliance/internal/tomllimit"
)

// Options change what is loaded.
type Options struct {
	BaseURL string    // overrides base_url from site.toml
	Drafts  bool      // include drafts
	Future  bool      // include pages whose publish_date is still to come
	Expired bool      // include pages whose expiry_date has passed
	Now     time.Time // the build's clock; zero means time.Now()
	Cache   Cache     // converted Markdown from earlier builds; nil for none

	// Stamps, when set, are the stamps of the site's files as the build
	// found them before loading (engine.Tree), by path relative to the
	// site folder: a file in it is not stat'ed again (see known.go).
	Stamps map[string]engine.FileStamp

	// Read, when set, is given each Markdown file that parses, as it is
	// read, for checks of what the clerk wrote (see Text). It is called
	// from several goroutines at once.
	Read func(Text)
}

// Text is a Markdown file as the loader read it: its front matter and body
// as written, and the personal numbers it masked in the body, whose lines
// count from the body's first line.
type Text struct {
	Source   string // relative to the site folder
	Front    []byte // front matter; its first line is line 2 of the file
	Body     []byte
	BodyLine int // the file's line of the body's first line
	Masked   []markdown.Masked
}

// loader carries what every part of loading needs.
type loader struct {
	root string
	fs   *sitefs.Root // reads every file, refusing links out of the site folder
	cfg  *config.Site
	opts Options
	md   *markdown.Converter
	dl   *diag.List
	site *model.Site

	only []source // when set, the only Markdown files to read (see Patch)

	pending      []pendingAttachment // data attachments to link
	pendingFiles []pendingFile       // attached files to publish

	started time.Time // the wall clock as loading began (see clock)

}

// Site loads the site in dir. It returns nil when the problems in dl make a
// site impossible to build; callers check dl.HasErrors in any case.
func Site(dir string, opts Options, dl *diag.List) *model.Site {
	cfg := config.Load(dir, dl)
	if cfg == nil {
		return nil
	}
	root, err := sitefs.Open(dir)
	if err != nil {
		dl.Errorf("", 0, "", "cannot open the site folder: %v", err)
		return nil
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			dl.Errorf("--base-url", 0, "write it like https://example.org/alliance/", "%v", err)
		}
	}
	if !strings.Contains(cfg.BaseURL, "://") {
		dl.Warnf(config.File, 0, `set base_url = "https://example.org/" in site.toml, or pass --base-url`, "base_url %q has no host name, so QR codes, the feed and the sitemap cannot carry addresses a phone or reader can open", cfg.BaseURL)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	// Personal mobile and ID-card numbers typed into any text are masked as
	// the model is built, so that no later stage (pages, feed, search index,
	// downloads) can publish them: a Markdown body in its syntax tree (see
	// markdown), everything else by privacy.Mask, which masks every string
	// except the fields tagged `mask:"-"` (URLs, file names, ids). Numbers in
	// phone fields are masked where they are shown, unless marked public.
	privacy.Mask(cfg) // the site's title, description and organiser are on every page
	l := newLoader(dir, root, cfg, opts, dl, &model.Site{Config: cfg, Late: &model.Late{}, Now: opts.Now.In(cfg.Location), Held: map[string]int{}})
	l.site.Directories = l.directories()
	l.site.Templates = l.templates()
	l.site.Notices = l.notices()
	l.site.Reports = l.reports()
	l.site.Pages = l.pages()
	l.linkAttachments()
	l.site.SetTags(l.tags())
	l.checkURLs()
	return l.site
}

// newLoader is a loader of the site in dir, opened as root, building site.
func newLoader(dir string, root *sitefs.Root, cfg *config.Site, opts Options, dl *diag.List, site *model.Site) *loader {
	return &loader{
		started: clock(),
		root:    dir,
		fs:      root,
		cfg:     cfg,
		opts:    opts,
		md:      markdown.New(markdown.WithUnsafeHTML(cfg.UnsafeHTML), markdown.WithBasePath(cfg.BasePath()), markdown.WithImages(images.LocalIn(root))),
		dl:      dl,
		site:    site,
	}
}

// rel returns path relative to the site folder with forward slashes.
func (l *loader) rel(path string) string {
	r, err := filepath.Rel(l.root, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(r)
}

// fileError reports err, met reading the site file rel: for a link out of
// the site folder, where it leads and how to fix it; else what failed.
func (l *loader) fileError(rel string, line int, what string, err error) {
	fileError(l.dl, rel, line, what, err)
}

func fileError(dl *diag.List, rel string, line int, what string, err error) {
	if oe := sitefs.Outside(err); oe != nil {
		dl.Errorf(rel, line, oe.Hint(), "%s", oe.Msg(rel))
		return
	}
	dl.Errorf(rel, line, "", "%s: %v", catalog.T(what), err)
}

// source is one Markdown file found under content/.
type source struct {
	abs    string // the .md file
	rel    string
	name   string // file name without .md, or the folder name for index.md
	folder string // the folder holding files that belong to it
	bundle bool   // an index.md in its own folder
}

// skipped says whether a file or folder of content/ is left out: hidden
// (.name) or set aside (_name).
func skipped(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// isMarkdown says whether the file name is a Markdown file's.
func isMarkdown(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".md") }

// fileSource is the Markdown file NAME.md at abs (rel in the site folder).
func fileSource(abs, rel string) source {
	name := filepath.Base(abs)
	return source{abs: abs, rel: rel, name: strings.TrimSuffix(name, filepath.Ext(name)), folder: filepath.Dir(abs)}
}

// bundleSource is the folder NAME at dir, whose text is its index.md (rel
// in the site folder).
func bundleSource(dir, rel string) source {
	return source{abs: filepath.Join(dir, "index.md"), rel: rel, name: filepath.Base(dir), folder: dir, bundle: true}
}

// sources lists the Markdown files of a content section, in name order:
// NAME.md files and NAME/index.md folders.
func (l *loader) sources(section string) []source {
	if l.only != nil {
		var out []source
		for _, src := range l.only {
			if sectionOf(src.rel) == section {
				out = append(out, src)
			}
		}
		return out
	}
	dir := filepath.Join(l.root, "content", section)
	entries, err := l.fs.ReadDir(l.rel(dir))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.fileError(l.rel(dir), 0, catalog.Key("cannot read folder"), err)
		}
		return nil
	}
	var out []source
	for _, e := range entries {
		name := e.Name
		if skipped(name) {
			continue
		}
		p := filepath.Join(dir, name)
		if e.Dir {
			if section == "" {
				continue // sections are read on their own
			}
			if e.Err != nil {
				l.fileError(l.rel(p), 0, catalog.Key("cannot read folder"), e.Err)
				continue
			}
			idx := filepath.Join(p, "index.md")
			if _, _, err := l.fs.Stat(l.rel(idx)); err != nil {
				if sitefs.Outside(err) != nil {
					l.fileError(l.rel(idx), 0, catalog.Key("cannot read"), err)
				} else {
					l.dl.Warnf(l.rel(p), 0, catalog.Sprintf("put the text in %s", l.rel(idx)), "folder has no index.md and is ignored")
				}
				continue
			}
			out = append(out, bundleSource(p, l.rel(idx)))
			continue
		}
		if isMarkdown(name) {
			out = append(out, fileSource(p, l.rel(p)))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// parsed is a Markdown file split into front matter and converted body.
type parsed struct {
	src      source
	fm       []byte
	body     model.Body
	fmLine   int // line of the first front-matter line
	bodyLine int
}

// parsedFile is the result of parsing one source in parseAll.
type parsedFile[F any] struct {
	p  *parsed
	ok bool
	fm F
	dl diag.List
}

// parseAll parses srcs on every core, since reading and converting Markdown
// is most of loading a large site. Results are in the order of srcs; each
// carries its own problems for the caller to merge in that order.
func parseAll[F any](l *loader, srcs []source) []parsedFile[F] {
	out := make([]parsedFile[F], len(srcs))
	parallel.Each(len(srcs), func(i int) {
		r := &out[i]
		r.p, r.ok = l.parseTo(srcs[i], &r.fm, &r.dl)
	})
	return out
}

// docFile is one content file of a section, parsed, with what every kind
// of document has in common already read from its front matter.
type docFile[F any] struct {
	p             *parsed
	fm            F
	doc           model.Doc
	date, publish time.Time
}

// docFiles parses the files of section on every core, then reads the front
// matter all documents share (the docFront that front picks out of F) in
// file order, so that problems are reported and slugs given out in the
// same order on every run. Files that cannot be parsed are left out; their
// problems are in l.dl.
func docFiles[F any](l *loader, section string, kind docKind, front func(*F) docFront) []docFile[F] {
	srcs := l.sources(section)
	used := map[string]int{}
	files := parseAll[F](l, srcs)
	// In place, each made once: a notice's front matter and document are
	// hundreds of bytes, copied at every turn and every growth before.
	out := make([]docFile[F], 0, len(files))
	for i := range files {
		r := &files[i]
		l.dl.Merge(&r.dl)
		if !r.ok {
			continue
		}
		doc, date, publish := l.doc(srcs[i], r.p, front(&r.fm), kind, used)
		out = append(out, docFile[F]{p: r.p, fm: r.fm, doc: doc, date: date, publish: publish})
	}
	return out
}

// parseTo reads src, decodes its front matter into fm and converts its
// body, reporting problems to dl.
func (l *loader) parseTo(src source, fm any, dl *diag.List) (*parsed, bool) {
	key, keep := l.knownKey(src)
	if keep {
		if p, ok, known := l.known(key, src, fm, dl); known {
			return p, ok
		}
	}
	data, warned, ok := readTextWarned(l.fs, src.rel, maxMarkdown, catalog.Key("split the text into several pages, or publish the long text as an attached file"), dl)
	if !ok {
		return nil, false
	}
	front, body, bodyLine, err := splitFrontMatter(data)
	if err != nil {
		dl.Errorf(src.rel, 1, "start the file with +++, then title = \"…\" and date = 2024-04-30, then +++", "%v", err)
		return nil, false
	}
	if !l.decodeTOML(front, fm, src.rel, 2, tomllimit.MaxFrontMatter, dl) {
		return nil, false
	}
	b, masked, err := l.convert(body, src)
	if ie := (*markdown.ImageError)(nil); errors.As(err, &ie) {
		hint := "save the image again as a JPEG or PNG, or remove it"
		if oe := sitefs.Outside(err); oe != nil {
			hint = oe.Hint()
		}
		dl.Errorf(src.rel, bodyLine+ie.Line-1, hint, "%v", err)
		return nil, false
	}
	if err != nil {
		dl.Errorf(src.rel, bodyLine, "", "cannot convert Markdown: %v", err)
		return nil, false
	}
	l.warnMasked(src, bodyLine, masked, dl)
	for _, im := range b.Images {
		im.Source, im.Line = src.rel, bodyLine+im.Line-1
	}
	if l.opts.Read != nil {
		l.opts.Read(Text{Source: src.rel, Front: front, Body: body, BodyLine: bodyLine, Masked: masked})
	}
	// A copy of the front matter, so that the file's text is not kept.
	p := &parsed{src: src, fm: bytes.Clone(front), body: b, fmLine: 2, bodyLine: bodyLine}
	if keep && !warned {
		l.keep(key, p)
	}
	return p, true
}

// date reads a front-matter date; required dates that are missing are errors.
func (l *loader) date(p *parsed, key string, v any, required bool) (time.Time, bool) {
	if v == nil {
		if required {
			l.dl.Errorf(p.src.rel, 1, catalog.Sprintf("add %s = 2024-04-30 to the front matter", key), "%s is missing", key)
		}
		return time.Time{}, false
	}
	t, hasTime, err := parseDate(v, l.cfg.Location)
	if err != nil {
		l.dl.Errorf(p.src.rel, diag.LineOf(p.fm, key, p.fmLine), dateHint, "%s: %v", key, err)
		return time.Time{}, false
	}
	if t.IsZero() && required {
		l.dl.Errorf(p.src.rel, diag.LineOf(p.fm, key, p.fmLine), dateHint, "%s is empty", key)
	}
	return t, hasTime
}

// summary returns s, or the start of the body text when s is empty.
func summary(s string, b model.Body) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	// Only the first runes of the text are looked at: the text of a long
	// notice is many times longer than its summary.
	const limit = 120
	text := b.Opener()
	runes := 0
	for i := range text {
		if runes == limit {
			text = text[:i] + "…"
			break
		}
		runes++
	}
	return strings.ReplaceAll(text, "\n", " ")
}

// maskAll masks every document of docs (privacy.Mask) on every core: one at
// a time it was a tenth of loading 10,000 notices.
func maskAll[D any](docs []*D) {
	parallel.Each(len(docs), func(i int) { privacy.Mask(docs[i]) })
}
