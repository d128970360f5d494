package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// failRenames makes every rename for which fail is true fail, until the
// returned function is called or the test ends.
func failRenames(t *testing.T, fail func(from, to string) bool) (restore func()) {
	prev := rename
	rename = func(from, to string) error {
		if fail(from, to) {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("injected failure")}
		}
		return prev(from, to)
	}
	restore = func() { rename = prev }
	t.Cleanup(restore)
	return restore
}

// tree reads every file under dir but the marker, by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		if rel != Marker {
			b, err := os.ReadFile(name)
			m[filepath.ToSlash(rel)] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func files(m map[string]string) []File {
	var out []File
	for p, s := range m {
		out = append(out, File{Path: p, Data: []byte(s)})
	}
	return out
}

// olds returns the folders beside dest that hold a previous site.
func olds(t *testing.T, dest string) []string {
	t.Helper()
	found, err := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".old-*"))
	if err != nil {
		t.Fatal(err)
	}
	return found
}

var (
	v1 = map[string]string{"a.html": "1", "b/c.html": "1", "gone.html": "1"}
	v2 = map[string]string{"a.html": "2", "b/c.html": "2", "new/d.html": "2"}
)

// first writes v1 into a fresh destination.
func first(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Write(dest, files(v1), nil); err != nil {
		t.Fatal(err)
	}
	return dest
}

func sameTree(t *testing.T, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("destination holds %v, want %v", got, want)
		return
	}
	for p, s := range want {
		if got[p] != s {
			t.Errorf("destination holds %v, want %v", got, want)
			return
		}
	}
}

// A move that fails halfway through an update in place puts the previous
// site back, and the error says so.
func TestFailedUpdatePutsThePreviousSiteBack(t *testing.T) {
	dest := first(t)
	restore := failRenames(t, func(from, to string) bool {
		return strings.HasSuffix(to, filepath.FromSlash("public/b/c.html")) && strings.Contains(from, ".new-")
	})
	_, err := Write(dest, files(v2), nil)
	if err == nil || errors.Is(err, ErrDestChanged) || !strings.Contains(err.Error(), "put back") || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("err = %v, want the injected failure and that the previous site was put back", err)
	}
	sameTree(t, tree(t, dest), v1)
	if _, err := os.Stat(filepath.Join(dest, "new")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the folder made for a new file was left behind")
	}
	if o := olds(t, dest); len(o) != 0 {
		t.Errorf("left %v beside the destination", o)
	}
	// The next build still updates in place.
	restore()
	if _, err := Write(dest, files(v2), nil); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, dest), v2)
}

// When putting the previous site back fails too, the error says the
// destination is partly updated and names the folder holding the previous
// files.
func TestFailedUndoSaysWhereThePreviousFilesAre(t *testing.T) {
	dest := first(t)
	failRenames(t, func(from, to string) bool {
		return strings.HasSuffix(to, filepath.FromSlash("public/b/c.html")) || strings.Contains(from, ".old-")
	})
	_, err := Write(dest, files(v2), nil)
	if !errors.Is(err, ErrDestChanged) {
		t.Fatalf("err = %v, want one marked ErrDestChanged", err)
	}
	o := olds(t, dest)
	if len(o) != 1 || !strings.Contains(err.Error(), o[0]) || !strings.Contains(err.Error(), "partly updated") {
		t.Fatalf("err = %v; folders beside the destination %v: want the message to name the one with the previous files", err, o)
	}
	if got := tree(t, o[0]); got["a.html"] != "1" || got["b/c.html"] != "1" {
		t.Errorf("%s holds %v, want the previous a.html and b/c.html", o[0], got)
	}
}

// A swap whose new folder cannot be moved in puts the previous one back, or,
// when that fails too, says where it is.
func TestFailedSwapSaysWhereThePreviousSiteIs(t *testing.T) {
	// A file where the new site needs a folder makes the writer swap.
	blocked := map[string]string{"a.html/index.html": "2"}
	dest := first(t)
	restore := failRenames(t, func(from, to string) bool { return strings.Contains(from, ".new-") && to == dest })
	if _, err := Write(dest, files(blocked), nil); err == nil || errors.Is(err, ErrDestChanged) {
		t.Fatalf("err = %v, want an error that leaves the destination as it was", err)
	}
	sameTree(t, tree(t, dest), v1)
	restore()

	failRenames(t, func(from, to string) bool { return to == dest })
	_, err := Write(dest, files(blocked), nil)
	o := olds(t, dest)
	if !errors.Is(err, ErrDestChanged) || len(o) != 1 || !strings.Contains(err.Error(), o[0]) {
		t.Fatalf("err = %v; folders beside the destination %v: want the message to name the one with the previous site", err, o)
	}
	sameTree(t, tree(t, o[0]), v1)
}

// TestUpdateNeverLeavesAPathMissing: while a rebuild moves a changed page
// into the served folder, the previous page stays at its path until the new
// one replaces it, so a browser reading the folder meanwhile (alliance
// serve) never gets a 404 for a page that exists; a failure still puts the
// previous site back.
func TestUpdateNeverLeavesAPathMissing(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	old := map[string]string{"index.html": "旧首页", "a/index.html": "旧甲", "b/index.html": "乙"}
	if _, err := Write(dest, files(old), nil); err != nil {
		t.Fatal(err)
	}
	var missing []string
	moved := 0
	failRenames(t, func(from, to string) bool {
		if rel, err := filepath.Rel(dest, to); err == nil && !strings.HasPrefix(rel, "..") && rel != Marker && old[filepath.ToSlash(rel)] != "" {
			moved++
			if _, err := os.Lstat(to); err != nil {
				missing = append(missing, rel)
			}
		}
		return false
	})
	next := map[string]string{"index.html": "新首页", "a/index.html": "新甲", "b/index.html": "乙"}
	if _, err := Write(dest, files(next), nil); err != nil {
		t.Fatal(err)
	}
	if moved != 2 || len(missing) > 0 {
		t.Errorf("%d pages moved in, %v missing from the folder just before: want 2, none missing", moved, missing)
	}
	if got := tree(t, dest); got["index.html"] != "新首页" || got["a/index.html"] != "新甲" || got["b/index.html"] != "乙" {
		t.Errorf("after the update: %v", got)
	}

	// The second page fails to move in: the first goes back as it was.
	failRenames(t, func(from, to string) bool {
		return strings.HasSuffix(to, filepath.Join("a", "index.html")) && !strings.Contains(from, ".old-")
	})
	if _, err := Write(dest, files(map[string]string{"index.html": "三", "a/index.html": "三甲", "b/index.html": "乙"}), nil); err == nil {
		t.Fatal("the update did not fail")
	}
	if got := tree(t, dest); got["index.html"] != "新首页" || got["a/index.html"] != "新甲" {
		t.Errorf("after a failed update: %v, want the previous site", got)
	}
	if o := olds(t, dest); len(o) != 0 {
		t.Errorf("backups left beside the destination: %v", o)
	}
}
