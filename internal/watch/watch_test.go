package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"alliance/internal/testkit/testfs"
)

// start watches a fresh site folder holding content/notices/a.md.
func start(t *testing.T) (string, *Watcher) { return startWith(t, 50*time.Millisecond) }

func startWith(t *testing.T, delay time.Duration) (string, *Watcher) {
	t.Helper()
	root := t.TempDir()
	testfs.Write(t, filepath.Join(root, "content", "notices", "a.md"), "+++\ntitle = \"a\"\n+++\n")
	testfs.Write(t, filepath.Join(root, "site.toml"), "title = \"t\"\n")
	w, err := New(root, []string{"site.toml", "content", "static"}, WithDelay(delay))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return root, w
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// one waits for a batch, checks it is want, and checks no other batch follows.
func one(t *testing.T, w *Watcher, want ...string) {
	t.Helper()
	select {
	case got := <-w.Batches():
		if !slices.Equal(got, want) {
			t.Fatalf("batch %q, want %q", got, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no batch; want %q", want)
	}
	none(t, w)
}

func none(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case got := <-w.Batches():
		t.Fatalf("unexpected batch %q", got)
	case <-time.After(400 * time.Millisecond):
	}
}

const a = "content/notices/a.md"

// vim: a swap file and the 4913 probe, the file renamed to a backup, a new
// file written, the backup deleted — one change to a.md.
func TestVimSave(t *testing.T) {
	root, w := start(t)
	dir := filepath.Join(root, "content", "notices")
	p := filepath.Join(dir, "a.md")
	testfs.Write(t, filepath.Join(dir, ".a.md.swp"), "swap")
	testfs.Write(t, filepath.Join(dir, "4913"), "")
	must(t, os.Remove(filepath.Join(dir, "4913")))
	must(t, os.Rename(p, p+"~"))
	testfs.Write(t, p, "+++\ntitle = \"vim\"\n+++\n")
	must(t, os.Remove(p+"~"))
	testfs.Write(t, filepath.Join(dir, ".a.md.swp"), "swap 2")
	one(t, w, a)
}

// VS Code writes the file in place: truncated, then written in pieces.
func TestVSCodeSave(t *testing.T) {
	root, w := start(t)
	f, err := os.OpenFile(filepath.Join(root, a), os.O_WRONLY|os.O_TRUNC, 0o644)
	must(t, err)
	f.WriteString("+++\ntitle = ")
	time.Sleep(5 * time.Millisecond)
	f.WriteString("\"code\"\n+++\n")
	must(t, f.Close())
	one(t, w, a)
}

// JetBrains' safe write: a temporary file, the original renamed aside, the
// temporary renamed into place, the original deleted.
func TestJetBrainsSave(t *testing.T) {
	root, w := start(t)
	p := filepath.Join(root, a)
	testfs.Write(t, p+"___jb_tmp___", "+++\ntitle = \"jb\"\n+++\n")
	must(t, os.Rename(p, p+"___jb_old___"))
	must(t, os.Rename(p+"___jb_tmp___", p))
	must(t, os.Remove(p+"___jb_old___"))
	one(t, w, a)
}

// WPS and gedit: a lock file, a temporary file renamed over the original.
func TestRenameOverSave(t *testing.T) {
	root, w := start(t)
	dir := filepath.Join(root, "content", "notices")
	testfs.Write(t, filepath.Join(dir, "~$a.md"), "lock")
	testfs.Write(t, filepath.Join(dir, ".goutputstream-X1Y2"), "+++\ntitle = \"wps\"\n+++\n")
	must(t, os.Rename(filepath.Join(dir, ".goutputstream-X1Y2"), filepath.Join(dir, "a.md")))
	testfs.Write(t, filepath.Join(dir, "wps1234.tmp"), "x")
	must(t, os.Remove(filepath.Join(dir, "~$a.md")))
	one(t, w, a)
}

// A folder created later is watched, and what was put in it at once is reported.
func TestNewFolder(t *testing.T) {
	root, w := start(t)
	testfs.Write(t, filepath.Join(root, "content", "notices", "b", "index.md"), "+++\n")
	select {
	case got := <-w.Batches():
		if !slices.Contains(got, "content/notices/b/index.md") {
			t.Fatalf("batch %q lacks the new file", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch for the new folder")
	}
	none(t, w)
	testfs.Write(t, filepath.Join(root, "content", "notices", "b", "index.md"), "+++\ntitle = \"b\"\n")
	one(t, w, "content/notices/b/index.md")
	// A top-level folder that did not exist when watching started.
	testfs.Write(t, filepath.Join(root, "static", "css", "x.css"), "a{}")
	select {
	case got := <-w.Batches():
		if !slices.Contains(got, "static/css/x.css") {
			t.Fatalf("batch %q lacks static/css/x.css", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch for the new static folder")
	}
}

// A burst of saves to several files is one batch. (The quiet period is long
// here so that a busy machine does not split the burst.)
func TestBurst(t *testing.T) {
	root, w := startWith(t, 250*time.Millisecond)
	for i := 0; i < 5; i++ {
		testfs.Write(t, filepath.Join(root, a), "+++\n")
		testfs.Write(t, filepath.Join(root, "site.toml"), "title = \"u\"\n")
		time.Sleep(10 * time.Millisecond)
	}
	one(t, w, a, "site.toml")
}

// Editors' own files and folders that are not watched make no batch.
func TestIgnored(t *testing.T) {
	root, w := start(t)
	dir := filepath.Join(root, "content", "notices")
	for _, name := range []string{".a.md.swp", "a.md~", "#a.md#", ".#a.md", "a.md.tmp", "sedAb12Cd"} {
		testfs.Write(t, filepath.Join(dir, name), "x")
	}
	testfs.Write(t, filepath.Join(root, "public", "index.html"), "x")
	testfs.Write(t, filepath.Join(root, "notes.txt"), "x")
	none(t, w)
}

func TestIgnoredNames(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "index.md": false, "main.css": false, "zaozhuang.toml": false, "sed.md": false,
		"4913": true, ".a.md.swp": true, "a.md~": true, "a.md___jb_tmp___": true, "a.md___jb_old___": true,
		"~$申请表.docx": true, ".~lock.a.docx#": true, "x.TMP": true, ".goutputstream-ABC": true, "#a.md#": true,
		"a.md.kate-swp": true, "a.crswap": true, "sedX9y8Z7": true,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
