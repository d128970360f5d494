package load

import (
	"bytes"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"alliance/internal/catalog"
	"alliance/internal/config"
	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/phone"
	"alliance/internal/sitefs"
)

// noticeFront is the front matter of a notice as written.
type noticeFront struct {
	docFront
	DocNumber   string        `toml:"doc_number"`
	Issuer      string        `toml:"issuer"`
	Recipients  []string      `toml:"recipients"`
	Deadline    any           `toml:"deadline"`
	Disclosure  string        `toml:"disclosure"`
	Contact     *contactFront `toml:"contact"`
	Attachments []attachFront `toml:"attachments"`
	Pinned      bool          `toml:"pinned"`
}

type contactFront struct {
	Name  string       `toml:"name"`
	Phone phone.Number `toml:"phone"`
	Email string       `toml:"email"`
}

type attachFront struct {
	Title     string `toml:"title"`
	File      string `toml:"file"`
	Directory string `toml:"directory"`
	Template  string `toml:"template"`
}

// pendingAttachment remembers a data attachment until directories and
// templates are known.
type pendingAttachment struct {
	notice *model.Notice
	index  int
	line   int
	id     string
}

func (l *loader) notices() []*model.Notice {
	var out []*model.Notice
	kind := docKind{"notices/", true, `"关于……的通知"`}
	files := docFiles(l, "notices", kind, func(fm *noticeFront) docFront { return fm.docFront })
	for i := range files {
		f := &files[i]
		src, p, fm := f.p.src, f.p, f.fm
		doc, date, publish := f.doc, f.date, f.publish
		n := &model.Notice{
			Doc:         doc,
			Date:        date,
			PublishDate: publish,
			DocNumber:   strings.TrimSpace(fm.DocNumber),
			Issuer:      strings.TrimSpace(fm.Issuer),
			Recipients:  cleanList(fm.Recipients),
			Disclosure:  strings.TrimSpace(fm.Disclosure),
			Pinned:      fm.Pinned,
		}
		if n.PublishDate.IsZero() {
			n.PublishDate = n.Date
		}
		if fm.Deadline != nil {
			if t, hasTime := l.date(p, "deadline", fm.Deadline, true); !t.IsZero() {
				if !hasTime {
					t = t.AddDate(0, 0, 1).Add(-1) // the whole day counts
				}
				n.Deadline = &model.Deadline{Time: t, HasTime: hasTime}
			}
		}
		if n.Disclosure == "" {
			n.Disclosure = config.Public
		}
		if !validDisclosure(n.Disclosure) {
			l.dl.Errorf(src.rel, diag.LineOf(p.fm, "disclosure", 2), catalog.Sprintf("use one of %s", strings.Join(config.Disclosures, ", ")), "disclosure: unknown option %q", n.Disclosure)
		}
		if n.DocNumber != "" && strings.ContainsAny(n.DocNumber, "[]()（）【】［］") {
			l.dl.Warnf(src.rel, diag.LineOf(p.fm, "doc_number", 2), "write the year in 〔〕 as GB/T 9704 requires, such as 枣教字〔2021〕10号", "doc_number %q uses [] or () around the year", n.DocNumber)
		}
		if fm.Contact != nil {
			n.Contact = &model.Contact{Name: strings.TrimSpace(fm.Contact.Name), Phone: fm.Contact.Phone, Email: strings.TrimSpace(fm.Contact.Email)}
		}
		attachLines := findHeaders(p.fm, "[[attachments]]", p.fmLine)
		for i, a := range fm.Attachments {
			line := attachLines.at(i)
			n.Attachments = append(n.Attachments, l.attachment(n, src, a, i, line))
		}
		if l.hold(&n.Doc, publish) {
			continue
		}
		if !l.cfg.Publishes(n.Disclosure) {
			l.site.Held[heldDisclosure]++
			continue
		}
		l.publishFiles(n)
		out = append(out, n)
	}
	maskAll(out)
	newestFirst(out, noticeDate)
	return out
}

