// Package render turns the model into the site's pages with the theme's
// html/template layouts, and prepares the theme's static files (CSS and JS get
// content-hashed names). A site's own layouts/ and static/ override the
// theme's file by file.
package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path"
	"sort"
	"strings"

	"alliance/internal/catalog"
	"alliance/internal/config"
	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/output"
	"alliance/internal/sitefs"
	"alliance/internal/tomllimit"
)

// Theme is the set of parsed layouts, UI strings and static files a site is
// rendered with. It is prepared once per build, before any page is rendered.
type Theme struct {
	root    *template.Template            // base.html and partials/, for cached partials
	layouts map[string]*template.Template // page layout name → template set with base and partials
	// minified says the layouts were parsed from minified text, so that
	// the pages they make need no minifying of their own; source then
	// holds them parsed as written, to render a failing page again for an
	// error that names the line in the file.
	minified bool
	source   *Theme
	paths    map[string]string // template file name → its path in the site folder, for errors
	strings  map[string]string
	assets   map[string]string // logical static path → hashed path
	Static   []output.File     // static files to publish
	share    shareImage        // the site's picture for shared links
	sum      engine.Sum        // everything above, as an input of every page
}

// Sum names everything of the theme a page can show: the layouts' text, the
// UI strings, the static files' published names and the share picture.
func (th *Theme) Sum() engine.Sum { return th.sum }

func themeSum(files []layoutFile, srcs [][]byte, th *Theme, minify bool) engine.Sum {
	h := engine.NewHasher().String("theme 1").Bool(minify)
	for i, f := range files {
		h.String(f.name).String(f.path).Bytes(srcs[i])
	}
	v := engine.NewValues()
	h.Sum(v.Of(th.strings)).Sum(v.Of(th.assets)).Sum(v.Of(th.share))
	for _, f := range th.Static {
		h.String(f.Path).String(f.Src).Bytes(f.Data)
	}
	return h.Done()
}

// Kinds of page and the layout file each uses.
var layoutFiles = []string{
	"home", "notices", "notice", "reports", "report", "directories", "directory",
	"templates", "template", "template-print", "tags", "tag", "page", "search", "404",
}

