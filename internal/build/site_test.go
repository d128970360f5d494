package build

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"alliance/internal/testkit/testfs"
)

func TestNoticePageShowsDisclosureMetadata(t *testing.T) {
	dest, _ := buildExample(t, "")
	doc := parseHTML(t, filepath.Join(dest, "notices/zaozhuang-alliance-plan/index.html"))
	if lang := attr(find(doc, tag("html")), "lang"); lang != "zh-CN" {
		t.Errorf(`<html lang=%q>, want "zh-CN"`, lang)
	}
	meta := map[string]string{}
	for _, tr := range findAll(find(doc, func(n *html.Node) bool { return n.Data == "table" && attr(n, "class") == "meta" }), tag("tr")) {
		th, td := find(tr, tag("th")), find(tr, tag("td"))
		meta[cellText(th)] = cellText(td)
	}
	want := map[string]string{
		"发文机关": "枣庄市教育局",
		"发文字号": "枣教字〔2021〕10号",
		"成文日期": "2021年3月16日",
		"发布日期": "2021年3月16日",
		"公开方式": "依申请公开",
	}
	for k, v := range want {
		if meta[k] != v {
			t.Errorf("metadata %s = %q, want %q", k, meta[k], v)
		}
	}
	text := visibleText(doc)
	if !strings.Contains(text, "各区（市）教体局、市实验幼儿园") {
		t.Errorf("recipients missing from the page:\n%s", text)
	}
	var hrefs []string
	for _, a := range findAll(find(doc, func(n *html.Node) bool { return attr(n, "class") == "attachments" }), tag("a")) {
		hrefs = append(hrefs, attr(a, "href"))
	}
	for _, want := range []string{"/directories/zaozhuang/", "/templates/zaozhuang-application/"} {
		if !contains(hrefs, want) {
			t.Errorf("attachments %v lack a link to %s", hrefs, want)
		}
	}
}

func TestDeadlineBadgeFollowsTheBuildClock(t *testing.T) {
	page := "notices/hunan-alliance-invitation/index.html"
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2024, 4, 30, 23, 0, 0, 0, fixedNow.Location()), "征集中"},
		{time.Date(2024, 5, 1, 0, 0, 1, 0, fixedNow.Location()), "已截止"},
	} {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Run(Options{Source: repoRoot, Destination: dest, Now: tc.now}); err != nil {
			t.Fatal(err)
		}
		doc := parseHTML(t, filepath.Join(dest, page))
		dl := find(doc, func(n *html.Node) bool { return attr(n, "data-deadline") != "" })
		if dl == nil {
			t.Fatal("no deadline on the Hunan notice")
		}
		if got := attr(dl, "data-deadline"); got != "2024-04-30T23:59:59+08:00" {
			t.Errorf("data-deadline = %q; the browser needs the end of the day with its zone", got)
		}
		badge := find(dl, func(n *html.Node) bool { return strings.Contains(attr(n, "class"), "badge") })
		if got := strings.TrimSpace(visibleText(badge)); got != tc.want {
			t.Errorf("at %s the badge says %q, want %q", tc.now, got, tc.want)
		}
	}
}

func TestTraditionalReportIsMarkedAsSuch(t *testing.T) {
	dest, _ := buildExample(t, "")
	matches, _ := filepath.Glob(filepath.Join(dest, "reports", "*", "index.html"))
	found := false
	for _, m := range matches {
		doc := parseHTML(t, m)
		main := find(doc, tag("main"))
		if attr(main, "lang") == "zh-Hant" {
			found = true
			if !strings.Contains(visibleText(main), "教聯體") {
				t.Errorf("%s is marked zh-Hant but does not mention 教聯體", m)
			}
		}
	}
	if !found {
		t.Error("no report page has <main lang=\"zh-Hant\">")
	}
}

