// Package check finds what a build accepts but a secretariat should fix:
// document numbers that do not follow GB/T 9704, links to pages or anchors
// that do not exist, images without alt text, pinned notices whose deadline
// has passed, mobile and ID-card numbers written into a text in full,
// notices published before they were written and notices published
// unfinished (placeholder text, no issuer, a contact no reader can call). It runs the whole build
// without writing anything, so the build's own errors and warnings come too.
package check

import (
	"errors"
	"time"

	"alliance/internal/build"
	"alliance/internal/diag"
	"alliance/internal/load"
	"alliance/internal/markdown"
	"alliance/internal/model"
	"alliance/internal/parallel"
	"alliance/internal/sitefs"
)

// Options say which site to check and which pages count as published, as
// the build's flags do.
type Options struct {
	Source  string // the site folder; "" means "."
	Drafts  bool
	Future  bool
	Expired bool
	Now     time.Time // zero means now
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
	sum, err := build.Run(build.Options{
		Source: opts.Source, Drafts: opts.Drafts, Future: opts.Future, Expired: opts.Expired, Now: opts.Now,
		DryRun: true, // and minified, as a build is by default: the minifier rejects scripts and styles that do not parse
	})
	if sum != nil {
		for _, w := range sum.Warnings {
			dl.Add(w)
		}
	}
	var errs diag.Errors
	switch {
	case errors.As(err, &errs):
		for _, p := range errs {
			dl.Add(p)
		}
	case err != nil:
		dl.Errorf("", 0, "", "%v", err)
	}

	site := (*model.Site)(nil)
	if sum != nil {
		site = sum.Site
	}
	if site == nil {
		// The build stopped at errors; the loader still gives a model whose
		// documents can be checked. Its problems are already reported.
		var again diag.List
		site = load.Site(opts.Source, load.Options{Drafts: opts.Drafts, Future: opts.Future, Expired: opts.Expired, Now: opts.Now}, &again)
	}
	if site == nil {
		return &dl
	}
	root, err := sitefs.Open(opts.Source)
	if err != nil {
		return &dl
	}
	c := &checker{root: root, site: site, dl: &dl,
		md: markdown.New(markdown.WithUnsafeHTML(site.Config.UnsafeHTML), markdown.WithBasePath(site.Config.BasePath()))}
	if sum != nil && sum.Paths != nil {
		// Only a build that made every page tells which links lead nowhere.
		c.index(sum.Paths, sum.Pages)
	}
	c.notices()
	c.readiness()
	c.documents()
	c.dataPrivacy()
	c.menu()
	return &dl
}

// checker carries what the checks share.
type checker struct {
	root *sitefs.Root // the site folder, read as the loader reads it
	site *model.Site
	dl   *diag.List
	md   *markdown.Converter // to read bodies as the reader sees them

	built bool                       // whether paths and ids are known
	paths map[string]bool            // every file the build writes
	ids   map[string]map[string]bool // HTML page path → element ids on it
}

// notices checks the front matter of each published notice.
func (c *checker) notices() {
	for _, n := range c.site.Notices {
		src := c.read(n.Source)
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
		src := cc.read(d.Source)
		if src == nil {
			return
		}
		cc.privacy(d, src)
		cc.images(d, src)
		cc.links(d, src)
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