// attachment resolves one [[attachments]] entry. Files are checked now; data
// attachments are checked in linkAttachments, once directories and templates
// are loaded.
func (l *loader) attachment(n *model.Notice, src source, a attachFront, i, line int) model.Attachment {
	att := model.Attachment{Title: strings.TrimSpace(a.Title)}
	set := 0
	for _, v := range []string{a.File, a.Directory, a.Template} {
		if v != "" {
			set++
		}
	}
	if set != 1 {
		l.dl.Errorf(src.rel, line, `give exactly one of file = "…", directory = "…" or template = "…"`, "attachment %d has %d targets", i+1, set)
		return att
	}
	switch {
	case a.File != "":
		att.Kind = model.AttachFile
		clean := path.Clean(filepath.ToSlash(a.File))
		if path.IsAbs(clean) || strings.HasPrefix(clean, "../") || clean == ".." {
			l.dl.Errorf(src.rel, line, "put the file in the notice's folder and give its name only", "attachment file %q is outside the notice's folder", a.File)
			return att
		}
		abs, st, err := l.fs.Stat(path.Join(l.rel(src.folder), clean))
		if oe := sitefs.Outside(err); oe != nil {
			l.dl.Errorf(src.rel, line, oe.Hint(), "attachment file %q: %v", a.File, oe)
			return att
		}
		if err != nil || !st.Mode().IsRegular() {
			l.dl.Errorf(src.rel, line, catalog.Sprintf("put the file in %s/ or correct the name", l.rel(src.folder)), "attachment file %q does not exist", a.File)
			return att
		}
		att.URL = clean // made absolute once the notice's URL is known
		att.Size = st.Size()
		l.pendingFiles = append(l.pendingFiles, pendingFile{notice: n, index: i, abs: abs})
		if att.Title == "" {
			att.Title = path.Base(clean)
		}
	case a.Directory != "":
		att.Kind = model.AttachDirectory
		l.pending = append(l.pending, pendingAttachment{notice: n, index: i, line: line, id: a.Directory})
	case a.Template != "":
		att.Kind = model.AttachTemplate
		l.pending = append(l.pending, pendingAttachment{notice: n, index: i, line: line, id: a.Template})
	}
	return att
}

type pendingFile struct {
	notice *model.Notice
	index  int
	abs    string
}

// publishFiles gives a published notice's attached files their URLs and
// queues them for copying.
func (l *loader) publishFiles(n *model.Notice) {
	for _, pf := range l.pendingFiles {
		if pf.notice != n {
			continue
		}
		a := &n.Attachments[pf.index]
		a.URL = n.URL + a.URL
		f := model.File{Src: pf.abs, URL: a.URL, Size: a.Size}
		if data := textWithBOM(pf.abs, l.fs); data != nil {
			f.Data, f.Size, a.Size = data, int64(len(data)), int64(len(data))
		}
		l.site.Files = append(l.site.Files, f)
	}
}

// utf8BOM marks a text file as UTF-8 for browsers, which honour it over a
// missing charset.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// textWithBOM returns a .txt or .csv attachment with a UTF-8 byte-order mark
// in front, or nil when the file is of another kind, already has one, or is
// not UTF-8. Many servers send text/plain without a charset, and browsers
// then show Chinese text as mojibake; with the mark they read it right.
// It reads the file through the site folder, which refuses links out of it,
// since the writer's own check of copied files does not see data.
func textWithBOM(abs string, site *sitefs.Root) []byte {
	switch strings.ToLower(filepath.Ext(abs)) {
	case ".txt", ".csv":
	default:
		return nil
	}
	data, err := site.ReadFile(site.Rel(abs))
	if err != nil || bytes.HasPrefix(data, utf8BOM) || !utf8.Valid(data) {
		return nil // a read error is reported when the file is copied
	}
	return append(append(make([]byte, 0, len(utf8BOM)+len(data)), utf8BOM...), data...)
}

// exists reports whether the site has the file rel, readable or not: a data
// file that failed to load is there, with its own errors, not missing.
func (l *loader) exists(rel string) bool {
	if l.fs == nil {
		return false
	}
	_, _, err := l.fs.Stat(rel)
	return err == nil
}