// LoadTheme reads the theme named in cfg from root/themes/NAME, with the
// site's own root/layouts and root/static taking precedence. Every file is
// read through sitefs: a link that leads out of the site folder is an error.
func LoadTheme(root string, cfg *config.Site, minifier *output.Minifier, dl *diag.List) *Theme {
	site, err := sitefs.Open(root)
	if err != nil {
		dl.Errorf("", 0, "", "cannot open the site folder: %v", err)
		return nil
	}
	themeDir := "themes/" + cfg.Theme
	if _, st, err := site.Stat(themeDir); err != nil || !st.IsDir() {
		if oe := sitefs.Outside(err); oe != nil {
			dl.Errorf(config.File, diag.LineOf(nil, "theme", 1), oe.Hint(), "theme %q: %v", cfg.Theme, oe)
			return nil
		}
		dl.Errorf(config.File, diag.LineOf(nil, "theme", 1), catalog.Sprintf("put the theme in themes/%s/ or set theme to an existing one", cfg.Theme), "theme %q not found", cfg.Theme)
		return nil
	}
	th := &Theme{assets: map[string]string{}}
	refused := outsideOnce(dl)
	th.strings = loadStrings(site, themeDir+"/i18n/"+cfg.Language+".toml", refused, dl)
	th.loadStatic(site, []string{themeDir + "/static", "static"}, refused, minifier, dl)
	th.loadShareImage(site, cfg, dl)

	layoutDirs := []string{"layouts", themeDir + "/layouts"}
	// find returns the site's or else the theme's layout name. A layout
	// that is a link out of the site is an error, not a reason to use the
	// theme's.
	find := func(name string) (string, bool) {
		for _, d := range layoutDirs {
			p := d + "/" + name
			_, st, err := site.Stat(p)
			if refused(err) {
				return p, true // reading it fails, and stops the build
			}
			if err == nil && !st.IsDir() {
				return p, true
			}
		}
		return "", false
	}
	basePath, ok := find("base.html")
	if !ok {
		dl.Errorf("themes/"+cfg.Theme+"/layouts/base.html", 0, "every theme needs base.html", "layout base.html is missing")
		return nil
	}
	// Partials: every file under partials/, the site's overriding the theme's.
	names, partials := overlay(site, []string{layoutDirs[1] + "/partials", layoutDirs[0] + "/partials"},
		func(name string) bool { return strings.HasSuffix(name, ".html") }, refused, dl)
	files := []layoutFile{{"base.html", basePath}}
	for _, n := range names {
		files = append(files, layoutFile{"partials/" + n, partials[n].rel})
	}
	for _, kind := range layoutFiles {
		p, ok := find(kind + ".html")
		if !ok {
			dl.Errorf("themes/"+cfg.Theme+"/layouts/"+kind+".html", 0, "add the layout to the theme or to the site's layouts/", "layout %s.html is missing", kind)
			continue
		}
		files = append(files, layoutFile{kind + ".html", p})
	}
	srcs := make([][]byte, len(files))
	for i, f := range files {
		b, err := site.ReadFile(f.path)
		if err != nil {
			if sitefs.Outside(err) == nil { // a link out was reported by find
				dl.Errorf(f.path, 0, "make the file readable", "cannot read layout: %v", err)
			}
			return nil
		}
		srcs[i] = b
	}
	th.paths = map[string]string{}
	for _, f := range files {
		th.paths[f.name] = f.path
	}
	th.sum = themeSum(files, srcs, th, minifier != nil)
	fm := funcs(cfg, th)
	var bad bool
	th.root, th.layouts, bad = parseLayouts(files, srcs, fm, func(f layoutFile, err error) {
		dl.Errorf(f.path, templateLine(err), "fix the template syntax", "%v", err)
	})
	if th.root == nil {
		return nil
	}
	if bad || minifier == nil {
		return th
	}
	// Minify the layouts' text once, here, rather than every page they
	// make. A file the minifier fails on, or whose minified text does not
	// parse, stays as written.
	minified := make([][]byte, len(srcs))
	for i, b := range srcs {
		minified[i] = b
		if m, err := minifier.MinifyTemplate(b); err == nil {
			if _, err := template.New(files[i].name).Funcs(fm).Parse(string(m)); err == nil {
				minified[i] = m
			}
		}
	}
	mroot, mlayouts, bad := parseLayouts(files, minified, fm, nil)
	if bad {
		return th
	}
	source := *th
	th.root, th.layouts, th.minified, th.source = mroot, mlayouts, true, &source
	return th
}

// layoutFile is a layout or partial: its name in the template set and where
// it was read from, relative to the site folder.
type layoutFile struct{ name, path string }

// parseLayouts parses base.html and the partials into root, and each page
// layout into a clone of root; base.html and the partials come first. It calls fail for every file that does not parse and reports
// whether any failed. Layouts and root are never executed, only cloned by
// the render workers, which bind the clones to their cache.
func parseLayouts(files []layoutFile, srcs [][]byte, fm template.FuncMap, fail func(layoutFile, error)) (*template.Template, map[string]*template.Template, bool) {
	bad := false
	failed := func(f layoutFile, err error) {
		bad = true
		if fail != nil {
			fail(f, err)
		}
	}
	root := template.New("_root").Funcs(fm)
	layouts := map[string]*template.Template{}
	for i, f := range files {
		if f.name == "base.html" || strings.HasPrefix(f.name, "partials/") {
			if _, err := root.New(f.name).Parse(string(srcs[i])); err != nil {
				failed(f, err)
				return nil, nil, true
			}
			continue
		}
		t, err := root.Clone()
		if err == nil {
			_, err = t.New(f.name).Parse(string(srcs[i]))
		}
		if err != nil {
			failed(f, err)
			continue
		}
		layouts[strings.TrimSuffix(f.name, ".html")] = t
	}
	return root, layouts, bad
}

// templateLine digs the line number out of a html/template error message
// ("template: notice.html:12: …").
func templateLine(err error) int {
	msg := err.Error()
	parts := strings.SplitN(msg, ":", 4)
	if len(parts) >= 3 {
		n := 0
		if _, e := fmt.Sscanf(strings.TrimSpace(parts[2]), "%d", &n); e == nil {
			return n
		}
	}
	return 0
}

// outsideOnce returns a function that reports whether err is a link out of
// the site folder, reporting each such link to dl once: a linked folder
// stands in the way of every file in it.
func outsideOnce(dl *diag.List) func(err error) bool {
	seen := map[string]bool{}
	return func(err error) bool {
		oe := sitefs.Outside(err)
		if oe == nil {
			return false
		}
		if !seen[oe.Link] {
			seen[oe.Link] = true
			dl.Errorf(oe.Link, 0, oe.Hint(), "%s", oe.Msg(oe.Link))
		}
		return true
	}
}

