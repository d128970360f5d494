//go:build !unix

package rawfile

import "os"

// WriteFile creates or truncates name and writes data to it, with mode 0644.
func WriteFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// ReadFile returns the content of name.
func ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }
