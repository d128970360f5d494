//go:build !unix

package rawfile

import "os"

// WriteFile creates or truncates name and writes data to it, with mode 0644.
func WriteFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// ReadFile returns the content of name.
func ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// ReadFileMax is ReadFile for a file of at most max bytes (no limit when max
// is negative); a larger file is not read and gives a *TooLargeError.
func ReadFileMax(name string, max int64) ([]byte, error) {
	if st, err := os.Stat(name); err == nil && max >= 0 && st.Size() > max {
		return nil, &TooLargeError{Name: name, Size: st.Size(), Max: max}
	}
	return os.ReadFile(name)
}
