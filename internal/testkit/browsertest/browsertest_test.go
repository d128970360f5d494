package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The served folder is reached under its base path, a page's script runs,
// and a screenshot is a PNG.
func TestServeAndBrowse(t *testing.T) {
	dir := t.TempDir()
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head>` +
		`<body><p id="p">静态</p><script>document.getElementById("p").textContent = "脚本运行了";</script></body></html>`
	if err := os.MkdirAll(filepath.Join(dir, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	base := Serve(t, dir, "/sub")
	if !strings.HasSuffix(base, "/sub/") || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("Serve returned %q", base)
	}
	ctx := New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"a/")); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("p")))
	if err != nil {
		t.Fatal(err)
	}
	if text != "脚本运行了" {
		t.Errorf("text = %q", text)
	}
	png := filepath.Join(t.TempDir(), "shot.png")
	if err := Screenshot(ctx, png); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(png)
	if err != nil || len(b) < 8 || string(b[1:4]) != "PNG" {
		t.Errorf("screenshot is not a PNG (%d bytes, %v)", len(b), err)
	}
}
