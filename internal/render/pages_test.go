package render

import (
	"slices"
	"strconv"
	"testing"

	"alliance/internal/config"
	"alliance/internal/model"
)

func TestPagerWindow(t *testing.T) {
	url := func(n int) string { return "p/" + strconv.Itoa(n) + "/" }
	show := func(p *Pager) string {
		s := ""
		for _, l := range p.Pages {
			switch {
			case l.Gap:
				s += "… "
			case l.Current:
				s += "[" + strconv.Itoa(l.Number) + "] "
			default:
				s += strconv.Itoa(l.Number) + " "
			}
		}
		return s
	}
	cases := []struct {
		n, total int
		want     string
	}{
		{1, 1, "[1] "},
		{1, 4, "[1] 2 3 4 "},
		{1, 1000, "[1] 2 3 … 1000 "},
		{500, 1000, "1 … 498 499 [500] 501 502 … 1000 "},
		{4, 1000, "1 2 3 [4] 5 6 … 1000 "},
		{1000, 1000, "1 … 998 999 [1000] "},
	}
	for _, c := range cases {
		p := pager(c.n, c.total, url)
		if got := show(p); got != c.want {
			t.Errorf("pager(%d, %d) = %q, want %q", c.n, c.total, got, c.want)
		}
	}
	if p := pager(1, 3, url); p.Prev != "" || p.Next != "p/2/" {
		t.Errorf("prev/next = %q/%q", p.Prev, p.Next)
	}
}

func TestPaginate(t *testing.T) {
	var got []string
	pages := paginate(25, 10, "tags/x/", func(url string, lo, hi int) *Page {
		got = append(got, url+" "+strconv.Itoa(lo)+"-"+strconv.Itoa(hi))
		return &Page{URL: url}
	})
	want := []string{"tags/x/ 0-10", "tags/x/page/2/ 10-20", "tags/x/page/3/ 20-25"}
	if len(got) != len(want) {
		t.Fatalf("pages %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("page %d: %q, want %q", i+1, got[i], want[i])
		}
	}
	if pages[1].Pager.Prev != "tags/x/" || pages[1].Pager.Next != "tags/x/page/3/" || pages[2].Pager.Next != "" {
		t.Errorf("pager links wrong: %+v %+v", pages[1].Pager, pages[2].Pager)
	}
	if empty := paginate(0, 10, "reports/", func(url string, lo, hi int) *Page { return &Page{URL: url} }); len(empty) != 1 || empty[0].Pager.Total != 1 {
		t.Errorf("an empty list should still have its one page")
	}
}

// TestPercentsAddUpToAHundred: the column classes of a table share 100% in
// proportion, none below 1%.
func TestPercentsAddUpToAHundred(t *testing.T) {
	cases := map[string][]int{"1,1,1": {1, 1, 1}, "3,2,2,5,6": {3, 2, 2, 5, 6}, "100,1": {100, 1}}
	for name, w := range cases {
		p := percents(w)
		sum := 0
		for i, v := range p {
			sum += v
			if v < 1 || (i > 0 && w[i] > w[i-1] && v < p[i-1]) {
				t.Errorf("%s: %v, want every share at least 1 and in proportion", name, p)
			}
		}
		if sum != 100 {
			t.Errorf("%s: %v adds up to %d", name, p, sum)
		}
	}
	if got := percents([]int{1, 1, 1}); got[0] != 34 || got[1] != 33 || got[2] != 33 {
		t.Errorf("percents(1,1,1) = %v, want [34 33 33]", got)
	}
}

// PlanOf gives, for the documents asked for, the pages Plan gives them,
// the same in path, kind, title and document, and none of the lists.
func TestPlanOfIsPlanForTheFiles(t *testing.T) {
	site := &model.Site{Config: &config.Site{PerPage: 2}}
	for i, src := range []string{"content/notices/a.md", "content/notices/b.md", "content/notices/c/index.md"} {
		site.Notices = append(site.Notices, &model.Notice{Doc: model.Doc{Source: src, Title: "通知" + src, URL: "notices/" + string(rune('a'+i)) + "/"}})
	}
	site.Reports = []*model.Report{{Doc: model.Doc{Source: "content/reports/r.md", Title: "报道", URL: "reports/r/", Lang: "en"}}}
	site.Pages = []*model.Page{{Doc: model.Doc{Source: "content/about.md", Title: "关于", URL: "about/"}}}
	srcs := []string{"content/notices/c/index.md", "content/reports/r.md", "content/about.md"}
	var want []Planned
	for _, p := range Plan(site) {
		if slices.Contains(srcs, p.Page.Source()) && p.Page.Kind != "directory" && p.Page.Kind != "template" {
			want = append(want, p)
		}
	}
	got := PlanOf(site, site.Notices[2:], site.Reports, site.Pages)
	if len(got) != 3 || len(want) != 3 {
		t.Fatalf("PlanOf gave %d pages, Plan %d; want 3", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Path != w.Path || g.Page.Kind != w.Page.Kind || g.Page.Title != w.Page.Title || g.Page.Lang != w.Page.Lang ||
			g.Page.Notice != w.Page.Notice || g.Page.Report != w.Page.Report || g.Page.Page != w.Page.Page {
			t.Errorf("page %d: PlanOf %s %+v, Plan %s %+v", i, g.Path, *g.Page, w.Path, *w.Page)
		}
	}
}
