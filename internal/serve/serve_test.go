package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"alliance/internal/build"
)

// repoRoot is the example site: the repository itself.
const repoRoot = "../.."

// fixedNow is the clock of test builds, so deadline badges are stable.
var fixedNow = time.Date(2024, 4, 1, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

const hunan = "content/notices/hunan-alliance-invitation.md"

// copySite copies the example site's sources into a temporary folder.
func copySite(t testing.TB) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range Watched {
		src := filepath.Join(repoRoot, name)
		if st, err := os.Stat(src); err != nil || !st.IsDir() {
			if err == nil {
				b, _ := os.ReadFile(src)
				if err := os.WriteFile(filepath.Join(dst, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, name), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// startServer serves the site in src for the rest of the test and returns
// the server and its address.
func startServer(t testing.TB, src string) (*Server, string) {
	t.Helper()
	srv, err := New(Options{Build: build.Options{Source: src, Now: fixedNow}, Log: testLog{t}})
	if err != nil {
		t.Fatal(err)
	}
	if p := srv.Problem(); p != "" {
		t.Fatalf("the site does not build: %s", p)
	}
	hs := httptest.NewServer(srv)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		srv.Close()
		hs.Close()
	})
	return srv, hs.URL
}

type testLog struct{ t testing.TB }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// event is one server-sent event.
type event struct{ name, data string }

// listen opens the event stream and returns its events.
func listen(t testing.TB, addr string) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", addr+eventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream has Content-Type %q", ct)
	}
	out := make(chan event, 64)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				out <- ev
				ev = event{}
			}
		}
	}()
	t.Cleanup(cancel)
	return out
}

// next waits for the next event.
func next(t testing.TB, events <-chan event) event {
	t.Helper()
	return nextWithin(t, events, 10*time.Second)
}

// nextWithin waits for the next event as long as d.
func nextWithin(t testing.TB, events <-chan event, d time.Duration) event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(d):
		t.Fatalf("no event within %v", d)
	}
	return event{}
}

// quiet checks that no event comes for a while.
func quiet(t testing.TB, events <-chan event) {
	t.Helper()
	select {
	case ev := <-events:
		t.Fatalf("unexpected event %s %s", ev.name, ev.data)
	case <-time.After(500 * time.Millisecond):
	}
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// vimSave saves a file the way vim does: the 4913 probe, the original
// renamed to a backup, the new text written, the backup removed.
func vimSave(t testing.TB, p string, text []byte) {
	t.Helper()
	dir := filepath.Dir(p)
	steps := []func() error{
		func() error { return os.WriteFile(filepath.Join(dir, "4913"), nil, 0o644) },
		func() error { return os.Remove(filepath.Join(dir, "4913")) },
		func() error { return os.Rename(p, p+"~") },
		func() error { return os.WriteFile(p, text, 0o644) },
		func() error { return os.Remove(p + "~") },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			t.Fatal(err)
		}
	}
}

