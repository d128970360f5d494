package engine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Tree returns a Sum of the files under the entries (files or folders,
// relative to root) by name, size, modification and change time and inode,
// not by content: an unchanged tree of ten thousand files costs a stat
// each. Entries that do not exist count as absent. ok is false when the
// tree holds a link or something else Tree cannot vouch for, since a
// link's target could change without the link.
func Tree(root string, entries []string) (sum Sum, ok bool) {
	h := NewHasher().String("tree 2")
	var walk func(rel string) bool
	walk = func(rel string) bool {
		full := filepath.Join(root, rel)
		st, err := os.Lstat(full)
		if errors.Is(err, fs.ErrNotExist) {
			h.String(rel).Int(-1)
			return true
		}
		if err != nil || st.Mode()&fs.ModeSymlink != 0 {
			return false
		}
		if !st.IsDir() {
			if !st.Mode().IsRegular() {
				return false
			}
			stamp, _, _ := Stamp(st)
			h.String(rel).Sum(stamp)
			return true
		}
		names, err := readNames(full)
		if err != nil {
			return false
		}
		h.String(rel).Int(int64(len(names)))
		for _, n := range names {
			if !walk(filepath.Join(rel, n)) {
				return false
			}
		}
		return true
	}
	for _, e := range entries {
		if !walk(e) {
			return Sum{}, false
		}
	}
	return h.Done(), true
}

func readNames(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	sort.Strings(names)
	return names, err
}

// Stamp names a file by its size, modification and change times and
// inode, as Tree does each file, and says when it last changed: the later
// of its two times. ok is false where the system gives no change time:
// there, a file edited with its old modification time put back would keep
// its stamp.
//
// A stamp stands for a content only once the file has settled: a file
// written twice within one tick of the file system's clock, at the same
// size, keeps its stamp with other text. A caller that keeps what it read
// under a stamp does so only for files that changed well before it read
// them (the way git treats a file changed as its index was written).
func Stamp(st fs.FileInfo) (s Sum, changed time.Time, ok bool) {
	ctime, ino := statExtra(st)
	s = NewHasher().String("stamp 1").Int(st.Size()).Int(st.ModTime().UnixNano()).Int(ctime).Int(ino).Done()
	changed = st.ModTime()
	if c := time.Unix(0, ctime); c.After(changed) {
		changed = c
	}
	return s, changed, ctime != 0
}
