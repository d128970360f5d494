package load

import (
	"testing"
	"time"

	"alliance/internal/diag"
)

// TestScheduling checks that drafts, future publish dates, past expiry dates
// and unpublished disclosure options keep pages out unless asked for, and
// that each rule's count is kept.
func TestScheduling(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/live.md":     "+++\ntitle = \"甲\"\ndate = 2024-03-01\n+++\n",
		"content/notices/draft.md":    "+++\ntitle = \"乙\"\ndate = 2024-03-01\ndraft = true\n+++\n",
		"content/notices/future.md":   "+++\ntitle = \"丙\"\ndate = 2024-03-01\npublish_date = 2024-04-02\n+++\n",
		"content/notices/future-t.md": "+++\ntitle = \"丁\"\ndate = 2024-03-01\npublish_date = 2024-04-01T13:00:00+08:00\n+++\n",
		"content/notices/expired.md":  "+++\ntitle = \"戊\"\ndate = 2024-03-01\nexpiry_date = 2024-03-31\n+++\n",
		"content/notices/today.md":    "+++\ntitle = \"己\"\ndate = 2024-03-01\nexpiry_date = 2024-04-01\n+++\n",
		"content/notices/request.md":  "+++\ntitle = \"庚\"\ndate = 2024-03-01\ndisclosure = \"依申请公开\"\n+++\n",
		"content/notices/secret.md":   "+++\ntitle = \"辛\"\ndate = 2024-03-01\ndisclosure = \"不予公开\"\n+++\n",
		"content/reports/future.md":   "+++\ntitle = \"壬\"\ndate = 2024-03-01\npublish_date = 2024-05-01\n+++\n",
		"content/reports/expired.md":  "+++\ntitle = \"癸\"\ndate = 2024-03-01\nexpiry_date = 2024-01-01\n+++\n",
		"content/reports/dated.md":    "+++\ntitle = \"子\"\ndate = 2024-06-01\n+++\n",
		"content/about.md":            "+++\ntitle = \"丑\"\nexpiry_date = 2023-12-31T23:00:00+08:00\n+++\n",
		"content/later.md":            "+++\ntitle = \"寅\"\npublish_date = 2025-01-01\n+++\n",
	})
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))
	load := func(opts Options) (notices, reports, pages []string, held map[string]int) {
		t.Helper()
		opts.Now = now
		var dl diag.List
		s := Site(dir, opts, &dl)
		if err := dl.Err(); err != nil {
			t.Fatal(err)
		}
		for _, n := range s.Notices {
			notices = append(notices, n.Title)
		}
		for _, r := range s.Reports {
			reports = append(reports, r.Title)
		}
		for _, p := range s.Pages {
			pages = append(pages, p.Title)
		}
		return notices, reports, pages, s.Held
	}

	n, r, p, held := load(Options{})
	if got := len(n); got != 2 {
		t.Errorf("default build: notices %v, want 甲 and 己", n)
	}
	if len(r) != 1 || r[0] != "子" {
		t.Errorf("default build: reports %v, want only 子 (a report's own date never holds it back)", r)
	}
	if len(p) != 0 {
		t.Errorf("default build: pages %v, want none", p)
	}
	want := map[string]int{"draft": 1, "future": 4, "expired": 3, "disclosure": 2}
	for k, v := range want {
		if held[k] != v {
			t.Errorf("held[%q] = %d, want %d (all: %v)", k, held[k], v, held)
		}
	}

	n, r, p, held = load(Options{Drafts: true, Future: true, Expired: true})
	if len(n) != 6 || len(r) != 3 || len(p) != 2 {
		t.Errorf("with every flag: notices %v, reports %v, pages %v", n, r, p)
	}
	if held["disclosure"] != 2 || len(held) != 1 {
		t.Errorf("with every flag, only the disclosure rule holds pages back: %v", held)
	}

	_, _, _, held = load(Options{Future: true})
	if held["future"] != 0 || held["expired"] != 3 || held["draft"] != 1 {
		t.Errorf("--future: held %v", held)
	}
}

func TestExpiryDateError(t *testing.T) {
	dir := site(t, map[string]string{
		"content/notices/a.md": "+++\ntitle = \"甲\"\ndate = 2024-03-01\nexpiry_date = \"soon\"\n+++\n",
	})
	var dl diag.List
	Site(dir, Options{}, &dl)
	ps := dl.Problems()
	if len(ps) != 1 || ps[0].Line != 4 || ps[0].Warning {
		t.Fatalf("want one error on line 4 for expiry_date, got %v", ps)
	}
}
