package build

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"alliance/internal/engine"
)

func TestZZProf(t *testing.T) {
	src := os.Getenv("PROF_SITE")
	if src == "" {
		t.Skip()
	}
	dest := os.Getenv("PROF_DEST")
	last := time.Now()
	sum, err := Run(Options{Source: src, Destination: dest, Store: engine.Open(filepath.Join(src, engine.Dir), engine.Version()), Progress: func(s string) { t.Log(time.Since(last), s); last = time.Now() }})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(sum.Files, sum.Reused, sum.Rendered, sum.Duration)
	n := 0
	for _, w := range sum.Written {
		if len(w) > 5 && w[len(w)-5:] == ".html" {
			n++
			if n < 40 {
				t.Log("written", w)
			}
		}
	}
	t.Log("html written", n)
}
