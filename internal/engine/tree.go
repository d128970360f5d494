package engine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Tree returns a Sum of the files under the entries (files or folders,
// relative to root) by name, size, modification and change time and inode,
// not by content: an unchanged tree of ten thousand files costs a stat
// each. Entries that do not exist count as absent. ok is false when the
// tree holds a link or something else Tree cannot vouch for, since a
// link's target could change without the link.
func Tree(root string, entries []string) (sum Sum, ok bool) {
	h := NewHasher().String("tree 1")
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
			ctime, ino := statExtra(st)
			h.String(rel).Int(st.Size()).Int(st.ModTime().UnixNano()).Int(ctime).Int(ino)
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
