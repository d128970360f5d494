package output

import (
	"errors"
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
	got := g.Pass(files)
	if len(got) != 2 || got[0].Path != "a/index.html" || got[1].Path != "css/site.css" {
		t.Fatalf("passed %v", got)
	}
	if len(files) != 4 || files[1].Path != "b/index.html" {
		t.Error("Pass changed its argument")
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
