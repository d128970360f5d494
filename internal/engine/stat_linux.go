package engine

import (
	"io/fs"
	"syscall"
)

// statExtra returns a file's change time and inode, which change when a
// file is replaced or edited even with its old modification time put back.
func statExtra(st fs.FileInfo) (ctime, ino int64) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return s.Ctim.Nano(), int64(s.Ino)
	}
	return 0, 0
}
