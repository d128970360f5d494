package search

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"alliance/internal/model"
	"alliance/internal/parallel"
)

// Kind is what a search result is. The numbers are part of the index format
// shared with search.js.
type Kind uint8

// Kinds of search results.
const (
	KindNotice Kind = iota
	KindReport
	KindMember
	KindTemplate
	KindPage
	KindDirectory
	numKinds
)

// kindNames are the kinds as they appear in the search page's URL (?kind=).
var kindNames = [numKinds]string{"notice", "report", "member", "template", "page", "directory"}

// String returns the kind's name as used in URLs, such as "notice".
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "unknown"
}

// KindByName returns the kind called name and whether there is one.
func KindByName(name string) (Kind, bool) {
	for i, n := range kindNames {
		if n == name {
			return Kind(i), true
		}
	}
	return 0, false
}

// Field classes, best first. A match in a better class ranks higher.
const (
	ClassTitle = 0 // title; a member's or directory's name
	ClassMeta  = 1 // document number, issuer, recipients, event, speakers, member facts and 责任人
	ClassBody  = 2 // the text
	numClasses = 3
)

// document is one searchable unit, with its texts by class.
type document struct {
	kind    Kind
	url     string // site-relative
	title   string
	date    time.Time  // zero when undated
	meta    []string   // ClassMeta texts, shown in results
	extra   []string   // ClassMeta texts indexed but not shown (compact document numbers)
	body    model.Body // its text is ClassBody, read when asked for (see bodyText); its Sum, when set, names it (see docKey)
	lead    string     // a summary, searched before the text when it is not in it (see extract)
	context string     // shown with the title, such as the directory of a member
	summary string
}

// bodyText is d's ClassBody text. A converted body's is read only when
// asked for: after an edit, only the documents of the segment that changed
// are extracted, and only the texts of the body shards that changed are
// written (see bodyShards).
func (d *document) bodyText() string { return d.body.Text() }

// summaryRunes is how much of a summary results show.
const summaryRunes = 80

// collect turns the site into documents sorted newest first; undated
// documents come last. The order is the documents' ids, so among equally
// good matches the lower id is the newer one.
func collect(site *model.Site) []document {
	var docs []document
	add := func(d document) {
		if d.title == "" && d.body.TextLen() == 0 && d.lead == "" && len(d.meta) == 0 {
			return
		}
		docs = append(docs, d)
	}
	// Notices are most of a site: their documents are made on every core.
	notices := make([]document, len(site.Notices))
	parallel.Each(len(site.Notices), func(i int) { notices[i] = noticeDoc(site.Notices[i]) })
	for _, d := range notices {
		add(d)
	}
	for _, r := range site.Reports {
		d := document{kind: KindReport, url: r.URL, title: r.Title, date: r.Date,
			body: r.Doc.Body, lead: strings.TrimSpace(r.Doc.Summary), summary: clip(r.Summary, summaryRunes)}
		e := r.Event
		d.meta = nonEmpty(e.Name, e.Theme, e.Venue)
		d.meta = append(d.meta, nonEmpty(e.Hosts...)...)
		d.meta = append(d.meta, nonEmpty(e.Organisers...)...)
		for _, s := range r.Speakers {
			d.meta = append(d.meta, nonEmpty(strings.TrimSpace(s.Name+" "+s.Affiliation+" "+s.Post), s.Talk)...)
		}
		d.meta = append(d.meta, r.Tags...)
		add(d)
	}
	for _, p := range site.Pages {
		add(document{kind: KindPage, url: p.URL, title: p.Title, date: p.Date,
			body: p.Doc.Body, lead: strings.TrimSpace(p.Doc.Summary), summary: clip(p.Summary, summaryRunes)})
	}
	for _, dir := range site.Directories {
		d := document{kind: KindDirectory, url: dir.URL, title: dir.Name, date: dir.Founded,
			body: model.NewBody("", dir.Description), summary: clip(dir.Description, summaryRunes)}
		d.meta = nonEmpty(dir.ShortName)
		for _, b := range dir.Governance {
			d.meta = append(d.meta, nonEmpty(b.Name)...)
			for _, p := range b.People {
				d.meta = append(d.meta, nonEmpty(strings.TrimSpace(p.Role+" "+p.Name+" "+p.Post))...)
			}
		}
		add(d)
		ctx := dir.ShortName
		if ctx == "" {
			ctx = dir.Name
		}
		for _, m := range dir.AllMembers() {
			u := dir.URL
			if m.ID != "" {
				u += "#" + m.ID
			}
			add(document{kind: KindMember, url: u, title: m.Name, date: m.Joined, context: ctx,
				meta: nonEmpty(m.District, m.Tier, m.Nature, m.Category, m.Responsible)})
		}
	}
	for _, t := range site.Templates {
		d := document{kind: KindTemplate, url: t.URL, title: t.Title}
		if t.Submission.Notice != nil {
			d.date = t.Submission.Notice.PublishDate
		}
		d.meta = nonEmpty(t.Subtitle, t.Addressee)
		seen := map[string]bool{}
		for _, f := range t.Fields {
			if f.Label != "" && !seen[f.Label] {
				seen[f.Label] = true
				d.meta = append(d.meta, f.Label)
			}
		}
		add(d)
	}
	// Sorted by index: a document is some two hundred bytes, and a stable
	// sort moves each many times.
	order := make([]int32, len(docs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		a, b := &docs[i], &docs[j]
		if a.date.IsZero() != b.date.IsZero() {
			if a.date.IsZero() {
				return 1
			}
			return -1
		}
		if c := b.date.Compare(a.date); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.url, b.url))
	})
	sorted := make([]document, len(docs))
	for i, k := range order {
		sorted[i] = docs[k]
	}
	return sorted
}

