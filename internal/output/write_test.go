package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteRefusesPathsOutsideTheDestination(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	for _, p := range []string{"../escape.txt", "/etc/escape.txt", "a/../../escape.txt"} {
		_, err := Write(dest, []File{{Path: "index.html", Data: []byte("ok")}, {Path: p, Data: []byte("x")}}, nil)
		if err == nil || !strings.Contains(err.Error(), "outside the destination") {
			t.Errorf("%s: err = %v", p, err)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 0 {
		t.Errorf("a refused write left %v beside the destination", entries)
	}
}

func TestWriteSwapsAndMarks(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Write(dest, []File{{Path: "a/b/index.html", Data: []byte("<p>  一  </p>")}}, NewMinifier()); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "a/b/index.html")); string(b) != "<p>一</p>" {
		t.Errorf("written %q, want minified <p>一</p>", b)
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		t.Error("no marker in the destination")
	}
	st, err := Write(dest, []File{{Path: "c.txt", Data: []byte("c")}}, nil)
	if err != nil || st.Files != 1 {
		t.Fatalf("second write: %v %+v", err, st)
	}
	if _, err := os.Stat(filepath.Join(dest, "a")); !os.IsNotExist(err) {
		t.Error("the second write kept files of the first")
	}
	if _, err := Write(dest, []File{{Path: "x", Data: nil}, {Path: "x", Data: nil}}, nil); err == nil {
		t.Error("two files with one path were accepted")
	}
}
