package output

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"alliance/internal/diag"
)

// commitDry gives files to a dry writer and returns its error.
func commitDry(files []File) (Stats, error) {
	w := NewDryWriter(NewMinifier())
	w.Add(files...)
	return w.Commit()
}

// TestClashesNameBothSources checks that outputs which cannot both be
// written are reported naming both sources, the same whatever order they
// come in, by a dry run as by a write, which then writes nothing.
func TestClashesNameBothSources(t *testing.T) {
	cases := []struct {
		name  string
		files []File
		want  []string // in the one error line
	}{
		{"same file", []File{
			{Path: "directories/yichang/index.html", Data: []byte("a"), Source: "data/alliances/YiChang.toml"},
			{Path: "directories/yichang/yichang.csv", Data: []byte("a"), Source: "data/alliances/YiChang.toml"},
			{Path: "directories/yichang/index.html", Data: []byte("b"), Source: "data/alliances/yichang.toml"},
			{Path: "directories/yichang/yichang.csv", Data: []byte("b"), Source: "data/alliances/yichang.toml"},
		}, []string{"data/alliances/YiChang.toml: ", "two outputs want the same file directories/yichang/index.html (and 1 more)", "data/alliances/yichang.toml"}},
		{"a file the build makes", []File{
			{Path: "search/meta.json", Data: []byte("{}")},
			{Path: "search/meta.json", Data: []byte("{}"), Source: "static/search/meta.json"},
		}, []string{"static/search/meta.json: ", "search/meta.json", "made by the build itself"}},
		{"names differing in case", []File{
			{Path: "Logo.png", Data: []byte("a"), Source: "static/Logo.png"},
			{Path: "logo.png", Data: []byte("b"), Source: "themes/default/static/logo.png"},
		}, []string{"static/Logo.png: ", "upper and lower case", "themes/default/static/logo.png"}},
		{"file where a folder must be", []File{
			{Path: "notices", Data: []byte("x"), Source: "static/notices"},
			{Path: "notices/a/index.html", Data: []byte("a"), Source: "content/notices/a.md"},
			{Path: "notices/b/index.html", Data: []byte("b"), Source: "content/notices/b.md"},
		}, []string{"static/notices: ", "notices is a file", "content/notices/a.md", "and 1 more files", "must go in a folder"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reversed := slices.Clone(tc.files)
			slices.Reverse(reversed)
			var msgs []string
			for _, files := range [][]File{tc.files, reversed} {
				_, err := commitDry(files)
				var errs diag.Errors
				if !errors.As(err, &errs) || len(errs) != 1 {
					t.Fatalf("dry run: err = %v, want one problem", err)
				}
				for _, w := range tc.want {
					if !strings.Contains(errs[0].Error(), w) {
						t.Errorf("%q lacks %q", errs[0].Error(), w)
					}
				}
				msgs = append(msgs, errs[0].Error())
				parent := t.TempDir()
				_, err = Write(filepath.Join(parent, "public"), files, nil)
				if err == nil || err.Error() != errs[0].Error() {
					t.Errorf("write: err = %v, want what the dry run said: %v", err, errs[0])
				}
				if entries, _ := os.ReadDir(parent); len(entries) != 0 {
					t.Errorf("the refused write left %v", entries)
				}
			}
			if msgs[0] != msgs[1] {
				t.Errorf("the message depends on the order of the files:\n%s\n%s", msgs[0], msgs[1])
			}
		})
	}
}

// TestDryWriterRunsTheWritersChecks checks that a dry run fails where a
// write fails, and counts what a write would write.
func TestDryWriterRunsTheWritersChecks(t *testing.T) {
	for _, f := range []File{
		{Path: "../escape.txt", Data: []byte("x")},
		{Path: Marker, Data: []byte("x")},
		{Path: "js/broken.js", Data: []byte("function ( {")},
		{Path: "gone.pdf", Src: filepath.Join(t.TempDir(), "gone.pdf")},
	} {
		if _, err := commitDry([]File{f}); err == nil {
			t.Errorf("%s: the dry run accepted it", f.Path)
		}
		if _, err := Write(filepath.Join(t.TempDir(), "public"), []File{f}, NewMinifier()); err == nil {
			t.Errorf("%s: the write accepted it", f.Path)
		}
	}
	st, err := commitDry([]File{{Path: "a/index.html", Data: []byte("<p>  一  </p>")}, {Path: "b.txt", Data: []byte("bb")}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Files: 2, Bytes: int64(len("<p>一</p>") + 2)}); st.Files != want.Files || st.Bytes != want.Bytes || st.Reused != 0 {
		t.Errorf("dry run stats %+v, want %+v", st, want)
	}
}
