//go:build !unix

package engine

import "os"

// mapFile reads the file name whole where it cannot be mapped.
func mapFile(name string) ([]byte, error) { return os.ReadFile(name) }
