package engine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"alliance/internal/parallel"
)

// Tree returns a Sum of the files under the entries (files or folders,
// relative to root) by name, size, modification and change time and inode,
// not by content: an unchanged tree of ten thousand files costs a stat
// each. Entries that do not exist count as absent. ok is false when the
// tree holds a link or something else Tree cannot vouch for, since a
// link's target could change without the link.
//
// It also returns the stamp of each file (see Stamp), by its path relative
// to root with forward slashes, for a loader that takes a file unchanged
// since it was read as read without a stat of its own; files whose change
// time the system does not give are left out.
func Tree(root string, entries []string) (sum Sum, stamps map[string]FileStamp, ok bool) {
	h := NewHasher().String("tree 3")
	stamps = map[string]FileStamp{}
	// A level of the tree at a time, each entry of a level stat'ed (and a
	// folder listed) on every core, then hashed in order: ten thousand
	// notices in one folder are ten thousand stats.
	type found struct {
		st    fs.FileInfo
		names []string // a folder's entries, sorted
		err   error
	}
	level := entries
	for len(level) > 0 {
		got := make([]found, len(level))
		parallel.Each(len(level), func(i int) {
			full := filepath.Join(root, level[i])
			st, err := os.Lstat(full)
			if err == nil && st.IsDir() {
				got[i].names, err = readNames(full)
			}
			got[i].st, got[i].err = st, err
		})
		var next []string
		for i, rel := range level {
			st, err := got[i].st, got[i].err
			switch {
			case errors.Is(err, fs.ErrNotExist):
				h.String(rel).Int(-1)
			case err != nil || st.Mode()&fs.ModeSymlink != 0:
				return Sum{}, nil, false
			case st.IsDir():
				h.String(rel).Int(int64(len(got[i].names)))
				for _, n := range got[i].names {
					next = append(next, filepath.Join(rel, n))
				}
			case st.Mode().IsRegular():
				fst, known := Stamp(st)
				h.String(rel).Sum(fst.Sum)
				if known {
					stamps[filepath.ToSlash(rel)] = fst
				}
			default:
				return Sum{}, nil, false
			}
		}
		level = next
	}
	return h.Done(), stamps, true
}

// Settle is how long a file must have been unchanged, before a run
// begins, for its stamp to stand for its content in what the run keeps
// (see Stamp): well past a tick of any file system's clock.
const Settle = 3 * time.Second

// Settled reports whether every file of stamps had settled by start.
func Settled(stamps map[string]FileStamp, start time.Time) bool {
	for _, st := range stamps {
		if !st.SettledBy(start) {
			return false
		}
	}
	return true
}

// FileStamp names a file by its size, times and inode (see Stamp), and
// says when it last changed.
type FileStamp struct {
	Sum     Sum
	Changed time.Time
}

// SettledBy reports whether the file had been unchanged for Settle at
// start, so that its stamp stands for its content.
func (f FileStamp) SettledBy(start time.Time) bool { return f.Changed.Before(start.Add(-Settle)) }

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

// Stamp returns the stamp of the file st describes, as Tree takes each
// file: its size, modification and change times and inode, and the later
// of its two times. ok is false where the system gives no change time:
// there, a file edited with its old modification time put back would keep
// its stamp.
//
// A stamp stands for a content only once the file has settled: a file
// written twice within one tick of the file system's clock, at the same
// size, keeps its stamp with other text. A caller that keeps what it read
// under a stamp does so only for files settled by the time it began
// (SettledBy), the way git treats a file changed as its index was written.
func Stamp(st fs.FileInfo) (f FileStamp, ok bool) {
	ctime, ino := statExtra(st)
	h := borrow()
	f.Sum = h.String("stamp 1").Int(st.Size()).Int(st.ModTime().UnixNano()).Int(ctime).Int(ino).free()
	f.Changed = st.ModTime()
	if c := time.Unix(0, ctime); c.After(f.Changed) {
		f.Changed = c
	}
	return f, ctime != 0
}