func TestAssetsAreHashedAndMinified(t *testing.T) {
	dest, _ := buildExample(t, "")
	doc := parseHTML(t, filepath.Join(dest, "index.html"))
	css := attr(find(doc, func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "stylesheet" }), "href")
	if !regexp.MustCompile(`^/css/main\.[0-9a-f]{10}\.css$`).MatchString(css) {
		t.Errorf("stylesheet %q has no content hash", css)
	}
	body := testfs.Read(t, filepath.Join(dest, strings.TrimPrefix(css, "/")))
	if strings.Contains(body, "\n  ") || strings.Contains(body, "/* ") {
		t.Errorf("%s is not minified", css)
	}
	page := testfs.Read(t, filepath.Join(dest, "index.html"))
	if strings.Contains(page, "\n ") || strings.Contains(page, "\n\n") || strings.Contains(page, "  ") {
		t.Errorf("index.html keeps indentation or blank lines; it is not minified")
	}
	raw := filepath.Join(t.TempDir(), "raw")
	if _, err := Run(Options{Source: repoRoot, Destination: raw, Now: fixedNow, NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	if unmin := testfs.Read(t, filepath.Join(raw, "index.html")); len(page) >= len(unmin) {
		t.Errorf("minified index.html is %d bytes, unminified %d", len(page), len(unmin))
	}
}

func TestURLsAreASCII(t *testing.T) {
	dest, _ := buildExample(t, "")
	err := filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		for _, r := range rel {
			if r > unicode.MaxASCII || r == ' ' || r == '%' {
				t.Errorf("output path %q is not plain ASCII", rel)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFeedSitemapRobots(t *testing.T) {
	dest, sum := buildExample(t, "https://example.org/")
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(testfs.Read(t, filepath.Join(dest, "feed.xml"))), &feed); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if len(feed.Entries) != len(sum.Site.Notices) {
		t.Fatalf("feed has %d entries for %d notices", len(feed.Entries), len(sum.Site.Notices))
	}
	if feed.Entries[0].Title != sum.Site.Notices[0].Title || feed.Entries[0].ID != "https://example.org/"+sum.Site.Notices[0].URL {
		t.Errorf("first feed entry = %+v, want the newest notice %q", feed.Entries[0], sum.Site.Notices[0].Title)
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(testfs.Read(t, filepath.Join(dest, "sitemap.xml"))), &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	var locs []string
	for _, u := range sm.URLs {
		locs = append(locs, u.Loc)
	}
	for _, n := range sum.Site.Notices {
		if !contains(locs, "https://example.org/"+n.URL) {
			t.Errorf("sitemap lacks %s", n.URL)
		}
	}
	if contains(locs, "https://example.org/404.html") {
		t.Error("sitemap lists the 404 page")
	}
	if robots := testfs.Read(t, filepath.Join(dest, "robots.txt")); !strings.Contains(robots, "Sitemap: https://example.org/sitemap.xml") {
		t.Errorf("robots.txt does not point to the sitemap:\n%s", robots)
	}
	if _, err := os.Stat(filepath.Join(dest, "404.html")); err != nil {
		t.Error("404.html missing")
	}
}

func TestDirectoryListsEveryMemberWithoutJavaScript(t *testing.T) {
	dest, sum := buildExample(t, "")
	for _, d := range sum.Site.Directories {
		doc := parseHTML(t, filepath.Join(dest, d.URL, "index.html"))
		items := findAll(doc, func(n *html.Node) bool { return n.Data == "li" && strings.Contains(attr(n, "class"), "member") })
		all := d.AllMembers()
		if len(items) != len(all) {
			t.Errorf("%s lists %d members, the data has %d", d.ID, len(items), len(all))
		}
		ids := map[string]bool{}
		for _, it := range items {
			ids[attr(it, "id")] = true
		}
		for _, m := range all {
			if !ids[m.ID] {
				t.Errorf("%s: member %s (%s) is not on the page", d.ID, m.Name, m.ID)
			}
		}
		for _, it := range items {
			if attr(it, "hidden") != "" {
				t.Errorf("%s member %s is hidden in the HTML", d.ID, attr(it, "id"))
			}
		}
		if d.Sample && !strings.Contains(visibleText(doc), "示例数据") {
			t.Errorf("%s has sample data but the page does not say so", d.ID)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func cellText(n *html.Node) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(visibleText(n)), "|"))
}

func TestSiteLayoutsAndStaticOverrideTheTheme(t *testing.T) {
	src := copySite(t)
	testfs.Write(t, filepath.Join(src, "layouts", "page.html"), `{{define "main"}}<h1 class="own">{{.Page.Title}}（本站版式）</h1>{{end}}`)
	testfs.Write(t, filepath.Join(src, "static", "css", "main.css"), "body{color:#123456}")
	testfs.Write(t, filepath.Join(src, "static", "robots-extra.txt"), "extra")
	dest := filepath.Join(t.TempDir(), "public")
	sum, err := Run(Options{Source: src, Destination: dest, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	page := testfs.Read(t, filepath.Join(dest, sum.Site.Pages[0].URL, "index.html"))
	if !strings.Contains(page, `（本站版式）</h1>`) {
		t.Errorf("the site's layouts/page.html did not replace the theme's")
	}
	if !strings.Contains(page, `class="site-header"`) {
		t.Errorf("overriding page.html lost the theme's base.html")
	}
	doc := parseHTML(t, filepath.Join(dest, "index.html"))
	css := attr(find(doc, func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "stylesheet" }), "href")
	if got := testfs.Read(t, filepath.Join(dest, strings.TrimPrefix(css, "/"))); !strings.Contains(got, "#123456") {
		t.Errorf("the site's static/css/main.css did not replace the theme's: %q", got)
	}
	if testfs.Read(t, filepath.Join(dest, "robots-extra.txt")) != "extra" {
		t.Error("a static file of the site was not copied")
	}
}