func loadStrings(site *sitefs.Root, rel string, refused func(error) bool, dl *diag.List) map[string]string {
	m := map[string]string{}
	data, err := site.ReadFileMax(rel, tomllimit.MaxSettings)
	if refused(err) {
		return m
	}
	if err != nil {
		dl.Errorf(rel, 0, "add the theme's UI strings for the site's language", "cannot read UI strings: %v", err)
		return m
	}
	if _, err := tomllimit.Decode(data, tomllimit.MaxSettings, &m); err != nil {
		line, msg := tomllimit.Line(err)
		hint := catalog.T("check the TOML syntax")
		if le := (*tomllimit.Error)(nil); errors.As(err, &le) {
			hint = le.Hint
		}
		dl.Errorf(rel, line, hint, "invalid UI strings: %s", msg)
	}
	return m
}

// loadStatic collects the static files under the site-relative folders
// dirs; later folders override earlier ones. CSS and JS are minified and
// renamed with a hash of their content so that browsers and CDNs can cache
// them forever. Other files are copied from their real path.
func (th *Theme) loadStatic(site *sitefs.Root, dirs []string, refused func(error) bool, minifier *output.Minifier, dl *diag.List) {
	names, files := overlay(site, dirs, func(name string) bool { return !strings.HasPrefix(path.Base(name), ".") }, refused, dl)
	for _, name := range names {
		src := files[name]
		ext := path.Ext(name)
		if ext != ".css" && ext != ".js" {
			th.Static = append(th.Static, output.File{Path: name, Src: src.real, Source: src.rel})
			continue
		}
		data, err := os.ReadFile(src.real)
		if err != nil {
			dl.Errorf(src.rel, 0, "", "cannot read: %v", err)
			continue
		}
		if minifier != nil {
			if m, err := minifier.Minify(name, data); err != nil {
				dl.Errorf(src.rel, 0, "fix the syntax error", "cannot minify: %v", err)
				continue
			} else {
				data = m
			}
		}
		sum := sha256.Sum256(data)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		th.assets[name] = hashed
		th.Static = append(th.Static, output.File{Path: hashed, Data: data, Minified: true, Source: src.rel})
	}
}

// siteFile is a file of the site: its path relative to the site folder
// and its real path.
type siteFile struct{ rel, real string }

// overlay lists the files under the site-relative folders dirs that keep
// accepts, by their slash-separated path inside their folder; a later
// folder's file replaces an earlier one's of the same name. Links inside
// the site count as what they lead to; one that leads out of it, the folder
// itself or one in it that keep accepts, is given to refused. It returns the
// names sorted and where each file is.
func overlay(site *sitefs.Root, dirs []string, keep func(name string) bool, refused func(error) bool, dl *diag.List) ([]string, map[string]siteFile) {
	files := map[string]siteFile{}
	for _, dir := range dirs {
		site.Walk(dir, func(rel, real string, err error) {
			name := strings.TrimPrefix(rel, dir+"/")
			if rel != dir && !keep(name) {
				return
			}
			if refused(err) {
				return
			}
			if err != nil {
				dl.Errorf(rel, 0, "", "cannot read: %v", err)
				return
			}
			files[name] = siteFile{rel, real}
		})
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, files
}

// Asset returns the published (hashed) path of a static file.
func (th *Theme) Asset(name string) (string, error) {
	name = strings.TrimPrefix(name, "/")
	if h, ok := th.assets[name]; ok {
		return h, nil
	}
	for _, f := range th.Static {
		if f.Path == name {
			return name, nil
		}
	}
	return "", catalog.Errorf("asset %q is not in the theme's or the site's static/ folder", name)
}

// HasStatic reports whether the theme or the site has a static file that is
// published at path (site-relative), so generated files give way to it.
func (th *Theme) HasStatic(path string) bool {
	for _, f := range th.Static {
		if f.Path == path {
			return true
		}
	}
	return false
}

// T returns the UI string for key.
func (th *Theme) T(key string) (string, error) {
	if s, ok := th.strings[key]; ok {
		return s, nil
	}
	return "", catalog.Errorf("UI string %q is missing from the theme's i18n file", key)
}