func replaceIn(t testing.TB, p, old, new string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", p, old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

// Pages come with the live script; the home page is under the base path.
func TestServesPagesWithScript(t *testing.T) {
	_, addr := startServer(t, copySite(t))
	code, body := get(t, addr+"/notices/hunan-alliance-invitation/")
	if code != 200 || !strings.Contains(body, `<script src="/__alliance/live.js" data-base="/" data-page="notices/hunan-alliance-invitation/index.html"></script></body>`) {
		t.Fatalf("status %d, page without the live script:\n%.300s", code, body)
	}
	if code, body := get(t, addr+"/no-such-page/"); code != 404 || !strings.Contains(body, `data-page=""`) {
		t.Errorf("missing page: status %d", code)
	}
	if code, _ := get(t, addr+scriptPath); code != 200 {
		t.Errorf("live.js: status %d", code)
	}
	if code, _ := get(t, addr+"/feed.xml"); code != 200 {
		t.Errorf("feed.xml: status %d", code)
	}
}

// A save in vim's way is one change: the notice's own page reloads at
// once with the new text (the preview), then the lists that show it, once
// the site is built, and not the notice's page again, nor every page.
func TestReloadAfterSave(t *testing.T) {
	src := copySite(t)
	_, addr := startServer(t, src)
	events := listen(t, addr)
	p := filepath.Join(src, hunan)
	vimSave(t, p, replaceIn(t, p, `title = "`, `title = "修订稿：`))
	ev := next(t, events)
	if ev.name != "reload" || ev.data != `{"pages":["notices/hunan-alliance-invitation/index.html"]}` {
		t.Fatalf("event %s %s, want a reload of the notice's page alone", ev.name, ev.data)
	}
	if _, body := get(t, addr+"/notices/hunan-alliance-invitation/"); !strings.Contains(body, "修订稿：") || !strings.Contains(body, `data-page="notices/hunan-alliance-invitation/index.html"`) {
		t.Error("the page shown ahead of the build does not show the new title, or has no live script")
	}
	ev = next(t, events)
	if ev.name != "reload" || !strings.Contains(ev.data, `"notices/index.html"`) || strings.Contains(ev.data, `"all"`) ||
		strings.Contains(ev.data, `"notices/hunan-alliance-invitation/index.html"`) || strings.Contains(ev.data, `"reports/index.html"`) {
		t.Fatalf("event %s %s, want a reload of the lists", ev.name, ev.data)
	}
	quiet(t, events)
	if _, body := get(t, addr+"/notices/hunan-alliance-invitation/"); !strings.Contains(body, "修订稿：") {
		t.Error("the page does not show the new title")
	}
	if _, body := get(t, addr+"/notices/"); !strings.Contains(body, "修订稿：") {
		t.Error("the notice list does not show the new title")
	}
}

// A broken notice sends the error, in the build's words, and keeps the
// previous page; fixing the file clears it, and reloads the page when the
// fix changed it.
func TestErrorThenFix(t *testing.T) {
	src := copySite(t)
	srv, addr := startServer(t, src)
	events := listen(t, addr)
	p := filepath.Join(src, hunan)
	good, _ := os.ReadFile(p)
	vimSave(t, p, replaceIn(t, p, `title = "`, `titel = "`))
	ev := next(t, events)
	if ev.name != "builderror" || !strings.Contains(ev.data, hunan+`:1: title is missing`) {
		t.Fatalf("event %s %s, want the error", ev.name, ev.data)
	}
	if code, _ := get(t, addr+"/notices/hunan-alliance-invitation/"); code != 200 {
		t.Errorf("the previous page is gone: status %d", code)
	}
	// A page opened now gets the error at once.
	late := listen(t, addr)
	if ev := next(t, late); ev.name != "builderror" {
		t.Errorf("a new page got %s, want the error", ev.name)
	}
	// Fixed as it was: the error goes, and the page, which is as it was,
	// is not reloaded.
	vimSave(t, p, good)
	if ev := next(t, events); ev.name != "ok" {
		t.Fatalf("event %s %s, want ok", ev.name, ev.data)
	}
	quiet(t, events)
	if srv.Problem() != "" {
		t.Errorf("problem left: %s", srv.Problem())
	}
	// Broken and fixed with a new title: the error goes, then the page reloads.
	vimSave(t, p, replaceIn(t, p, `title = "`, `titel = "`))
	if ev := next(t, events); ev.name != "builderror" {
		t.Fatalf("event %s %s, want the error", ev.name, ev.data)
	}
	vimSave(t, p, bytes.Replace(good, []byte(`title = "`), []byte(`title = "已修正：`), 1))
	if ev := next(t, events); ev.name != "ok" {
		t.Fatalf("event %s %s, want ok", ev.name, ev.data)
	}
	if ev := next(t, events); ev.name != "reload" || !strings.Contains(ev.data, "notices/hunan-alliance-invitation/index.html") {
		t.Fatalf("event %s %s, want reload", ev.name, ev.data)
	}
	if _, body := get(t, addr+"/notices/hunan-alliance-invitation/"); !strings.Contains(body, "已修正：") {
		t.Error("the page does not show the fixed title")
	}
}

// A stylesheet change swaps the stylesheet instead of reloading.
func TestStylesheetChange(t *testing.T) {
	src := copySite(t)
	_, addr := startServer(t, src)
	events := listen(t, addr)
	css := filepath.Join(src, "themes", "default", "static", "css", "main.css")
	b, _ := os.ReadFile(css)
	if err := os.WriteFile(css, append(b, "\nbody{outline:1px solid red}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	ev := next(t, events)
	if ev.name != "css" || !strings.Contains(ev.data, `"css/main.css":"css/main.`) {
		t.Fatalf("event %s %s, want css", ev.name, ev.data)
	}
}

// Nothing outside the built site is served: requests that climb out with
// "..", written plainly, percent-encoded or with backslashes, are refused.
func TestRefusesClimbingOut(t *testing.T) {
	src := copySite(t)
	const secret = "SECRET-beside-the-site"
	if err := os.WriteFile(filepath.Join(src, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, addr := startServer(t, src)
	// The private build folder's sibling and parent, to try to reach.
	if err := os.WriteFile(filepath.Join(filepath.Dir(srv.Session().Dir()), "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(addr, "http://")
	for _, target := range []string{
		"/../../../../../../etc/passwd",
		"/../secret.txt",
		"/notices/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E%2Fsecret.txt",
		"/notices/..%2f..%2fsecret.txt",
		"/..%5c..%5csecret.txt",
		"/..\\..\\secret.txt",
		"/./../secret.txt",
		"/__alliance/../../secret.txt",
		"/..",
		"/.alliance-build",
		"/%00/etc/passwd",
	} {
		status, body := rawGet(t, host, target)
		if status != 400 && status != 404 {
			t.Errorf("GET %s: status %d, want 400 or 404", target, status)
		}
		if strings.Contains(body, secret) || strings.Contains(body, "root:") {
			t.Errorf("GET %s served a file outside the site", target)
		}
	}
	// The handler itself, with a path that never went through a parser.
	for _, p := range []string{"/../secret.txt", "/a/../../secret.txt", "/..\\secret.txt"} {
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path = p
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != 400 || strings.Contains(rec.Body.String(), secret) {
			t.Errorf("handler with path %q: status %d", p, rec.Code)
		}
	}
}

// rawGet sends a request line exactly as given and returns the status and body.
func rawGet(t *testing.T, host, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
