package load

import (
	"fmt"
	"hash/fnv"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"alliance/internal/diag"
	"alliance/internal/hanzi"
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

// tags collects the tags of published notices and reports. The Traditional
// and Simplified spellings of a tag (年會, 年会) are one tag, named as most of
// its pages spell it (the Simplified spelling on a tie). Its URL depends only
// on its Simplified spelling and on the other tags of the same pinyin, never
// on the order of pages: see tagSlugs.
func (l *loader) tags() []*model.Tag {
	type group struct {
		tag   *model.Tag
		count map[string]int // pages per spelling
	}
	byKey := map[string]*group{}
	var keys []string
	note := func(names []string, each func(*model.Tag)) {
		seen := map[string]bool{}
		for _, name := range names {
			key := hanzi.Simplify(name)
			if seen[key] {
				continue
			}
			seen[key] = true
			g, ok := byKey[key]
			if !ok {
				g = &group{tag: &model.Tag{}, count: map[string]int{}}
				byKey[key] = g
				keys = append(keys, key)
			}
			g.count[name]++
			each(g.tag)
		}
	}
	for _, n := range l.site.Notices {
		note(n.Tags, func(t *model.Tag) { t.Notices = append(t.Notices, n) })
	}
	for _, r := range l.site.Reports {
		note(r.Tags, func(t *model.Tag) { t.Reports = append(t.Reports, r) })
	}
	slugs := tagSlugs(keys)
	out := make([]*model.Tag, 0, len(byKey))
	for key, g := range byKey {
		t := g.tag
		for name := range g.count {
			t.Names = append(t.Names, name)
		}
		sort.Strings(t.Names)
		t.Name = t.Names[0]
		for _, name := range t.Names[1:] {
			if c, best := g.count[name], g.count[t.Name]; c > best || c == best && name == key {
				t.Name = name
			}
		}
		t.Slug = slugs[key]
		t.URL = "tags/" + t.Slug + "/"
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// tagSlugs gives each tag, by its Simplified spelling, a URL slug: its pinyin,
// and for all but the first by name of the tags that share a pinyin (年会,
// 年慧), a suffix made from a hash of the name. So a tag's slug never depends
// on which pages carry it or in which order they were read.
func tagSlugs(keys []string) map[string]string {
	keys = slices.Clone(keys)
	slices.Sort(keys)
	out := make(map[string]string, len(keys))
	taken := map[string]bool{}
	first := map[string]bool{} // pinyin slugs already given to a tag
	for _, k := range keys {
		s := tagSlug(k)
		if first[s] {
			s += "-" + nameHash(k)
		}
		first[tagSlug(k)] = true
		// A tag whose own pinyin looks like another's slug with a suffix
		// (a tag named "nian hui 1a2b3c") would collide; numbering resolves it.
		for n, base := 2, s; taken[s]; n++ {
			s = base + "-" + strconv.Itoa(n)
		}
		taken[s] = true
		out[k] = s
	}
	return out
}

// nameHash is six hex digits of the FNV-1a hash of name: a URL suffix that
// stays the same as long as the name does.
func nameHash(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("%06x", h.Sum32()&0xffffff)
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
