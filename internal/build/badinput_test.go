package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"alliance/internal/diag"
	"alliance/internal/testkit/testfs"
)

const goodNotice = `+++
title = "测试通知"
date = 2024-01-02
+++
正文。
`

// TestBadInput breaks one file of the example site per case and checks the
// build fails with a message naming the file, the line and what is wrong.
func TestBadInput(t *testing.T) {
	for _, tc := range badCases {
		t.Run(tc.name, func(t *testing.T) {
			src := copySite(t)
			tc.write(t, src)
			dest := filepath.Join(t.TempDir(), "public")
			_, err := Run(Options{Source: src, Destination: dest, Now: fixedNow})
			var errs diag.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("build error = %v, want a list of problems", err)
			}
			msg := err.Error()
			for _, line := range strings.Split(msg, "\n") {
				ok := true
				for _, w := range tc.want {
					if !strings.Contains(line, w) {
						ok = false
					}
				}
				if ok {
					if !strings.Contains(line, "(") {
						t.Errorf("message has no hint on how to fix it: %s", line)
					}
					if _, err := os.Stat(dest); err == nil {
						t.Error("a failed build created the destination")
					}
					return
				}
			}
			t.Errorf("no error line contains all of %q; got:\n%s", tc.want, msg)
		})
	}
}

func TestWarningsDoNotStopTheBuild(t *testing.T) {
	cases := []struct {
		name, file string
		body       []byte
		want       string
	}{
		{"GB18030 file is converted", "content/notices/gbk.md", gb18030(t, "+++\ntitle = \"国标编码的通知\"\ndate = 2024-01-02\n+++\n正文。\n"), "iconv -f GB18030 -t UTF-8"},
		{"document number with [] ", "content/notices/brackets.md", []byte("+++\ntitle = \"括号\"\ndate = 2024-01-02\ndoc_number = \"枣教字[2021]10号\"\n+++\n"), "〔〕"},
		{"base_url without host", "site.toml", []byte("title = \"站\"\nbase_url = \"/sub/\"\n"), "has no host name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := copySite(t)
			if err := os.WriteFile(filepath.Join(src, tc.file), tc.body, 0o644); err != nil {
				t.Fatal(err)
			}
			sum, err := Run(Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), Now: fixedNow})
			if err != nil {
				t.Fatalf("a warning stopped the build: %v", err)
			}
			for _, w := range sum.Warnings {
				if w.File == tc.file && strings.Contains(w.Error(), tc.want) {
					return
				}
			}
			t.Errorf("no warning for %s mentioning %q; got %v", tc.file, tc.want, sum.Warnings)
		})
	}
}

func TestBOMAndCRLFAreAcceptedSilently(t *testing.T) {
	src := copySite(t)
	body := "\xEF\xBB\xBF" + strings.ReplaceAll("+++\ntitle = \"带BOM的通知\"\ndate = 2024-01-02\n+++\n第一段\n文字。\n", "\n", "\r\n")
	testfs.Write(t, filepath.Join(src, "content/notices/bom.md"), body)
	dest := filepath.Join(t.TempDir(), "public")
	sum, err := Run(Options{Source: src, Destination: dest, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range sum.Warnings {
		if w.File == "content/notices/bom.md" {
			t.Errorf("unexpected warning: %v", w)
		}
	}
	page := testfs.Read(t, filepath.Join(dest, "notices/bom/index.html"))
	if !strings.Contains(page, "<h1>带BOM的通知</h1>") || !strings.Contains(page, "第一段文字。") {
		t.Errorf("BOM/CRLF notice rendered wrongly")
	}
}

func gb18030(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// treeHash fingerprints every file under dir, names and contents.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	for _, p := range paths {
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel))
		h.Write([]byte(testfs.Read(t, p)))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestFailedBuildLeavesPreviousSiteUntouched(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dest)
	testfs.Write(t, filepath.Join(src, "content/notices/new.md"), goodNotice)
	testfs.Write(t, filepath.Join(src, "content/notices/broken.md"), "+++\ntitle = \"坏\"\n+++\n")
	if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow}); err == nil {
		t.Fatal("build with a broken notice succeeded")
	}
	if after := treeHash(t, dest); after != before {
		t.Error("the failed build changed the previous public/")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		if e.Name() != "public" {
			t.Errorf("the failed build left %s beside the destination", e.Name())
		}
	}
	// A build that then succeeds replaces it.
	os.Remove(filepath.Join(src, "content/notices/broken.md"))
	if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "notices/new/index.html")); err != nil {
		t.Error("the next good build did not publish the new notice")
	}
}

func TestBuildRefusesForeignDestination(t *testing.T) {
	src := copySite(t)
	dest := t.TempDir()
	testfs.Write(t, filepath.Join(dest, "thesis.docx"), "precious")
	if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow}); err == nil || !strings.Contains(err.Error(), "did not write") {
		t.Fatalf("build into a folder of someone else's files: err = %v", err)
	}
	if testfs.Read(t, filepath.Join(dest, "thesis.docx")) != "precious" {
		t.Error("the foreign file was touched")
	}
	if _, err := Run(Options{Source: src, Destination: src, Now: fixedNow}); err == nil {
		t.Error("build into the site folder itself was allowed")
	}
	if _, err := Run(Options{Source: src, Destination: filepath.Join(src, "content"), Now: fixedNow}); err == nil {
		t.Error("build into content/ was allowed")
	}
}
