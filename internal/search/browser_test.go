package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"alliance/internal/build"
	"alliance/internal/model"
	"alliance/internal/search"
	"alliance/internal/testkit/browsertest"
)

// basePath is where the browser tests serve the site, so every link and
// index file must work under a sub-path.
const basePath = "/sub/"

// TestBrowser builds the example site, serves it under /sub/ and drives the
// search page in chromium: results as the reader types, in the order Go's
// ranking gives; Traditional and Simplified; no results; ?q= in the URL;
// a member result that scrolls to the member.
func TestBrowser(t *testing.T) {
	browsertest.Chromium(t) // skip early, before building, when there is no browser
	dest := t.TempDir()
	sum, err := build.Run(build.Options{Source: "../..", Destination: dest, BaseURL: "http://127.0.0.1" + basePath})
	if err != nil {
		t.Fatalf("building the example site: %v", err)
	}
	site := sum.Site
	if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(search.MetaFile))); err != nil {
		t.Fatalf("the build wrote no search index: %v", err)
	}
	base := browsertest.Serve(t, dest, basePath)
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1000, 900)); err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(func(p string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dest, "search", filepath.FromSlash(p)))
	})
	if err != nil {
		t.Fatal(err)
	}
	// goURLs is what Go's ranking gives for q: the order the page must show.
	goURLs := func(q string, f search.Filter) []string {
		r, err := ix.Search(q, f, 10)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range r.Hits {
			out = append(out, basePath+h.URL)
		}
		return out
	}
	// typeQuery opens the search page, types q and returns the result links.
	typeQuery := func(t *testing.T, q string) []string {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"search/"),
			chromedp.WaitVisible(chromedp.ID("search-q")),
			chromedp.SendKeys(chromedp.ID("search-q"), q),
		); err != nil {
			t.Fatal(err)
		}
		return waitResults(t, ctx, q)
	}

	zz := noticeByNumber(site, "枣教字〔2021〕10号")
	if zz == nil {
		t.Fatal("the example site has no notice 枣教字〔2021〕10号")
	}

	t.Run("document number as typed, with other brackets and in parts", func(t *testing.T) {
		for _, q := range []string{"枣教字〔2021〕10号", "枣教字[2021]10号", "2021 10号"} {
			got := typeQuery(t, q)
			if len(got) == 0 || got[0] != basePath+zz.URL {
				t.Errorf("%q: results %q, want %s first", q, got, basePath+zz.URL)
			}
			if want := goURLs(q, search.Filter{}); !slices.Equal(got, want) {
				t.Errorf("%q: page shows %q, Go ranks %q", q, got, want)
			}
		}
		// The URL follows the query, so a search can be bookmarked.
		loc, err := chromedp.Run(ctx, chromedp.Evaluate[string]("location.search"))
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := url.ParseQuery(strings.TrimPrefix(loc, "?")); v.Get("q") != "2021 10号" {
			t.Errorf("location.search = %q, want q=2021 10号", loc)
		}
	})

	t.Run("ranking matches Go", func(t *testing.T) {
		for _, q := range []string{"枣庄", "幼儿园", "联盟", "学前教育", "实验幼儿园", "教", "园 公办"} {
			got := typeQuery(t, q)
			want := goURLs(q, search.Filter{})
			if len(want) == 0 {
				t.Errorf("%q: Go finds nothing; choose a query the example site answers", q)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%q: page shows %q, Go ranks %q", q, got, want)
			}
		}
	})

	t.Run("Traditional and Simplified", func(t *testing.T) {
		var trad *model.Report
		for _, r := range site.Reports {
			if strings.Contains(r.Title, "教聯體") {
				trad = r
			}
		}
		if trad == nil {
			t.Fatal("the example site has no report titled with 教聯體")
		}
		for _, q := range []string{"教聯體", "教联体", "高質量發展"} {
			got := typeQuery(t, q)
			if !slices.Contains(got, basePath+trad.URL) {
				t.Errorf("%q: results %q lack %s", q, got, basePath+trad.URL)
			}
			if want := goURLs(q, search.Filter{}); !slices.Equal(got, want) {
				t.Errorf("%q: page shows %q, Go ranks %q", q, got, want)
			}
		}
		// The match is marked in the title as written, in Traditional.
		marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.search-results mark')).map(m => m.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(marks, "高質量發展") {
			t.Errorf("marked %q, want 高質量發展 among them", marks)
		}
	})

	t.Run("no results", func(t *testing.T) {
		got := typeQuery(t, "火星探测器")
		if len(got) != 0 {
			t.Errorf("results %q, want none", got)
		}
		status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".search-status")))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(status, "没有找到") || !strings.Contains(status, "火星探测器") {
			t.Errorf("status %q", status)
		}
	})

	t.Run("?q= opens with results; a member result scrolls to the member", func(t *testing.T) {
		dir := directoryByID(site, "zaozhuang")
		if dir == nil {
			t.Fatal("no zaozhuang directory")
		}
		members := dir.AllMembers()
		// The last member sits far down the directory page.
		last := members[len(members)-1]
		for _, m := range []model.Member{members[0], last} {
			q := m.Name
			u := base + "search/?q=" + url.QueryEscape(q) + "&kind=member"
			if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
				t.Fatal(err)
			}
			got := waitResults(t, ctx, q)
			want := basePath + dir.URL + "#" + m.ID
			if len(got) == 0 || got[0] != want {
				t.Fatalf("%s: results %q, want %s first", q, got, want)
			}
			value, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("search-q")))
			if err != nil || value != q {
				t.Errorf("search box holds %q (%v), want %q", value, err, q)
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".search-results .item-title"))); err != nil {
				t.Fatal(err)
			}
			check := fmt.Sprintf(`(() => {
				const e = document.getElementById(%q);
				if (!e || location.pathname !== %q) return false;
				const r = e.getBoundingClientRect();
				return r.top >= -1 && r.top < innerHeight;
			})()`, m.ID, basePath+dir.URL)
			// The click navigates: polls that race the new page's start are retried.
			var perr error
			for try := 0; try < 20; try++ {
				if _, perr = chromedp.Run(ctx, chromedp.Poll[bool](check)); perr == nil {
					break
				}
			}
			if perr != nil {
				t.Fatalf("%s: member %s not in view after the click: %v", q, m.ID, perr)
			}
			if m.ID == last.ID {
				y, err := chromedp.Run(ctx, chromedp.Evaluate[float64]("scrollY"))
				if err != nil || y <= 0 {
					t.Errorf("page did not scroll to the last member (scrollY %v, %v)", y, err)
				}
			}
		}
	})

	t.Run("filters", func(t *testing.T) {
		u := base + "search/?q=" + url.QueryEscape("枣庄") + "&kind=notice&year=2021"
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatal(err)
		}
		got := waitResults(t, ctx, "枣庄")
		want := goURLs("枣庄", search.Filter{Kind: "notice", Year: 2021})
		if !slices.Equal(got, want) || !slices.Contains(got, basePath+zz.URL) {
			t.Errorf("枣庄 in 2021 notices: page %q, Go %q", got, want)
		}
		kinds, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.search-result')).map(li => li.dataset.kind)`))
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range kinds {
			if k != "notice" {
				t.Errorf("kind filter let through a %s", k)
			}
		}
		year, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("select[name=year]")))
		if err != nil || year != "2021" {
			t.Errorf("year filter shows %q (%v)", year, err)
		}
	})

	t.Run("folding and hashing agree with Go", func(t *testing.T) {
		samples := []string{"教聯體", "枣教字〔2021〕10号", "ＡＢＣ１２３", "İstanbul ΣΑΣ", "①㈠㍻", "“共建 共享”——联盟", "ﾃｽﾄ", "𠮷野家", "Ｚａｏｚｈｕａｎｇ"}
		js, _ := json.Marshal(samples)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`allianceSearch.ready.then(() => `+string(js)+`.map(allianceSearch.fold))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range samples {
			if i >= len(got) || got[i] != search.Fold(s) {
				t.Errorf("fold(%q): browser %q, Go %q", s, at(got, i), search.Fold(s))
			}
		}
		h, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`allianceSearch.tokenHash("教联体")`))
		if err != nil || uint32(h) != search.TokenHash("教联体") {
			t.Errorf("TokenHash: browser %v (%v), Go %v", h, err, search.TokenHash("教联体"))
		}
	})

	t.Run("dates as on every other page", func(t *testing.T) {
		typeQuery(t, "枣庄")
		times, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.search-results time')).map(e => e.textContent + "|" + e.getAttribute('datetime'))`))
		if err != nil {
			t.Fatal(err)
		}
		if len(times) == 0 {
			t.Fatal("no dated result for 枣庄")
		}
		for _, tm := range times {
			shown, iso, _ := strings.Cut(tm, "|")
			d, err := time.Parse("2006-01-02", iso)
			if err != nil || shown != d.Format("2006年1月2日") {
				t.Errorf("result date %q (datetime %q), want it written as 2006年1月2日", shown, iso)
			}
		}
	})

	t.Run("status announced once results settle; focus on the results after a submit", func(t *testing.T) {
		lv, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const s = document.querySelector('.search-status'); return (s.getAttribute('role') || '') + (s.getAttribute('aria-live') || ''); })()`))
		if err != nil || lv != "" {
			t.Errorf("the status line is a live region (%q, %v): it would be read at every keystroke", lv, err)
		}
		typeQuery(t, "联盟")
		now, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('[data-live]') || {textContent: 'no live region'}).textContent`))
		if err != nil || now != "" {
			t.Errorf("live region right after typing = %q (%v), want nothing until typing pauses", now, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('[data-live]').textContent.includes('条结果')`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Errorf("the count was never announced: %v", err)
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("search-q"), " 枣庄"), chromedp.SendKeys(chromedp.ID("search-q"), "\r")); err != nil {
			t.Fatal(err)
		}
		waitResults(t, ctx, "联盟 枣庄")
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.activeElement && document.activeElement.id === 'search-results-heading'`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			id, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.tagName + '#' + document.activeElement.id : ''`))
			t.Errorf("focus on %q after a submit, want the results heading", id)
		}
	})

	t.Run("a failed more request ends the busy state with an error line", func(t *testing.T) {
		typeQuery(t, "幼儿园")
		hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('.search-more').hidden`))
		if err != nil || hidden {
			t.Fatalf("幼儿园 shows no more button (%v): choose a query with more than a page of results", err)
		}
		// The network goes away, and the index files not yet loaded with it.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(window.fetch = () => Promise.reject(new TypeError('offline')), true)`)); err != nil {
			t.Fatal(err)
		}
		before, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.search-result').length`))
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".search-more"))); err != nil {
			t.Fatal(err)
		}
		done := `document.getElementById('search').dataset.state === 'done' && !document.querySelector('.search-results').hasAttribute('aria-busy')`
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Fatalf("the page stays busy after a failed more request: %v", err)
		}
		after, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.search-result').length`))
		if after != before {
			t.Fatalf("more needed no new index file, so it could not fail: choose a query whose second page needs one")
		}
		status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".search-status")))
		if err != nil || !strings.Contains(status, "失败") {
			t.Errorf("status %q (%v) after a failed more request, want the error line", status, err)
		}
	})

	t.Run("the results area keeps its height", func(t *testing.T) {
		hintTop := `document.querySelector('.search-hint').getBoundingClientRect().top + scrollY`
		var tops []float64
		for _, q := range []string{"火星探测器", "枣教字〔2021〕10号", "黄俐"} {
			typeQuery(t, q)
			top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](hintTop))
			if err != nil {
				t.Fatal(err)
			}
			tops = append(tops, top)
		}
		if tops[0] != tops[1] || tops[1] != tops[2] {
			t.Errorf("the hint below the results moves: at %v for no, one and a few results", tops)
		}
	})

	t.Run("results are text, never markup", func(t *testing.T) {
		typeQuery(t, "联盟")
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](
			`document.querySelectorAll('.search-results *:not(li):not(a):not(p):not(span):not(time):not(mark)').length`))
		if err != nil || n != 0 {
			t.Errorf("%d unexpected elements in the results (%v)", n, err)
		}
		if dir := os.Getenv("ALLIANCE_SCREENSHOTS"); dir != "" {
			if err := browsertest.Screenshot(ctx, filepath.Join(dir, "search.png")); err != nil {
				t.Error(err)
			}
		}
	})
}

// waitResults waits until the page has shown the results for q and returns
// their links.
func waitResults(t *testing.T, ctx context.Context, q string) []string {
	t.Helper()
	qs, _ := json.Marshal(q)
	done := `(() => { const s = document.getElementById('search'); return s.dataset.state === 'done' && s.dataset.query === ` + string(qs) + `; })()`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](done)); err != nil {
		t.Fatalf("%q: results never shown: %v", q, err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('.search-results .item-title')).map(a => a.getAttribute('href'))`))
	if err != nil {
		t.Fatal(err)
	}
	return links
}

func at(ss []string, i int) string {
	if i < len(ss) {
		return ss[i]
	}
	return "(missing)"
}

func noticeByNumber(site *model.Site, n string) *model.Notice {
	for _, x := range site.Notices {
		if x.DocNumber == n {
			return x
		}
	}
	return nil
}

func directoryByID(site *model.Site, id string) *model.Directory {
	for _, d := range site.Directories {
		if d.ID == id {
			return d
		}
	}
	return nil
}
