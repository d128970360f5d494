package output

import (
	"crypto/sha256"
	"encoding/hex"
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

// TestWriteTakesTheMakersSum: a minified file that comes with the SHA-256
// of its bytes is recorded by it, not hashed again; one the writer
// minifies is recorded by what it wrote.
func TestWriteTakesTheMakersSum(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	data := []byte(`{"a":1}`)
	// Not the bytes' sum: the writer must not look, so it records this.
	given := sha256.Sum256([]byte("something else"))
	page := []byte("<p>  一  </p>")
	_, err := Write(dest, []File{
		{Path: "search/a.json", Data: data, Minified: true, Sum: given},
		{Path: "index.html", Data: page, Sum: sha256.Sum256(page)},
	}, NewMinifier())
	if err != nil {
		t.Fatal(err)
	}
	m := readManifest(dest)
	if got, want := m.files["search/a.json"].sum, hex.EncodeToString(given[:16]); got != want {
		t.Errorf("search/a.json recorded as %s, want the given %s", got, want)
	}
	if got, want := m.files["index.html"].sum, sumOf([]byte("<p>一</p>")); got != want {
		t.Errorf("index.html recorded as %s, want the sum of the minified page %s", got, want)
	}
}

// TestWriteNowLeavesTheBufferFree: a file given to Writer.Write is written
// before it returns, so the caller's buffer (a renderer's, for the next
// page) can change at once without changing what was written.
func TestWriteNowLeavesTheBufferFree(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	w, err := NewWriter(dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	buf := []byte("<p>第一页</p>")
	w.Write(File{Path: "a/index.html", Data: buf, Minified: true})
	copy(buf, "<p>第二页</p>")
	w.Write(File{Path: "b/index.html", Data: buf, Minified: true})
	st, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != 2 {
		t.Errorf("%d files written, want 2", st.Files)
	}
	for p, want := range map[string]string{"a/index.html": "<p>第一页</p>", "b/index.html": "<p>第二页</p>"} {
		if b, _ := os.ReadFile(filepath.Join(dest, p)); string(b) != want {
			t.Errorf("%s = %q, want %q", p, b, want)
		}
	}
}

// TestWriteNowClaimsItsPath: a path written with Write is claimed as Add
// claims it, so another file at that path fails the write.
func TestWriteNowClaimsItsPath(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	w, err := NewWriter(dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(File{Path: "a/index.html", Data: []byte("<p>一</p>")})
	w.Add(File{Path: "a/index.html", Data: []byte("<p>二</p>")})
	if _, err := w.Commit(); err == nil || !strings.Contains(err.Error(), "a/index.html") {
		t.Errorf("two files at a/index.html: err = %v", err)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("a failed write left the destination: %v", err)
	}
}
