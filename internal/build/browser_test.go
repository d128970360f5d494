package build

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"alliance/internal/testkit/browsertest"
	"alliance/internal/testkit/testfs"
)

// TestBrowserCorrectsStaleDeadlineBadge builds the site as if on 2024-04-01,
// when the Hunan call was open, and opens it today: the reader's clock must
// turn the badge to closed.
func TestBrowserCorrectsStaleDeadlineBadge(t *testing.T) {
	browsertest.Chromium(t)
	dest, _ := buildExample(t, "")
	base := browsertest.Serve(t, dest, "/")
	ctx := browsertest.New(t)
	built := testfs.Read(t, dest+"/notices/hunan-alliance-invitation/index.html")
	if !strings.Contains(built, "badge-open") {
		t.Fatal("the build clock of 2024-04-01 should have written an open badge")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"notices/hunan-alliance-invitation/")); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".meta [data-deadline] .badge")))
	if err != nil {
		t.Fatal(err)
	}
	if text != "已截止" {
		t.Errorf("badge in the browser says %q, want 已截止", text)
	}
}

// TestBrowserDirectoryFilters picks a district and a nature on the Zaozhuang
// directory and checks that exactly the matching members stay visible, with
// the count updated, without reloading.
func TestBrowserDirectoryFilters(t *testing.T) {
	browsertest.Chromium(t)
	dest, sum := buildExample(t, "")
	var want, wantBoth int
	for _, d := range sum.Site.Directories {
		if d.ID != "zaozhuang" {
			continue
		}
		for _, m := range d.AllMembers() {
			if m.District == "滕州市" {
				want++
				if m.Nature == "公办" {
					wantBoth++
				}
			}
		}
	}
	if want < 2 || wantBoth == 0 || wantBoth == want {
		t.Fatalf("example data no longer suits the test: %d in 滕州市, %d of them 公办", want, wantBoth)
	}
	base := browsertest.Serve(t, dest, "/")
	ctx := browsertest.New(t)
	visible := `Array.from(document.querySelectorAll(".member")).filter(m => m.offsetParent !== null).map(m => m.dataset.district + "/" + m.dataset.nature)`

	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"directories/zaozhuang/"),
		chromedp.WaitVisible(chromedp.CSS("[data-filters]")),
	)
	if err != nil {
		t.Fatal(err)
	}
	choose(t, ctx, "district", "滕州市")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title = "loaded"`)); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](visible))
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) != want {
		t.Errorf("滕州市 filter shows %d members, want %d: %v", len(shown), want, shown)
	}
	for _, s := range shown {
		if !strings.HasPrefix(s, "滕州市/") {
			t.Errorf("filter left %s visible", s)
		}
	}
	choose(t, ctx, "nature", "公办")
	shown, _ = chromedp.Run(ctx, chromedp.Evaluate[[]string](visible))
	if len(shown) != wantBoth {
		t.Errorf("滕州市 + 公办 shows %d members, want %d", len(shown), wantBoth)
	}
	count, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("[data-count]")))
	if !strings.Contains(count, " "+itoa(wantBoth)+" ") {
		t.Errorf("count says %q, want %d", count, wantBoth)
	}
	still, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
	if still != "loaded" {
		t.Error("filtering reloaded the page")
	}

}

// choose picks value in the filter select name as a reader would.
func choose(t *testing.T, ctx context.Context, name, value string) {
	t.Helper()
	sel := `select[name="` + name + `"]`
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+sel+`').dispatchEvent(new Event("change", {bubbles: true}))`)); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserPhoneWidth opens key pages at 360 px, the narrowest phone the
// site supports, and checks that nothing makes the page scroll sideways.
func TestBrowserPhoneWidth(t *testing.T) {
	browsertest.Chromium(t)
	dest, _ := buildExample(t, "")
	base := browsertest.Serve(t, dest, "/")
	ctx := browsertest.New(t)
	for _, p := range []string{"", "notices/", "notices/zaozhuang-alliance-plan/", "reports/yichang-forum-2023/", "directories/zaozhuang/", "search/?q=联盟"} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740), chromedp.Navigate(base+p)); err != nil {
			t.Fatal(err)
		}
		width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if width > 360 {
			t.Errorf("/%s is %d px wide on a 360 px phone", p, width)
		}
	}
}
