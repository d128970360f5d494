package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"alliance/internal/testkit/browsertest"
)

// In chromium: a notice page that is open when its file breaks shows the
// error over the page, in the build's words; fixing the file removes it and
// the page shows the fixed text without anyone reloading it.
func TestOverlayInBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	src := copySite(t)
	srv, addr := startServer(t, src)
	if err := chromedp.Do(ctx, chromedp.Navigate(addr+"/notices/hunan-alliance-invitation/")); err != nil {
		t.Fatal(err)
	}
	waitSubscribers(t, srv, 1)

	p := filepath.Join(src, hunan)
	good, _ := os.ReadFile(p)
	vimSave(t, p, replaceIn(t, p, `title = "`, `titel = "`))
	text, err := chromedp.Run(ctx, chromedp.Poll[string](
		`(document.getElementById("alliance-error") || {}).textContent || false`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		t.Fatalf("no overlay: %v", err)
	}
	if !strings.Contains(text, hunan+":1: title is missing") {
		t.Errorf("overlay says %q", text)
	}
	// The error text is text, never markup.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll("#alliance-error *").length === 2`)); err != nil {
		t.Fatal(err)
	}

	fixed := strings.Replace(string(good), `title = "`, `title = "已修正：`, 1)
	vimSave(t, p, []byte(fixed))
	// The page reloads, which ends any script running in it: ask again until it has.
	deadline := time.Now().Add(20 * time.Second)
	for {
		title, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`!document.getElementById("alliance-error") && document.title.indexOf("已修正：") >= 0 ? document.title : ""`))
		if err == nil && title != "" {
			t.Logf("page reloaded: %s", title)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the overlay stayed or the page did not reload (%v)", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitSubscribers waits until n pages listen to the server's events.
func waitSubscribers(t *testing.T, srv *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		srv.events.mu.Lock()
		got := len(srv.events.subs)
		srv.events.mu.Unlock()
		if got >= n {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("fewer than %d pages listen to events", n)
}
