// Package model holds a site as the later stages see it: notices, reports,
// pages, member directories and application templates, loaded, validated and
// linked to each other. It knows nothing of files, HTML layouts or outputs.
package model

import (
	"html/template"
	"slices"
	"strings"
	"sync"
	"time"

	"alliance/internal/config"
	"alliance/internal/diag"
	"alliance/internal/phone"
)

// Late gathers the problems met after loading, by a stage reading what
// the loader left to be read when asked (LazyBody): the build fails with
// them before it writes anything. It is safe for concurrent use.
type Late struct {
	mu   sync.Mutex
	list diag.List
}

// Errorf adds an error about file, as diag.List.Errorf, once: a stage
// may ask for the same text several times.
func (l *Late) Errorf(file string, line int, hint, format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var one diag.List
	one.Errorf(file, line, hint, format, args...)
	p := one.Problems()[0]
	for _, q := range l.list.Problems() {
		if q.File == p.File && q.Line == p.Line && q.Msg == p.Msg {
			return
		}
	}
	l.list.Add(p)
}

// Problems returns the problems added.
func (l *Late) Problems() []diag.Problem {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.list.Problems()
}

// Err returns the problems added, nil when none (or l is nil).
func (l *Late) Err() error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.list.Err()
}

// Site is everything a build publishes.
type Site struct {
	Config      *config.Site
	Late        *Late        // problems met after loading (nil: none can be)
	Notices     []*Notice    // newest PublishDate first
	Reports     []*Report    // newest first
	Pages       []*Page      // plain pages such as content/about.md
	Directories []*Directory // sorted by ID
	Templates   []*Template  // sorted by ID
	Tags        []*Tag       // sorted by name
	Files       []File       // files to copy beside pages (attachments, photos)
	Now         time.Time    // the build's clock, for deadline badges
	tagIndex    map[string]*Tag
	Held        map[string]int // pages left out of the build, by reason (draft, future, expired, disclosure)
	// NextChange is the first moment after Now at which a page's
	// publish_date or expiry_date changes what is published; zero if none.
	NextChange time.Time
}

// SetTags sets the site's tags and indexes them by name for TagNamed.
func (s *Site) SetTags(tags []*Tag) {
	s.Tags = tags
	s.tagIndex = make(map[string]*Tag, len(tags))
	for _, t := range tags {
		s.tagIndex[t.Name] = t
		for _, n := range t.Names {
			s.tagIndex[n] = t
		}
	}
}

// TagNamed returns the tag called name in any of its spellings, or nil.
// Layouts call it for every tag of every page, so it looks the name up
// instead of scanning the list.
func (s *Site) TagNamed(name string) *Tag {
	if s.tagIndex == nil {
		for _, t := range s.Tags {
			if t.Name == name || slices.Contains(t.Names, name) {
				return t
			}
		}
		return nil
	}
	return s.tagIndex[name]
}

// Tag groups the notices and reports that carry it.
type Tag struct {
	Name    string   // the spelling most of its pages use
	Names   []string // every spelling its pages use (年会, 年會), sorted
	Slug    string   `mask:"-"` // ASCII, from the pinyin of the name
	URL     string   `mask:"-"` // "tags/<slug>/"
	Notices []*Notice
	Reports []*Report
}

// File is a source file published as it is, such as an attachment.
type File struct {
	Src  string `mask:"-"` // its real path on disk, every link resolved, inside the site folder
	URL  string `mask:"-"` // site-relative URL path, such as "notices/zaozhuang-2021-10/plan.pdf"
	Size int64
	Data []byte // when not nil, published instead of Src's bytes (a text file given a BOM)
}

// Heading is a heading of a Markdown body, for tables of contents.
type Heading struct {
	Level int
	ID    string `mask:"-"`
	Text  string
}

// Body is a Markdown text converted to HTML. Its HTML and plain text are
// read through methods: a body kept in the build cache is read from it
// each time a stage asks (LazyBody), and not held, so that an edit of one
// notice among ten thousand does not read ten thousand texts to render a
// few pages, and a site of a hundred thousand does not hold them all.
type Body struct {
	Headings []Heading
	Images   []*Image // raster images beside the text that it shows, URLs relative to its page

	// Sum names the Markdown and settings the body was converted from, when
	// that is all it depends on (it shows no images); zero otherwise. The
	// build engine hashes it instead of the text.
	Sum [32]byte `mask:"-"`

	content *bodyContent
}

// bodyContent is a body's HTML and text, or how to read them, and what is
// known of them before they are read.
type bodyContent struct {
	readHTML   func() template.HTML // nil when html and text are held
	readText   func() string
	html       template.HTML
	text       string
	htmlLen    int
	textLen    int
	textOpener string // the text's first OpenerRunes runes
}

// OpenerRunes is how many runes of the text Opener gives: enough for a
// summary of 120 and to know whether the text goes on.
const OpenerRunes = 121

// NewBody returns the body of html and text: the HTML is safe to insert as
// it is (masked in the syntax tree it is made from), the text is plain,
// for search and summaries.
func NewBody(html template.HTML, text string) Body {
	return Body{content: &bodyContent{html: html, text: text, htmlLen: len(html), textLen: len(text), textOpener: opener(text)}}
}

