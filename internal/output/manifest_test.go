package output

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"alliance/internal/testkit/testfs"
)

// inode returns what p is on disk, to compare with os.SameFile, and its
// modification time.
func inode(t *testing.T, p string) (os.FileInfo, time.Time) {
	t.Helper()
	st, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st, st.ModTime()
}

func TestRebuildReusesUnchangedFilesOnly(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	src := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(src, []byte("%PDF first"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := func(b string) []File {
		return []File{
			{Path: "same/index.html", Data: []byte("<p>不变</p>")},
			{Path: "changed/index.html", Data: []byte("<p>" + b + "</p>")},
			{Path: "files/report.pdf", Src: src},
		}
	}
	if _, err := Write(dest, files("第一版"), nil); err != nil {
		t.Fatal(err)
	}
	sameIno, sameTime := inode(t, filepath.Join(dest, "same/index.html"))
	changedIno, _ := inode(t, filepath.Join(dest, "changed/index.html"))
	pdfIno, _ := inode(t, filepath.Join(dest, "files/report.pdf"))

	st, err := Write(dest, files("第二版"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused != 2 || st.Files != 3 {
		t.Errorf("stats %+v, want 3 files of which 2 reused", st)
	}
	if ino, mt := inode(t, filepath.Join(dest, "same/index.html")); !os.SameFile(ino, sameIno) || !mt.Equal(sameTime) {
		t.Error("an unchanged page was written again instead of linked: its inode or time changed")
	}
	if ino, _ := inode(t, filepath.Join(dest, "changed/index.html")); os.SameFile(ino, changedIno) {
		t.Error("a changed page kept the previous build's file")
	}
	if got := testfs.Read(t, filepath.Join(dest, "changed/index.html")); got != "<p>第二版</p>" {
		t.Errorf("changed page holds %q", got)
	}
	if ino, _ := inode(t, filepath.Join(dest, "files/report.pdf")); !os.SameFile(ino, pdfIno) {
		t.Error("an unchanged attachment was copied again")
	}

	// A new source (different size and time) is copied afresh.
	if err := os.WriteFile(src, []byte("%PDF second, longer"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dest, files("第二版"), nil); err != nil {
		t.Fatal(err)
	}
	if got := testfs.Read(t, filepath.Join(dest, "files/report.pdf")); got != "%PDF second, longer" {
		t.Errorf("attachment holds %q after its source changed", got)
	}
}

func TestRebuildDoesNotCarryOverHandEdits(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := []File{{Path: "a/index.html", Data: []byte("<p>原文</p>")}, {Path: "b/index.html", Data: []byte("<p>乙</p>")}}
	if _, err := Write(dest, files, nil); err != nil {
		t.Fatal(err)
	}
	// Someone edits the output by hand, keeping the size, and makes b a
	// symlink to a file outside the folder.
	a := filepath.Join(dest, "a/index.html")
	if err := os.WriteFile(a, []byte("<p>改文</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, time.Now(), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(outside, []byte("<p>乙</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := filepath.Join(dest, "b/index.html")
	os.Remove(b)
	if err := os.Symlink(outside, b); err != nil {
		t.Fatal(err)
	}
	st, err := Write(dest, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused != 0 {
		t.Errorf("%d files reused from an edited output", st.Reused)
	}
	if got := testfs.Read(t, a); got != "<p>原文</p>" {
		t.Errorf("hand edit survived the build: %q", got)
	}
	if fi, err := os.Lstat(b); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("b is not a regular file after the build: %v %v", fi, err)
	}
}

func TestUnreadableManifestMeansNoReuse(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := []File{{Path: "a.txt", Data: []byte("甲")}}
	if _, err := Write(dest, files, nil); err != nil {
		t.Fatal(err)
	}
	m := readManifest(dest)
	if e, ok := m.files["a.txt"]; !ok || e.sum != sumOf([]byte("甲")) || e.size != int64(len("甲")) {
		t.Fatalf("manifest after a build: %+v", m)
	}
	// A marker from an older build, without a manifest, or a damaged one.
	for _, marker := range []string{markerText, markerText + manifestHeader + "garbage\n", markerText + manifestHeader + "x\ty\tz\ta.txt\n"} {
		if err := os.WriteFile(filepath.Join(dest, Marker), []byte(marker), 0o644); err != nil {
			t.Fatal(err)
		}
		st, err := Write(dest, files, nil)
		if err != nil {
			t.Fatalf("marker %q: %v", marker, err)
		}
		if st.Reused != 0 {
			t.Errorf("marker %q: %d files reused", marker, st.Reused)
		}
		if got := testfs.Read(t, filepath.Join(dest, "a.txt")); got != "甲" {
			t.Errorf("a.txt holds %q", got)
		}
	}
}

// TestRebuildInPlace: a rebuild over a folder with a manifest leaves
// unchanged files where they are, moves changed ones in and deletes what
// the build no longer makes, including files put there by hand.
func TestRebuildInPlace(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first := []File{
		{Path: "index.html", Data: []byte("首页")},
		{Path: "notices/a/index.html", Data: []byte("甲")},
		{Path: "notices/b/index.html", Data: []byte("乙")},
		{Path: "notices/b/deep/file.txt", Data: []byte("深")},
	}
	if _, err := Write(dest, first, nil); err != nil {
		t.Fatal(err)
	}
	root, _ := inode(t, dest)
	if err := os.WriteFile(filepath.Join(dest, "by-hand.txt"), []byte("手工"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A link put there by hand to a folder elsewhere goes; what it points
	// to stays.
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "keep.txt"), []byte("留"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dest, "notices", "link")); err != nil {
		t.Fatal(err)
	}
	second := []File{
		{Path: "index.html", Data: []byte("首页")},
		{Path: "notices/a/index.html", Data: []byte("甲（改）")},
		{Path: "notices/c/index.html", Data: []byte("丙")},
	}
	st, err := Write(dest, second, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused != 1 || st.Files != 3 {
		t.Errorf("stats %+v, want 3 files, 1 unchanged", st)
	}
	if now, _ := inode(t, dest); !os.SameFile(root, now) {
		t.Error("the folder was swapped, not updated in place")
	}
	for p, want := range map[string]string{"index.html": "首页", "notices/a/index.html": "甲（改）", "notices/c/index.html": "丙"} {
		if got := testfs.Read(t, filepath.Join(dest, p)); got != want {
			t.Errorf("%s holds %q, want %q", p, got, want)
		}
	}
	if got := testfs.Read(t, filepath.Join(outside, "keep.txt")); got != "留" {
		t.Errorf("the file a removed link pointed to holds %q", got)
	}
	for _, gone := range []string{"notices/b", "by-hand.txt", "notices/link"} {
		if _, err := os.Lstat(filepath.Join(dest, gone)); !os.IsNotExist(err) {
			t.Errorf("%s is still there after the rebuild", gone)
		}
	}
	if m := readManifest(dest); len(m.files) != 3 || m.files["notices/c/index.html"].sum != sumOf([]byte("丙")) {
		t.Errorf("manifest after the rebuild: %+v", m.files)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.*"))
	if len(leftovers) != 0 {
		t.Errorf("left beside the destination: %v", leftovers)
	}
}

// TestRebuildInPlaceFallsBackToSwap: when a file stands where a folder must
// go, a folder where a file must go, or a link where a folder is, the
// rebuild swaps a new folder in whole, and writes nothing through the link.
func TestRebuildInPlaceFallsBackToSwap(t *testing.T) {
	outside := t.TempDir()
	cases := []struct {
		name          string
		first, second []File
		prepare       func(dest string)
	}{
		{"file becomes folder",
			[]File{{Path: "x", Data: []byte("文件")}, {Path: "keep.html", Data: []byte("留")}},
			[]File{{Path: "x/index.html", Data: []byte("目录")}, {Path: "keep.html", Data: []byte("留")}}, nil},
		{"folder becomes file",
			[]File{{Path: "y/index.html", Data: []byte("目录")}, {Path: "keep.html", Data: []byte("留")}},
			[]File{{Path: "y", Data: []byte("文件")}, {Path: "keep.html", Data: []byte("留")}}, nil},
		{"link to a folder outside",
			[]File{{Path: "keep.html", Data: []byte("留")}},
			[]File{{Path: "z/page.html", Data: []byte("新")}, {Path: "keep.html", Data: []byte("留")}},
			func(dest string) {
				if err := os.Symlink(outside, filepath.Join(dest, "z")); err != nil {
					t.Fatal(err)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Write(dest, c.first, nil); err != nil {
				t.Fatal(err)
			}
			if c.prepare != nil {
				c.prepare(dest)
			}
			st, err := Write(dest, c.second, nil)
			if err != nil {
				t.Fatal(err)
			}
			if st.Reused != 1 {
				t.Errorf("%d files reused, want keep.html", st.Reused)
			}
			for _, f := range c.second {
				if got := testfs.Read(t, filepath.Join(dest, f.Path)); got != string(f.Data) {
					t.Errorf("%s holds %q", f.Path, got)
				}
			}
			if fi, err := os.Lstat(filepath.Join(dest, "z")); err == nil && fi.Mode()&os.ModeSymlink != 0 {
				t.Error("the link is still in the built folder")
			}
		})
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("the build wrote through a link into %s: %v", outside, entries)
	}
}

// TestManifestNamesEveryFile: a path with a tab, a line break or a
// leading quote in it (an attachment's name) is in the manifest like any
// other, so the next build reuses it and the one after that removes it
// when it is no longer made.
func TestManifestNamesEveryFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	odd := []string{"files/a\tb.txt", "files/c\nd.txt", "files/\"q\".txt"}
	files := []File{{Path: "index.html", Data: []byte("首页")}}
	for _, p := range odd {
		files = append(files, File{Path: p, Data: []byte("附件 " + p)})
	}
	for i := range 2 {
		st, err := Write(dest, files, nil)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && st.Reused != len(files) {
			t.Errorf("second build reused %d files, want all %d", st.Reused, len(files))
		}
		m := readManifest(dest)
		for _, f := range files {
			if e, ok := m.files[f.Path]; !ok || e.sum != sumOf(f.Data) {
				t.Errorf("manifest has %q as %+v, %v", f.Path, e, ok)
			}
			if got := testfs.Read(t, filepath.Join(dest, filepath.FromSlash(f.Path))); got != string(f.Data) {
				t.Errorf("%q holds %q", f.Path, got)
			}
		}
	}
	if _, err := Write(dest, files[:1], nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range odd {
		if _, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(p))); !os.IsNotExist(err) {
			t.Errorf("%q is still there after a build that no longer makes it", p)
		}
	}
}

// TestFilesUnderReadsOnlyChangedFolders: a folder whose time says nothing
// was added to or removed from it since the manifest was written is taken
// as the manifest lists it, unread; one changed since is read, and a file
// put there by hand is found.
func TestFilesUnderReadsOnlyChangedFolders(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Write(dest, []File{
		{Path: "a/x.html", Data: []byte("甲")},
		{Path: "b/y.html", Data: []byte("乙")},
		{Path: "c/d/z.html", Data: []byte("丙")},
	}, nil); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	setTime := func(rel string, at time.Time) {
		t.Helper()
		if err := os.Chtimes(filepath.Join(dest, filepath.FromSlash(rel)), at, at); err != nil {
			t.Fatal(err)
		}
	}
	// b loses its file unseen: its time is put back, as if untouched.
	if err := os.Remove(filepath.Join(dest, "b", "y.html")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{".", "a", "b", "c", "c/d"} {
		setTime(d, old)
	}
	setTime(Marker, old.Add(time.Hour))
	// a gains a file by hand, now: after the manifest.
	if err := os.WriteFile(filepath.Join(dest, "a", "hand.txt"), []byte("手工"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := filesUnder(dest, readManifest(dest))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	// b/y.html is listed from the manifest: b was not read.
	want := []string{"a/hand.txt", "a/x.html", "b/y.html", "c/d/z.html"}
	if !slices.Equal(got, want) {
		t.Errorf("filesUnder = %q, want %q", got, want)
	}
	// Without a manifest every folder is read.
	got, err = filesUnder(dest, manifest{})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if want := []string{Marker, "a/hand.txt", "a/x.html", "c/d/z.html"}; !slices.Equal(got, want) {
		t.Errorf("filesUnder without a manifest = %q, want %q", got, want)
	}
}

// TestContentsNamesTheBytesOnDisk checks that Contents gives a content hash
// for every file: the manifest's for written files, a fresh one for copied
// sources and for a file changed after the build.
func TestContentsNamesTheBytesOnDisk(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if _, err := Contents(dest); err == nil {
		t.Error("Contents of a folder without a build gave no error")
	}
	src := filepath.Join(dir, "report.pdf")
	testfs.Write(t, src, "%PDF")
	if _, err := Write(dest, []File{{Path: "a/index.html", Data: []byte("<p>甲</p>")}, {Path: "files/report.pdf", Src: src}}, nil); err != nil {
		t.Fatal(err)
	}
	cs, err := Contents(dest)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Content{
		"a/index.html":     {Sum: sumOf([]byte("<p>甲</p>")), Size: int64(len("<p>甲</p>"))},
		"files/report.pdf": {Sum: sumOf([]byte("%PDF")), Size: 4},
	}
	for p, c := range want {
		if cs[p] != c {
			t.Errorf("%s: %+v, want %+v", p, cs[p], c)
		}
	}
	// Edited by hand after the build (a later time, another size).
	time.Sleep(10 * time.Millisecond)
	testfs.Write(t, filepath.Join(dest, "a/index.html"), "<p>手改</p>!")
	cs, err = Contents(dest)
	if err != nil {
		t.Fatal(err)
	}
	if c := cs["a/index.html"]; c.Sum != sumOf([]byte("<p>手改</p>!")) {
		t.Errorf("a file edited after the build: %+v", c)
	}
	if err := os.Remove(filepath.Join(dest, "files/report.pdf")); err != nil {
		t.Fatal(err)
	}
	if _, err := Contents(dest); err == nil {
		t.Error("a file the manifest names but the folder lacks gave no error")
	}
}

// TestManifestIsSortedByPath: the same files written in another order give
// the same manifest, byte for byte, its lines sorted by path.
func TestManifestIsSortedByPath(t *testing.T) {
	files := []File{
		{Path: "b/index.html", Data: []byte("乙")},
		{Path: "a/index.html", Data: []byte("甲")},
		{Path: "c.txt", Data: []byte("丙")},
		{Path: "a/b.txt", Data: []byte("丁")},
	}
	var manifests []string
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}} {
		dest := filepath.Join(t.TempDir(), "public")
		w, err := NewWriter(dest, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range order {
			w.Add(files[i])
		}
		if _, err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		manifests = append(manifests, testfs.Read(t, filepath.Join(dest, Marker)))
	}
	if manifests[0] != manifests[1] {
		t.Errorf("the same files in another order give another manifest:\n%s\n---\n%s", manifests[0], manifests[1])
	}
	var paths []string
	for _, line := range strings.Split(strings.TrimSpace(manifests[0]), "\n")[2:] {
		f := strings.Split(line, "\t")
		paths = append(paths, f[len(f)-1])
	}
	if !slices.IsSorted(paths) || len(paths) != len(files) {
		t.Errorf("manifest paths %q, want all %d sorted", paths, len(files))
	}
}
