package load

import (
	"path"
	"path/filepath"
	"strings"

	"alliance/internal/diag"
	"alliance/internal/images"
	"alliance/internal/markdown"
	"alliance/internal/model"
	"alliance/internal/sitefs"
)

// This file loads parts of a site again after a change, for the dev server:
// one notice, the tags, the URL check and the templates' inherited deadlines,
// each exactly as Site does them for the whole site.

// NoticesDir is the folder of notices, relative to the site folder.
const NoticesDir = "content/notices"

// NoticeFile returns the notice source that a changed path (relative to the
// site folder, forward slashes) belongs to: content/notices/NAME.md itself,
// or content/notices/NAME/index.md for a folder notice and anything in it.
// ok is false for paths outside content/notices/ and for those the loader
// ignores (names starting with "." or "_", files other than .md).
func NoticeFile(rel string) (file string, ok bool) {
	rest, found := strings.CutPrefix(rel, NoticesDir+"/")
	if !found || rest == "" {
		return "", false
	}
	first, inside, _ := strings.Cut(rest, "/")
	if strings.HasPrefix(first, ".") || strings.HasPrefix(first, "_") {
		return "", false
	}
	if inside == "" && strings.EqualFold(path.Ext(first), ".md") {
		return rel, true
	}
	// A folder notice, the folder itself or a file in it. A file beside the
	// notices that is not Markdown ends up here too; its "index.md" does not
	// exist, which the caller treats as a notice that is not there.
	return NoticesDir + "/" + first + "/index.md", true
}

// One is a notice loaded again on its own.
type One struct {
	Notice *model.Notice // nil when held back, or when its problems include errors
	Files  []model.File  // the attached files it publishes
	Held   string        // why it is held back (draft, future, expired, disclosure); "" when published
}

// Notice loads the notice in file (as NoticeFile returns it) for site, which
// was loaded by Site with the same options: its directory and template
// attachments are linked to site's, and its problems go to dl. site is not
// changed; the templates' deadlines taken from notices are left to Relink.
// The notice's slug is computed as if no other notice shared its date, so a
// caller compares it with the notice's previous URL before trusting it.
func Notice(dir string, site *model.Site, opts Options, file string, dl *diag.List) One {
	cfg := site.Config
	opts.Now = site.Now
	var local diag.List
	defer dl.Merge(&local)
	root, err := sitefs.Open(dir)
	if err != nil {
		local.Errorf("", 0, "", "cannot open the site folder: %v", err)
		return One{}
	}
	l := &loader{
		root: dir,
		fs:   root,
		cfg:  cfg,
		opts: opts,
		md:   markdown.New(markdown.WithUnsafeHTML(cfg.UnsafeHTML), markdown.WithBasePath(cfg.BasePath()), markdown.WithImages(images.LocalIn(root))),
		dl:   &local,
		site: &model.Site{
			Config: cfg, Now: site.Now, Held: map[string]int{},
			Directories: site.Directories, Templates: site.Templates,
		},
	}
	abs := filepath.Join(dir, filepath.FromSlash(file))
	section := filepath.Join(dir, filepath.FromSlash(NoticesDir))
	src := source{abs: abs, rel: l.rel(abs)}
	if filepath.Dir(abs) == section {
		src.name, src.folder = strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs)), section
	} else {
		src.folder = filepath.Dir(abs)
		src.name, src.bundle = filepath.Base(src.folder), true
	}
	l.only = map[string][]source{"notices": {src}}
	ns := l.notices()
	l.linkAttachments() // l.site.Notices is empty: this links attachments only
	if local.HasErrors() {
		return One{}
	}
	if len(ns) == 0 {
		for reason := range l.site.Held {
			return One{Held: reason}
		}
		return One{}
	}
	return One{Notice: ns[0], Files: l.site.Files}
}

// Tags groups the published notices and reports of site by tag, as Site does.
func Tags(site *model.Site) []*model.Tag {
	return (&loader{site: site}).tags()
}

// CheckURLs reports two sources of site published at the same URL, as Site does.
func CheckURLs(dir string, site *model.Site, dl *diag.List) {
	root, err := sitefs.Open(dir)
	if err != nil {
		dl.Errorf("", 0, "", "cannot open the site folder: %v", err)
		return
	}
	(&loader{root: dir, fs: root, site: site, dl: dl}).checkURLs()
}

// Relink redoes for templates what Site does once every notice is loaded: a
// template called for by a notice takes the first such notice's deadline
// unless it has its own. Call it when the notices calling for templates
// changed, before anything reads them again.
func Relink(site *model.Site, templates []*model.Template) {
	todo := map[*model.Template]bool{}
	for _, t := range templates {
		s := &t.Submission
		if s.Notice != nil && s.Deadline == s.Notice.Deadline {
			s.Deadline = nil // it was the notice's
		}
		s.Notice = nil
		todo[t] = true
	}
	for _, n := range site.Notices {
		for _, a := range n.Attachments {
			if t := a.Template; t != nil && todo[t] && t.Submission.Notice == nil {
				t.Submission.Notice = n
				if t.Submission.Deadline == nil {
					t.Submission.Deadline = n.Deadline
				}
			}
		}
	}
}

// Independent reports whether replacing the notice in file, published at
// oldURL before and at newURL after ("" when it is not published: held
// back, new or removed), leaves every other notice's URL as it was, so that
// the change can be applied on its own. Notices named by their date
// (2021-03-16, 2021-03-16-2) are numbered in file-name order, so adding or
// removing one, or moving it to another date, can renumber others.
func Independent(file, oldURL, newURL string) bool {
	name := path.Base(file)
	if name == "index.md" {
		name = path.Base(path.Dir(file))
	} else {
		name = strings.TrimSuffix(name, path.Ext(name))
	}
	switch {
	case oldURL != "" && newURL != "":
		return oldURL == newURL
	case oldURL != "":
		return !dateSlug(oldURL)
	case newURL != "":
		return urlSafe(name) && !dateSlug(newURL)
	}
	return urlSafe(name)
}

// dateSlug reports whether a notice URL has the form of a name made from a
// date (notices/2021-03-16/, notices/2021-03-16-2/) or of the fallback
// "page", which other notices' names can renumber.
func dateSlug(url string) bool {
	s := strings.TrimSuffix(strings.TrimPrefix(url, "notices/"), "/")
	base, num, _ := strings.Cut(s, "-")
	if base == "page" {
		return num == "" || digits(num)
	}
	// 2021-03-16 or 2021-03-16-2
	parts := strings.Split(s, "-")
	if len(parts) != 3 && len(parts) != 4 {
		return false
	}
	for i, p := range parts {
		if !digits(p) || i == 0 && len(p) != 4 || (i == 1 || i == 2) && len(p) != 2 {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