// LazyBody returns a body named by sum whose HTML html gives, and text
// text, each time they are asked for; htmlLen, textLen and textOpener are
// what they will be (the lengths of the HTML and text and the text's first
// OpenerRunes runes). html and text are called from any goroutine, and
// must give the same every time. sum must not be zero: the build engine
// hashes a body without a sum by its content, which it must then hold (it
// is read at once).
func LazyBody(sum [32]byte, htmlLen, textLen int, textOpener string, html func() template.HTML, text func() string) Body {
	if sum == [32]byte{} {
		return NewBody(html(), text())
	}
	return Body{Sum: sum, content: &bodyContent{readHTML: html, readText: text, htmlLen: htmlLen, textLen: textLen, textOpener: textOpener}}
}

// opener is the first OpenerRunes runes of s, a copy: a part of s would
// keep all of s in memory.
func opener(s string) string {
	n := 0
	for i := range s {
		if n == OpenerRunes {
			return strings.Clone(s[:i])
		}
		n++
	}
	return s
}

// HTML is the body as HTML, safe to insert as it is.
func (b Body) HTML() template.HTML {
	switch c := b.content; {
	case c == nil:
		return ""
	case c.readHTML != nil:
		return c.readHTML()
	default:
		return c.html
	}
}

// Text is the body as plain text.
func (b Body) Text() string {
	switch c := b.content; {
	case c == nil:
		return ""
	case c.readText != nil:
		return c.readText()
	default:
		return c.text
	}
}

// HTMLLen is len(b.HTML()), known without reading the body.
func (b Body) HTMLLen() int {
	if b.content == nil {
		return 0
	}
	return b.content.htmlLen
}

// TextLen is len(b.Text()), known without reading the body.
func (b Body) TextLen() int {
	if b.content == nil {
		return 0
	}
	return b.content.textLen
}

// Opener is the first OpenerRunes runes of b.Text(), known without reading
// the body: enough for a summary.
func (b Body) Opener() string {
	if b.content == nil {
		return ""
	}
	return b.content.textOpener
}

// ContentSum returns b.Sum, for the build engine (engine.Summer): a body
// without one is hashed by its HTML, which holds all it shows.
func (b Body) ContentSum() [32]byte { return b.Sum }

// Doc holds what every published page written in Markdown has.
type Doc struct {
	Source  string `mask:"-"` // path relative to the site folder
	Slug    string `mask:"-"`
	URL     string `mask:"-"` // site-relative path ending in "/", such as "notices/hunan-2024/"
	Title   string
	Summary string
	Tags    []string
	Draft   bool
	Lang    string `mask:"-"` // language of the text when it is not the site's, such as "zh-Hant"
	Body    Body
	// Params is the page's [params] table, for custom layouts (.Params).
	Params map[string]any

	// ExpiryDate is when the page leaves the site (expiry_date); zero when never.
	ExpiryDate time.Time
}

// Document returns d: through embedding, the Doc of a notice, report or
// page, for code that treats the three alike.
func (d *Doc) Document() *Doc { return d }

// Notice is a notice (通知) or invitation (邀请函) published by the secretariat.
type Notice struct {
	Doc
	Date        time.Time // 成文日期
	PublishDate time.Time // 发布日期
	DocNumber   string    // 发文字号, such as 枣教字〔2021〕10号
	Issuer      string    // 发文机关
	Recipients  []string  // 主送
	Deadline    *Deadline
	Disclosure  string // 公开方式
	Contact     *Contact
	Attachments []Attachment
	Pinned      bool
}

// Deadline is a closing date, with or without a time of day.
type Deadline struct {
	Time    time.Time // end of the day when HasTime is false
	HasTime bool
}

// Open reports whether the deadline has not passed at now.
func (d *Deadline) Open(now time.Time) bool { return d != nil && now.Before(d.Time) }

// Contact is whom to ask about a notice.
type Contact struct {
	Name  string
	Phone phone.Number
	Email string
}

// Attachment kinds.
const (
	AttachFile      = "file"
	AttachDirectory = "directory"
	AttachTemplate  = "template"
)

// Attachment is a file beside a notice, or a directory or template from data/.
type Attachment struct {
	Title     string
	Kind      string `mask:"-"` // AttachFile, AttachDirectory or AttachTemplate
	URL       string `mask:"-"` // site-relative URL of the file or page
	Size      int64  // bytes, for files
	Directory *Directory
	Template  *Template
}

// Report is a report of a forum or meeting.
type Report struct {
	Doc
	Date     time.Time // publication date
	Event    Event
	Speakers []Speaker
	Photos   []Photo
	Credits  Credits
}

// Event describes the meeting a report is about.
type Event struct {
	Name       string
	Start, End time.Time // End equals Start for a one-day event
	Venue      string
	Hosts      []string // 主办
	Organisers []string // 承办
	Theme      string
	Attendance string // such as "近300人"
}

// Speaker is one talk at an event.
type Speaker struct {
	Name        string
	Affiliation string
	Post        string
	Talk        string
}

// Photo is an image beside a report.
type Photo struct {
	URL     string `mask:"-"` // site-relative
	Caption string
	Alt     string
	Image   *Image // its renditions; nil for an image published as it is (SVG)

	Width, Height int // of an image published as it is, when known; 0 otherwise
}

// Credits are the bylines of a report.
type Credits struct {
	Writers       []string // 撰稿
	Photographers []string // 图片
	Reviewers     []string // 审核
	FinalReview   []string // 终审
	Editors       []string // 责编
}

// Page is a plain page such as 关于我们.
type Page struct {
	Doc
	Date time.Time // may be zero
}
