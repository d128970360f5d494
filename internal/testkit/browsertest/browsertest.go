// Package browsertest runs tests in Debian's chromium: it finds the browser,
// starts it headless through chromedp, and serves a built site on a local
// address. Without chromium a test skips on a developer's machine and fails
// under CI (CI set), where .ci/run installs it.
//
// A test reads:
//
//	base := browsertest.Serve(t, dir, "/sub/")
//	ctx := browsertest.New(t)
//	err := chromedp.Do(ctx, chromedp.Navigate(base+"search/?q=…"), …)
package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Timeout bounds each browser session, so a hung page fails the test
// instead of CI's whole run.
const Timeout = 90 * time.Second

// Chromium returns the path of Debian's chromium: /usr/bin/chromium, or
// chromium on PATH. Without it the test is skipped, or failed when the
// environment variable CI is set.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	const how = "chromium not found; install it (apt-get install chromium fonts-noto-cjk) or run bash .ci/run"
	if os.Getenv("CI") != "" {
		t.Fatal(how + " (CI is set, so browser tests must run)")
	}
	t.Skip(how)
	return ""
}

// Flags are the only command-line flags chromium gets, besides a fresh
// --user-data-dir and the debugging port chromedp needs.
var Flags = []string{"headless", "no-sandbox", "disable-gpu", "disable-background-networking", "disable-component-update", "no-first-run"}

// New starts a headless chromium with a fresh profile and returns a context
// for chromedp.Run. The browser is closed when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Chromium(t)
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir())}
	for _, f := range Flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	ctx, cancelTime := context.WithTimeout(ctx, Timeout)
	t.Cleanup(func() {
		cancelTime()
		cancelTab()
		cancelAlloc()
	})
	// Start the browser now, so a failure to start is reported here.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// Serve serves the folder dir under basePath (such as "/" or "/alliance/")
// on a local address for the rest of the test, and returns the URL of
// basePath, ending in a slash.
func Serve(t testing.TB, dir, basePath string) string {
	t.Helper()
	if !strings.HasPrefix(basePath, "/") {
		basePath = "/" + basePath
	}
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	mux := http.NewServeMux()
	mux.Handle(basePath, http.StripPrefix(strings.TrimSuffix(basePath, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + basePath
}

// Screenshot saves the whole page as a PNG at path, for a person to look at.
func Screenshot(ctx context.Context, path string) error {
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return err
	}
	return os.WriteFile(path, png, 0o644)
}
