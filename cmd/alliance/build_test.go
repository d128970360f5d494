package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"alliance/internal/output"
)

func runT(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpExplainsCommands(t *testing.T) {
	code, out, _ := runT("help")
	if code != 0 || !strings.Contains(out, "build") || !strings.Contains(out, "Usage:") {
		t.Errorf("help: code %d, output %q", code, out)
	}
	code, out, _ = runT("help", "build")
	if code != 0 {
		t.Errorf("help build exit code %d", code)
	}
	for _, flag := range []string{"--source", "--destination", "--base-url", "--drafts"} {
		if !strings.Contains(out, strings.TrimPrefix(flag, "-")) {
			t.Errorf("help build does not explain %s:\n%s", flag, out)
		}
	}
	if code, _, errOut := runT("frobnicate"); code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: code %d, stderr %q", code, errOut)
	}
}

func TestBuildCommandSummaryAndFailure(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "out")
	code, out, errOut := runT("build", "--source", "../..", "--destination", dest)
	if code != 0 {
		t.Fatalf("build failed (%d): %s", code, errOut)
	}
	if !regexp.MustCompile(`^built \d+ notices?, \d+ reports?, \d+ pages?, \d+ director(y|ies), \d+ templates?, \d+ tags?: \d+ HTML pages?, \d+ files? \(.+\) in \S+`).MatchString(out) {
		t.Errorf("summary line = %q", out)
	}
	// A broken site: exit 1, every error on stderr, the previous output kept.
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "site.toml"), []byte("title = \"坏\"\nbase_url = \"ftp://x/\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runT("build", "--source", src, "--destination", dest)
	if code != 1 || !strings.Contains(errOut, "error: site.toml:2: base_url") || !strings.Contains(errOut, "left as it was") {
		t.Errorf("broken build: code %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Error("the failed build removed the previous site")
	}
}

// After a failed write that changed the destination, stderr does not claim
// the previous site was left as it was.
func TestFailureSaysWhetherTheSiteWasKept(t *testing.T) {
	changed := fmt.Errorf("updating public: disk full; the previous files are in .public.old-1: %w", output.ErrDestChanged)
	if got := failure(changed); strings.Contains(got, "left as it was") || !strings.Contains(got, ".public.old-1") {
		t.Errorf("failure(changed) = %q", got)
	}
	if got := failure(errors.New("disk full")); !strings.Contains(got, "left as it was") {
		t.Errorf("failure(unchanged) = %q", got)
	}
}