// linkAttachments connects data attachments to their directory or template.
func (l *loader) linkAttachments() {
	dirs := map[string]*model.Directory{}
	for _, d := range l.site.Directories {
		dirs[d.ID] = d
	}
	tpls := map[string]*model.Template{}
	for _, t := range l.site.Templates {
		tpls[t.ID] = t
	}
	for _, p := range l.pending {
		a := &p.notice.Attachments[p.index]
		switch a.Kind {
		case model.AttachDirectory:
			d, ok := dirs[p.id]
			if !ok && l.exists("data/alliances/"+p.id+".toml") {
				l.dl.Errorf(p.notice.Source, p.line, catalog.Sprintf("fix the problems reported for %s; the attachment works once it loads", "data/alliances/"+p.id+".toml"),
					"attachment: the member directory %s has errors", "data/alliances/"+p.id+".toml")
				continue
			}
			if !ok {
				l.dl.Errorf(p.notice.Source, p.line, catalog.Sprintf("create data/alliances/%s.toml or use one of: %s", p.id, strings.Join(keys(dirs), ", ")), "attachment: no member directory %q", p.id)
				continue
			}
			a.Directory, a.URL = d, d.URL
			if a.Title == "" {
				a.Title = d.Name
			}
		case model.AttachTemplate:
			t, ok := tpls[p.id]
			if !ok && l.exists("data/templates/"+p.id+".toml") {
				l.dl.Errorf(p.notice.Source, p.line, catalog.Sprintf("fix the problems reported for %s; the attachment works once it loads", "data/templates/"+p.id+".toml"),
					"attachment: the application template %s has errors", "data/templates/"+p.id+".toml")
				continue
			}
			if !ok {
				l.dl.Errorf(p.notice.Source, p.line, catalog.Sprintf("create data/templates/%s.toml or use one of: %s", p.id, strings.Join(keys(tpls), ", ")), "attachment: no application template %q", p.id)
				continue
			}
			a.Template, a.URL = t, t.URL
			if a.Title == "" {
				a.Title = t.Title
			}
		}
	}
	// A template called for by a notice takes the notice's deadline unless it has its own.
	for _, n := range l.site.Notices {
		for _, a := range n.Attachments {
			if a.Template != nil && a.Template.Submission.Notice == nil {
				a.Template.Submission.Notice = n
				if a.Template.Submission.Deadline == nil {
					a.Template.Submission.Deadline = n.Deadline
				}
			}
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return []string{"(none yet)"}
	}
	return out
}

func validDisclosure(d string) bool {
	for _, v := range config.Disclosures {
		if v == d {
			return true
		}
	}
	return false
}

// cleanList trims entries and drops empty ones.
func cleanList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// headerLines finds every line of src that is exactly header (such as
// "[[members]]") once, so that the n-th array entry's line is an index away
// rather than a rescan of the file per entry. firstLine is src's first line.
type headerLines []int

func findHeaders(src []byte, header string, firstLine int) headerLines {
	var lines headerLines
	for i, line := range strings.Split(string(src), "\n") {
		if strings.TrimSpace(line) == header {
			lines = append(lines, firstLine+i)
		}
	}
	return lines
}

// at returns the line of the n-th (0-based) header, or 0 when unknown.
func (h headerLines) at(n int) int {
	if n < 0 || n >= len(h) {
		return 0
	}
	return h[n]
}

// nthLine returns the line of the n-th (0-based) occurrence of header in src.
func nthLine(src []byte, header string, n, firstLine int) int {
	return findHeaders(src, header, firstLine).at(n)
}

// noticeDate is the date Site orders notices by, newest first.
func noticeDate(n *model.Notice) time.Time { return n.PublishDate }

// newestFirst orders docs by date, newest first, documents of one date in
// the order they had: the order of Site's notices and reports.
func newestFirst[D any](docs []D, date func(D) time.Time) {
	slices.SortStableFunc(docs, func(a, b D) int { return date(b).Compare(date(a)) })
}
