package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestProgressNeverInPipes checks that the progress line stays out of output
// that is not a terminal: buffers, files and pipes.
func TestProgressNeverInPipes(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	for _, w := range []io.Writer{&buf, f} {
		if p := newProgress(w, &buf); p != nil {
			t.Errorf("progress shown for %T", w)
		}
	}
	var p *progress
	p.Stage("loading") // a nil progress does nothing
	p.Stop()
	var out, errOut bytes.Buffer
	if code := runBuild([]string{"--source", "../..", "--destination", filepath.Join(t.TempDir(), "public")}, &out, &errOut); code != 0 {
		t.Fatalf("build failed: %s", errOut.String())
	}
	if bytes.Contains(errOut.Bytes(), []byte("\r")) || bytes.Contains(out.Bytes(), []byte("\r")) {
		t.Errorf("progress line in non-terminal output: %q %q", out.String(), errOut.String())
	}
}
