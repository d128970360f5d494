package load

import (
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/slug"
)

// slug chooses the ASCII URL name of a notice, report or page: the slug key
// when given, else the file (or folder) name when it is ASCII, else the date,
// numbered in file-name order when several share it. used counts names per
// section so that date-based names stay unique.
func (l *loader) slug(src source, key string, p *parsed, date time.Time, used map[string]int) string {
	if key = strings.TrimSpace(key); key != "" {
		if !urlSafe(key) {
			l.dl.Errorf(src.rel, diag.LineOf(p.fm, "slug", p.fmLine), "use lower-case letters, digits and hyphens, such as slug = \"hunan-invitation-2024\"", "slug %q is not a plain ASCII name", key)
		} else {
			used[key]++
			return strings.ToLower(key)
		}
	}
	if urlSafe(src.name) {
		name := strings.ToLower(src.name)
		used[name]++
		return name
	}
	base := "page"
	if !date.IsZero() {
		base = date.Format("2006-01-02")
	}
	used[base]++
	if n := used[base]; n > 1 {
		return base + "-" + strconv.Itoa(n)
	}
	return base
}

// urlSafe reports whether s can be used in a URL as it is.
func urlSafe(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return s[0] != '.'
}

// tagSlug spells a tag in pinyin for its URL: 产教融合 → chan-jiao-rong-he.
func tagSlug(name string) string {
	if s := slug.Make(name); s != "" {
		return s
	}
	return "tag"
}

// tags collects the tags of published notices and reports.
func (l *loader) tags() []*model.Tag {
	byName := map[string]*model.Tag{}
	get := func(name string) *model.Tag {
		t, ok := byName[name]
		if !ok {
			t = &model.Tag{Name: name}
			byName[name] = t
		}
		return t
	}
	for _, n := range l.site.Notices {
		for _, name := range uniq(n.Tags) {
			get(name).Notices = append(get(name).Notices, n)
		}
	}
	for _, r := range l.site.Reports {
		for _, name := range uniq(r.Tags) {
			get(name).Reports = append(get(name).Reports, r)
		}
	}
	out := make([]*model.Tag, 0, len(byName))
	for _, t := range byName {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	seen := map[string]int{}
	for _, t := range out {
		s := tagSlug(t.Name)
		seen[s]++
		if n := seen[s]; n > 1 {
			s += "-" + strconv.Itoa(n)
		}
		t.Slug, t.URL = s, "tags/"+s+"/"
	}
	return out
}

func uniq(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// checkURLs reports two sources that would be published as the same file,
// or one as a file where another needs a folder (a page "feed.xml/" beside the
// feed). Pages are compared by the index.html they become.
func (l *loader) checkURLs() {
	owner := map[string]string{} // output path → who makes it
	claim := func(path, src string) {
		if prev, ok := owner[path]; ok {
			l.dl.Errorf(src, 0, "give one of them another file name or slug", "it would be published as /%s, which is also %s", path, prev)
			return
		}
		owner[path] = src
	}
	for _, p := range reservedFiles {
		owner[p] = "a page the site generates"
	}
	years := map[int]bool{}
	for _, n := range l.site.Notices {
		years[n.PublishDate.Year()] = true
	}
	for y := range years {
		owner["notices/"+strconv.Itoa(y)+"/index.html"] = "the notice list of " + strconv.Itoa(y)
	}
	for _, n := range l.site.Notices {
		claim(n.URL+"index.html", n.Source)
	}
	for _, r := range l.site.Reports {
		claim(r.URL+"index.html", r.Source)
	}
	for _, p := range l.site.Pages {
		claim(p.URL+"index.html", p.Source)
	}
	for _, f := range l.site.Files {
		claim(f.URL, l.fs.Rel(f.Src))
	}
	paths := make([]string, 0, len(owner))
	for p := range owner {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if prev, ok := owner[dir]; ok {
				l.dl.Errorf(owner[p], 0, "give it another file name or slug", "it would be published inside /%s/, but /%s is a file: %s", dir, dir, prev)
				break
			}
		}
	}
}

// reservedFiles are files and pages the build makes itself.
var reservedFiles = []string{
	"index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "favicon.svg",
	"notices/index.html", "notices/page/index.html", "reports/index.html", "reports/page/index.html",
	"directories/index.html", "templates/index.html", "tags/index.html", "search/index.html",
}
