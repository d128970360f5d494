//go:build unix

package rawfile

import (
	"io"
	"io/fs"
	"syscall"
)

// WriteFile creates or truncates name and writes data to it, with mode 0644:
// open, write and close.
func WriteFile(name string, data []byte) error {
	fd, err := retry(func() (int, error) {
		return syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := retry(func() (int, error) { return syscall.Write(fd, data) })
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// ReadFile returns the content of name: open, stat, read to the end, close.
func ReadFile(name string) ([]byte, error) { return ReadFileMax(name, -1) }

// ReadFileMax is ReadFile for a file of at most max bytes (no limit when max
// is negative); a larger file is not read and gives a *TooLargeError.
func ReadFileMax(name string, max int64) ([]byte, error) {
	fd, err := retry(func() (int, error) { return syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0) })
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return nil, &fs.PathError{Op: "read", Path: name, Err: syscall.EISDIR}
	}
	if max >= 0 && st.Size > max {
		return nil, &TooLargeError{Name: name, Size: st.Size, Max: max}
	}
	size := int(st.Size)
	if size < 512 {
		size = 512
	}
	data := make([]byte, 0, size+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := retry(func() (int, error) { return syscall.Read(fd, data[len(data):cap(data)]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
		if max >= 0 && int64(len(data)) > max {
			return nil, &TooLargeError{Name: name, Size: int64(len(data)), Max: max}
		}
	}
}

// retry repeats a call interrupted by a signal.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
