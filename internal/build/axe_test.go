package build

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"alliance/internal/testkit/axetest"
	"alliance/internal/testkit/browsertest"
)

// TestPagesPassAxe opens every built page, and the search page with
// results, in chromium on a 360 px phone, and one page of every kind on a
// desktop screen, and runs axe-core's rules in each: no rule may fail,
// whatever its impact. A page
// built without labels rides along, so rules that never fire fail the test
// too.
func TestPagesPassAxe(t *testing.T) {
	src := axetest.Source(t)
	browsertest.Chromium(t)
	dest, _ := buildExample(t, "")
	base := browsertest.Serve(t, dest, "/")

	type page struct{ path, wait string }
	var kinds, all []page
	for _, rel := range pageKinds {
		kinds = append(kinds, page{strings.TrimSuffix(rel, "index.html"), ""})
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i].path < kinds[j].path })
	err := filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dest, path)
		all = append(all, page{strings.TrimSuffix(filepath.ToSlash(rel), "index.html"), ""})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	results := page{"search/?q=联盟", `document.querySelectorAll(".search-results li").length > 0`}

	screens := []struct {
		name  string
		set   chromedp.Action[chromedp.Void]
		pages []page
	}{
		{"phone 360px", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile), append(all, results)},
		{"desktop 1280px", chromedp.EmulateViewport(1280, 900), append(kinds, results)},
	}
	for _, sc := range screens {
		// A fresh browser every ten pages keeps each within
		// browsertest.Timeout on a busy machine.
		for from := 0; from < len(sc.pages); from += 10 {
			chunk := sc.pages[from:min(from+10, len(sc.pages))]
			t.Run(fmt.Sprintf("%s from %d", sc.name, from), func(t *testing.T) {
				ctx := browsertest.New(t)
				if err := chromedp.Do(ctx, sc.set); err != nil {
					t.Fatal(err)
				}
				for _, p := range chunk {
					if err := chromedp.Do(ctx, chromedp.Navigate(base+p.path)); err != nil {
						t.Fatalf("%s: %v", p.path, err)
					}
					if p.wait != "" {
						if err := waitFor(ctx, p.wait); err != nil {
							t.Errorf("/%s: %v", p.path, err)
							continue
						}
					}
					vs, err := axetest.Run(ctx, src)
					if err != nil {
						t.Fatalf("/%s: running axe: %v", p.path, err)
					}
					for _, v := range vs {
						t.Errorf("/%s: %s", p.path, v)
					}
				}
			})
		}
	}

	// The control: an input without a label and an image without alt.
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("main").insertAdjacentHTML("beforeend", '<input type="text"><img src="/favicon.svg">')`)); err != nil {
		t.Fatal(err)
	}
	vs, err := axetest.Run(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, v := range vs {
		found[v.ID] = true
	}
	if !found["label"] || !found["image-alt"] {
		t.Errorf("axe missed an unlabelled input and an image without alt: it found %v", vs)
	}
}

// waitFor polls the expression cond in the page until it is true, for at
// most ten seconds.
func waitFor(ctx context.Context, cond string) error {
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
	return fmt.Errorf("still not %s after 10 s", cond)
}
