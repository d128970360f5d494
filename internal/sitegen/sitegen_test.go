package sitegen_test

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"alliance/internal/build"
	"alliance/internal/sitegen"
)

var small = sitegen.Options{Seed: 7, Notices: 300, Members: 1500, Reports: 40, Templates: 3, Theme: filepath.Join("..", "..", "themes", "default")}

// TestGeneratedSiteBuilds builds a small generated site: no errors, no
// warnings, and every kind of page present.
func TestGeneratedSiteBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(dir, small); err != nil {
		t.Fatal(err)
	}
	sum, err := build.Run(build.Options{Source: dir, Now: sitegen.Now})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range sum.Warnings {
		t.Errorf("warning: %s", w.Error())
	}
	if sum.Counts["notices"] < 250 || sum.Counts["reports"] != 40 || sum.Counts["directories"] != 2 || sum.Counts["templates"] != 3 {
		t.Errorf("counts %v", sum.Counts)
	}
	members := 0
	for _, d := range sum.Site.Directories {
		members += len(d.AllMembers())
	}
	if members != 1500 {
		t.Errorf("%d members, want 1500", members)
	}
	if sum.Held["draft"] == 0 || sum.Held["disclosure"] == 0 {
		t.Errorf("held %v: want some drafts and some 不予公开 notices", sum.Held)
	}
}

// TestGenerateIsDeterministic checks that one seed always gives the same site.
func TestGenerateIsDeterministic(t *testing.T) {
	o := small
	o.Notices, o.Members, o.Reports = 50, 200, 10
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, d := range []string{a, b} {
		if err := sitegen.Generate(d, o); err != nil {
			t.Fatal(err)
		}
	}
	ha, hb := treeHash(t, a), treeHash(t, b)
	if len(ha) == 0 || len(ha) != len(hb) {
		t.Fatalf("%d files against %d", len(ha), len(hb))
	}
	for p, h := range ha {
		if hb[p] != h {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	o.Seed++
	c := filepath.Join(t.TempDir(), "c")
	if err := sitegen.Generate(c, o); err != nil {
		t.Fatal(err)
	}
	if treeHash(t, c)["content/notices/n-00001.md"] == ha["content/notices/n-00001.md"] {
		t.Error("another seed gave the same first notice")
	}
	if err := sitegen.Generate(a, o); err == nil {
		t.Error("Generate wrote into a folder that is not empty")
	}
}

func treeHash(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
