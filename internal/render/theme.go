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
	strings map[string]string
	assets  map[string]string // logical static path → hashed path
	Static  []output.File     // static files to publish
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
	th := &Theme{layouts: map[string]*template.Template{}, assets: map[string]string{}}
	th.strings = loadStrings(filepath.Join(themeDir, "i18n", cfg.Language+".toml"), root, dl)
	th.loadStatic([]string{filepath.Join(themeDir, "static"), filepath.Join(root, "static")}, root, minifier, dl)

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
	root0 := template.New("_root").Funcs(funcs(cfg, th))
	if _, err := parseFile(root0, "base.html", basePath); err != nil {
		dl.Errorf(rel(basePath), templateLine(err), "fix the template syntax", "%v", err)
		return nil
	}
	// Partials: every file under partials/, the site's overriding the theme's.
	names, partials := overlay([]string{filepath.Join(layoutDirs[1], "partials"), filepath.Join(layoutDirs[0], "partials")},
		func(name string) bool { return strings.HasSuffix(name, ".html") })
	for _, n := range names {
		if _, err := parseFile(root0, "partials/"+n, partials[n]); err != nil {
			dl.Errorf(rel(partials[n]), templateLine(err), "fix the template syntax", "%v", err)
			return nil
		}
	}
	// Layouts and root are never executed, only cloned by Render, which
	// binds the clones to its cache.
	th.root = root0
	for _, kind := range layoutFiles {
		p, ok := find(kind + ".html")
		if !ok {
			dl.Errorf("themes/"+cfg.Theme+"/layouts/"+kind+".html", 0, "add the layout to the theme or to the site's layouts/", "layout %s.html is missing", kind)
			continue
		}
		t, err := root0.Clone()
		if err == nil {
			_, err = parseFile(t, kind+".html", p)
		}
		if err != nil {
			dl.Errorf(rel(p), templateLine(err), "fix the template syntax", "%v", err)
			continue
		}
		th.layouts[kind] = t
	}
	return th
}

func parseFile(t *template.Template, name, path string) (*template.Template, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return t.New(name).Parse(string(b))
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

// T returns the UI string for key.
func (th *Theme) T(key string) (string, error) {
	if s, ok := th.strings[key]; ok {
		return s, nil
	}
	return "", fmt.Errorf("UI string %q is missing from the theme's i18n file", key)
}
