// Package check finds what a build accepts but a secretariat should fix:
// document numbers that do not follow GB/T 9704, links to pages or anchors
// that do not exist, images without alt text, pinned notices whose deadline
// has passed, mobile and ID-card numbers written into a text in full,
// notices published before they were written and notices published
// unfinished (placeholder text, no issuer, a contact no reader can call).
// The build's own errors and warnings come too: it loads the site as a build
// does and checks the paths of every file a build would write, from the plan
// of its pages, without rendering them.
package check

import (
	"time"

	"alliance/internal/diag"
	"alliance/internal/load"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/outputs"
	"alliance/internal/parallel"
	"alliance/internal/render"
	"alliance/internal/sitefs"
)

// Options say which site to check and which pages count as published, as
// the build's flags do.
type Options struct {
	Source  string // the site folder; "" means "."
	Drafts  bool
	Future  bool
	Expired bool
	Now     time.Time  // zero means now
	Cache   load.Cache // converted Markdown kept by builds, read only; nil for none
}

// Run checks the site and returns every problem found, errors and warnings.
// It writes nothing.
func Run(opts Options) *diag.List {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	var dl diag.List
	ts := &texts{}
	site := load.Site(opts.Source, load.Options{Drafts: opts.Drafts, Future: opts.Future, Expired: opts.Expired, Now: opts.Now, Read: ts.add, Cache: opts.Cache}, &dl)
	if site == nil {
		return &dl
	}
	root, err := sitefs.Open(opts.Source)
	if err != nil {
		return &dl
	}
	c := &checker{root: root, site: site, dl: &dl, texts: ts, cache: opts.Cache}
	// As a build: minified, since the minifier rejects scripts and styles
	// that do not parse, and the outputs only when the site and its theme
	// load without errors.
	minifier := output.NewMinifier()
	theme := render.LoadTheme(opts.Source, site.Config, minifier, &dl)
	if theme != nil && !dl.HasErrors() {
		paths, planned, err := c.outputs(opts.Source, theme, minifier)
		addErr(&dl, err)
		if paths != nil {
			c.index(paths, planned, theme)
		}
	}
	c.notices()
	c.readiness()
	c.documents()
	c.dataPrivacy()
	c.menu()
	for _, p := range site.Late.Problems() {
		dl.Add(p)
	}
	return &dl
}

// checker carries what the checks share.
type checker struct {
	root  *sitefs.Root // the site folder, read as the loader reads it
	site  *model.Site
	dl    *diag.List
	texts *texts        // the Markdown files as the loader read them
	cache outputs.Blobs // what builds stored, read only; nil for none

	built bool            // whether paths and pages are known
	paths map[string]bool // every file the build writes
	pages *pages          // the HTML pages, for the ids on them
}

// notices checks the front matter of each published notice.
func (c *checker) notices() {
	for _, n := range c.site.Notices {
		src := c.texts.get(n.Source)
		if msg, hint := docNumber(n.DocNumber); msg != "" {
			c.dl.Warnf(n.Source, src.line("doc_number"), hint, "doc_number %q %s", n.DocNumber, msg)
		}
		if n.Pinned && n.Deadline != nil && !n.Deadline.Open(c.site.Now) {
			c.dl.Warnf(n.Source, src.line("pinned"), "set pinned = false so that open calls lead the home page",
				"the notice is pinned but its deadline passed on %s", n.Deadline.Time.In(c.site.Now.Location()).Format("2006-01-02 15:04"))
		}
		if n.PublishDate.Before(n.Date) {
			c.dl.Warnf(n.Source, src.line("publish_date"), "a notice is published on or after the day it is written (成文日期); correct publish_date or date",
				"publish_date %s is before date %s", n.PublishDate.Format("2006-01-02"), n.Date.Format("2006-01-02"))
		}
	}
}

// documents checks the Markdown text of every published notice, report and page.
func (c *checker) documents() {
	var docs []*model.Doc
	for _, n := range c.site.Notices {
		docs = append(docs, &n.Doc)
	}
	for _, r := range c.site.Reports {
		docs = append(docs, &r.Doc)
	}
	for _, p := range c.site.Pages {
		docs = append(docs, &p.Doc)
	}
	// Every document on every core, each reporting to its own list; the
	// lists are merged in document order, so the report reads the same on
	// every run.
	dls := make([]diag.List, len(docs))
	parallel.Each(len(docs), func(i int) {
		cc := *c
		cc.dl = &dls[i]
		d := docs[i]
		t := cc.texts.get(d.Source)
		if t == nil {
			return
		}
		cc.privacy(d, t)
		cc.images(d, t)
		cc.links(d, t)
	})
	for i := range dls {
		c.dl.Merge(&dls[i])
	}
}

// menu checks that the main navigation leads to pages that exist.
func (c *checker) menu() {
	if !c.built {
		return
	}
	data, _ := c.root.ReadFile("site.toml")
	for _, m := range c.site.Config.Menu {
		if msg := c.target("", m.URL); msg != "" {
			c.dl.Warnf("site.toml", lineContaining(data, `"`+m.URL+`"`, 1), "point the menu at a page the site has, such as /notices/", "menu %q: %s", m.Name, msg)
		}
	}
}
