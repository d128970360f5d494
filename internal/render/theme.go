// Package render turns the model into the site's pages with the theme's
// html/template layouts, and prepares the theme's static files (CSS and JS get
// content-hashed names). A site's own layouts/ and static/ override the
// theme's file by file.
package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"alliance/internal/config"
	"alliance/internal/diag"
	"alliance/internal/output"
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
}

// Kinds of page and the layout file each uses.
var layoutFiles = []string{
	"home", "notices", "notice", "reports", "report", "directories", "directory",
	"templates", "template", "template-print", "tags", "tag", "page", "search", "404",
}

// LoadTheme reads the theme named in cfg from root/themes/NAME, with the
// site's own root/layouts and root/static taking precedence.
func LoadTheme(root string, cfg *config.Site, minifier *output.Minifier, dl *diag.List) *Theme {
	themeDir := filepath.Join(root, "themes", cfg.Theme)
	if st, err := os.Stat(themeDir); err != nil || !st.IsDir() {
		dl.Errorf(config.File, diag.LineOf(nil, "theme", 1), "put the theme in themes/"+cfg.Theme+"/ or set theme to an existing one", "theme %q not found", cfg.Theme)
		return nil
	}
	th := &Theme{assets: map[string]string{}}
	th.strings = loadStrings(filepath.Join(themeDir, "i18n", cfg.Language+".toml"), root, dl)
	th.loadStatic([]string{filepath.Join(themeDir, "static"), filepath.Join(root, "static")}, root, minifier, dl)
	th.loadShareImage(root, cfg, dl)

	layoutDirs := []string{filepath.Join(root, "layouts"), filepath.Join(themeDir, "layouts")}
	find := func(name string) (string, bool) {
		for _, d := range layoutDirs {
			p := filepath.Join(d, filepath.FromSlash(name))
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, true
			}
		}
		return "", false
	}
	rel := func(p string) string {
		r, err := filepath.Rel(root, p)
		if err != nil {
			return p
		}
		return filepath.ToSlash(r)
	}
	basePath, ok := find("base.html")
	if !ok {
		dl.Errorf("themes/"+cfg.Theme+"/layouts/base.html", 0, "every theme needs base.html", "layout base.html is missing")
		return nil
	}
	// Partials: every file under partials/, the site's overriding the theme's.
	names, partials := overlay([]string{filepath.Join(layoutDirs[1], "partials"), filepath.Join(layoutDirs[0], "partials")},
		func(name string) bool { return strings.HasSuffix(name, ".html") })
	files := []layoutFile{{"base.html", basePath}}
	for _, n := range names {
		files = append(files, layoutFile{"partials/" + n, partials[n]})
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
		b, err := os.ReadFile(f.path)
		if err != nil {
			dl.Errorf(rel(f.path), 0, "make the file readable", "cannot read layout: %v", err)
			return nil
		}
		srcs[i] = b
	}
	th.paths = map[string]string{}
	for _, f := range files {
		th.paths[f.name] = rel(f.path)
	}
	fm := funcs(cfg, th)
	var bad bool
	th.root, th.layouts, bad = parseLayouts(files, srcs, fm, func(f layoutFile, err error) {
		dl.Errorf(rel(f.path), templateLine(err), "fix the template syntax", "%v", err)
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
// it was read from.
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

func loadStrings(path, root string, dl *diag.List) map[string]string {
	m := map[string]string{}
	data, err := os.ReadFile(path)
	if err != nil {
		rel, _ := filepath.Rel(root, path)
		dl.Errorf(filepath.ToSlash(rel), 0, "add the theme's UI strings for the site's language", "cannot read UI strings: %v", err)
		return m
	}
	if _, err := toml.Decode(string(data), &m); err != nil {
		rel, _ := filepath.Rel(root, path)
		dl.Errorf(filepath.ToSlash(rel), 0, "check the TOML syntax", "invalid UI strings: %v", err)
	}
	return m
}

// loadStatic collects static files; later folders override earlier ones.
// CSS and JS are minified and renamed with a hash of their content so that
// browsers and CDNs can cache them forever.
func (th *Theme) loadStatic(dirs []string, root string, minifier *output.Minifier, dl *diag.List) {
	names, files := overlay(dirs, func(name string) bool { return !strings.HasPrefix(path.Base(name), ".") })
	for _, name := range names {
		src := files[name]
		ext := path.Ext(name)
		if ext != ".css" && ext != ".js" {
			th.Static = append(th.Static, output.File{Path: name, Src: src})
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			dl.Errorf(src, 0, "", "cannot read: %v", err)
			continue
		}
		if minifier != nil {
			if m, err := minifier.Minify(name, data); err != nil {
				rel, _ := filepath.Rel(root, src)
				dl.Errorf(filepath.ToSlash(rel), 0, "fix the syntax error", "cannot minify: %v", err)
				continue
			} else {
				data = m
			}
		}
		sum := sha256.Sum256(data)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		th.assets[name] = hashed
		th.Static = append(th.Static, output.File{Path: hashed, Data: data, Minified: true})
	}
}

// overlay lists the files under dirs that keep accepts, by their slash-separated
// path inside their dir; a later dir's file replaces an earlier dir's of the
// same name. It returns the names sorted and where each file is.
func overlay(dirs []string, keep func(name string) bool) ([]string, map[string]string) {
	files := map[string]string{}
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			r, _ := filepath.Rel(dir, p)
			if name := filepath.ToSlash(r); keep(name) {
				files[name] = p
			}
			return nil
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
	return "", fmt.Errorf("asset %q is not in the theme's or the site's static/ folder", name)
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
	return "", fmt.Errorf("UI string %q is missing from the theme's i18n file", key)
}
