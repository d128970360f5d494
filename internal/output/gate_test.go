package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/diag"
)

func TestGate(t *testing.T) {
	asked := 0
	g := NewGate(func() map[string]bool { asked++; return map[string]bool{"13911112222": true} })
	files := []File{
		{Path: "a/index.html", Data: []byte("<p>办公 0632-3317000，值班 139 1111 2222</p>"), Source: "content/a.md"},
		{Path: "b/index.html", Data: []byte("<p>王老师 138<b>0000</b>1234</p>"), Source: "content/b.md"},
		{Path: "notices/index.html", Data: []byte("<p>身份证 11010519491231002X</p>")},
		{Path: "css/site.css", Src: "/theme/site.css"},
	}
	var got []string
	for _, f := range files {
		if g.Pass(f) {
			got = append(got, f.Path)
		}
	}
	if strings.Join(got, " ") != "a/index.html css/site.css" {
		t.Fatalf("passed %v, want a/index.html (its number is public) and css/site.css", got)
	}
	if asked != 1 {
		t.Errorf("public numbers asked for %d times, want once", asked)
	}
	var errs diag.Errors
	if err := g.Err(); !errors.As(err, &errs) || len(errs) != 2 {
		t.Fatalf("Err = %v", err)
	}
	msg := g.Err().Error()
	for _, want := range []string{"content/b.md: the output b/index.html", "138****1234", "notices/index.html: the output notices/index.html (made from several files)", "110105********002X"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "13800001234") {
		t.Error("the message shows the number in full")
	}
}

// TestWriterScreensEveryFile: a Writer given a Gate checks every file it
// writes, after minifying, and a refusal fails Commit and leaves the
// destination as the previous build left it, whoever forgot to ask the gate.
func TestWriterScreensEveryFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Write(dest, []File{{Path: "index.html", Data: []byte("<p>旧</p>")}}, nil); err != nil {
		t.Fatal(err)
	}
	w, err := NewWriter(dest, NewMinifier())
	if err != nil {
		t.Fatal(err)
	}
	g := NewGate(nil)
	w.Screen(g)
	// The number is split by markup the minifier keeps and by spaces it
	// collapses: the gate reads what would be written.
	w.Add(File{Path: "index.html", Data: []byte("<p>新</p>")},
		File{Path: "b/index.html", Data: []byte("<p>王老师  138 <b>0000</b>   1234</p>"), Source: "content/b.md"})
	_, err = w.Commit()
	var errs diag.Errors
	if !errors.As(err, &errs) || len(errs) != 1 || !strings.Contains(err.Error(), "content/b.md") || !strings.Contains(err.Error(), "138****1234") {
		t.Fatalf("Commit = %v, want the gate's one problem", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "<p>旧</p>" {
		t.Errorf("index.html holds %q after a refused build, want the previous <p>旧</p>", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "b")); !os.IsNotExist(err) {
		t.Error("the refused file's folder reached the destination")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("a refused build left %d entries beside the destination, want only public/", len(entries))
	}
}
