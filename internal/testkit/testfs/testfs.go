// Package testfs writes and reads the files of tests' site folders, failing
// the test on any error, so that a test's setup reads as the files it makes.
package testfs

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes content to path, making its folders first.
func Write(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// WriteAll writes every file of files, named by slash-separated paths
// inside dir.
func WriteAll(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		Write(t, filepath.Join(dir, filepath.FromSlash(name)), content)
	}
}

// Read returns the content of path.
func Read(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