// noticeDoc is the document of a notice.
func noticeDoc(n *model.Notice) document {
	d := document{kind: KindNotice, url: n.URL, title: n.Title, date: n.PublishDate,
		body: n.Doc.Body, lead: strings.TrimSpace(n.Doc.Summary), summary: clip(n.Summary, summaryRunes)}
	if d.date.IsZero() {
		d.date = n.Date
	}
	d.meta = nonEmpty(append([]string{n.DocNumber, n.Issuer}, n.Recipients...)...)
	d.meta = append(d.meta, n.Tags...)
	if c := compact(n.DocNumber); c != "" && c != Fold(n.DocNumber) {
		d.extra = []string{c}
	}
	return d
}

// leads reports whether summary is the start of text as the loader makes a
// summary when none is given (newlines as spaces, an ellipsis where it is
// cut), which spares folding the whole text to find it there.
func leads(summary, text string) bool {
	summary = strings.TrimSuffix(summary, "…")
	if len(summary) > len(text) {
		return false
	}
	for i := 0; i < len(summary); i++ {
		c := text[i]
		if c == '\n' {
			c = ' '
		}
		if summary[i] != c {
			return false
		}
	}
	return true
}

// compact is a document number folded with its separators removed, so
// 枣教字2021 finds 枣教字〔2021〕10号.
func compact(docNumber string) string {
	return strings.ReplaceAll(Fold(docNumber), " ", "")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// clip shortens s to at most n runes, marking a cut with an ellipsis.
func clip(s string, n int) string {
	// One pass that stops at the cut: a summary made from a long text
	// need not be split into words and runes whole.
	var b strings.Builder
	b.Grow(min(len(s), 4*n+4))
	// A cut text is made valid UTF-8, as the runes it is counted in.
	cut := func() string { return string([]rune(b.String())) + "…" }
	count := 0
	space := false // white space pending between two words
	for i, r := range s {
		if unicode.IsSpace(r) {
			space = count > 0
			continue
		}
		if count == n {
			return cut()
		}
		if space {
			b.WriteByte(' ')
			count++
			space = false
			if count == n {
				return cut()
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size]) // as written, even a byte that is not UTF-8
		count++
	}
	return b.String()
}
