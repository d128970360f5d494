//go:build unix

package engine

import (
	"errors"
	"os"
	"syscall"
)

// mapFile maps the file name into memory, read only, so that a large pack
// costs the pages a run touches rather than a copy on the heap, where it
// would also double the garbage collector's goal. The mapping is never
// undone: blobs, and strings read from them without copying, point into
// it. The pack is therefore never truncated in place (see openPack): a pack
// written anew gets a new file.
func mapFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	if size == 0 {
		return nil, nil
	}
	if int64(int(size)) != size {
		return nil, errors.New("too large to map")
	}
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
}
