package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"alliance/internal/engine"
	"alliance/internal/sitegen"
)

// TestWarmBuildEqualsColdBuild applies random sequences of edits to a
// generated site (notices, reports, data, layouts, UI strings, static files,
// settings, dates) and after each one builds it twice: warm, over the
// previous output with the build cache, and cold, into a new folder without
// it. The two outputs must be the same, file for file and byte for byte.
// The seed is fixed, so a failure repeats; ALLIANCE_WARM_STEPS runs more.
func TestWarmBuildEqualsColdBuild(t *testing.T) {
	steps := 14
	if testing.Short() {
		steps = 6
	}
	if n := os.Getenv("ALLIANCE_WARM_STEPS"); n != "" {
		fmt.Sscan(n, &steps)
	}
	src := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(src, sitegen.Options{Seed: 7, Notices: 40, Members: 60, Reports: 4, Templates: 2, Theme: filepath.Join(repoRoot, "themes", "default")}); err != nil {
		t.Fatal(err)
	}
	warm := filepath.Join(t.TempDir(), "warm")
	r := rand.New(rand.NewPCG(2024, 12))
	now := sitegen.Now
	build := func(dest string, store *engine.Store) *Summary {
		t.Helper()
		sum, err := Run(Options{Source: src, Destination: dest, Now: now, Store: store})
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		return sum
	}
	openStore := func() *engine.Store { return engine.Open(filepath.Join(src, engine.Dir), engine.Version()) }
	build(warm, openStore())
	for step := range steps {
		what := edit(t, r, src, step)
		if r.IntN(4) == 0 {
			now = now.Add(time.Duration(r.IntN(72)) * time.Hour) // deadlines pass, days change
			what += fmt.Sprintf(", clock %s", now.Format("2006-01-02 15h"))
		}
		sum := build(warm, openStore())
		cold := filepath.Join(t.TempDir(), "cold")
		build(cold, nil)
		if diff := sameTrees(t, warm, cold); diff != "" {
			t.Fatalf("step %d (%s): the warm build differs from a cold one: %s", step, what, diff)
		}
		t.Logf("step %d (%s): %d pages rendered, %d of %d files kept", step, what, sum.Rendered, sum.Reused, sum.Files)
	}
}

// edit makes one random change to the site in src and says what it was.
func edit(t *testing.T, r *rand.Rand, src string, step int) string {
	t.Helper()
	files := func(dir, ext string) []string {
		var out []string
		filepath.WalkDir(filepath.Join(src, dir), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
				out = append(out, p)
			}
			return nil
		})
		slices.Sort(out)
		return out
	}
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	write := func(p, s string) {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// replaceValue rewrites the first `key = "…"` line of a file.
	replaceValue := func(p, key, add string) bool {
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + ` = "([^"\n]*)"`)
		s := read(p)
		loc := re.FindStringSubmatchIndex(s)
		if loc == nil {
			return false
		}
		write(p, s[:loc[3]]+add+s[loc[3]:])
		return true
	}
	notices := files("content/notices", ".md")
	rel := func(p string) string { r, _ := filepath.Rel(src, p); return filepath.ToSlash(r) }
	switch k := r.IntN(12); k {
	case 0:
		p := pick(notices)
		write(p, read(p)+fmt.Sprintf("\n第 %d 次补充说明：请各单位按时报送。\n", step))
		return "body of " + rel(p)
	case 1:
		p := pick(notices)
		replaceValue(p, "title", fmt.Sprintf("（修订%d）", step))
		return "title of " + rel(p)
	case 2:
		p := pick(notices)
		s := read(p)
		s = strings.Replace(s, `title = "`, fmt.Sprintf(`title = "新增%d：`, step), 1)
		np := filepath.Join(filepath.Dir(p), fmt.Sprintf("added-%d.md", step))
		write(np, s)
		return "new notice " + rel(np)
	case 3:
		if len(notices) < 5 {
			return "nothing (too few notices to delete)"
		}
		p := pick(notices)
		os.Remove(p)
		return "deleted " + rel(p)
	case 4:
		p := pick(notices)
		np := filepath.Join(filepath.Dir(p), fmt.Sprintf("renamed-%d.md", step))
		os.Rename(p, np)
		return "renamed " + rel(p)
	case 5:
		p := pick(files("data/alliances", ".toml"))
		replaceValue(p, "name", "（更名）")
		return "data " + rel(p)
	case 6:
		p := pick(files("themes/default/layouts", ".html"))
		s := read(p)
		if i := strings.LastIndex(s, "</main>"); i >= 0 {
			s = s[:i] + fmt.Sprintf("<p>版式修改%d</p>", step) + s[i:]
		} else {
			s += fmt.Sprintf("{{/* edit %d */}}", step)
		}
		write(p, s)
		return "layout " + rel(p)
	case 7:
		p := filepath.Join(src, "themes/default/i18n/zh-CN.toml")
		replaceValue(p, "home", "页")
		return "UI string"
	case 8:
		p := filepath.Join(src, "static", fmt.Sprintf("extra-%d.txt", step))
		write(p, "附加文件")
		return "static file " + rel(p)
	case 9:
		replaceValue(filepath.Join(src, "site.toml"), "title", "·")
		return "site title"
	case 10:
		p := pick(notices)
		s := read(p)
		re := regexp.MustCompile(`(?m)^deadline = .*$`)
		if !re.MatchString(s) {
			// At the top of the front matter: at its end, it could fall
			// inside a notice's last [[attachments]] table.
			s = strings.Replace(s, "+++\n", "+++\ndeadline = 2025-07-02\n", 1)
		} else {
			s = re.ReplaceAllString(s, fmt.Sprintf("deadline = 2025-07-%02d", 1+r.IntN(5)))
		}
		write(p, s)
		return "deadline of " + rel(p)
	default:
		p := pick(notices)
		later := time.Now().Add(time.Second)
		os.Chtimes(p, later, later)
		return "touched " + rel(p)
	}
}

// sameTrees returns "" when folders a and b hold the same files with the
// same bytes, else the first difference.
func sameTrees(t *testing.T, a, b string) string {
	t.Helper()
	list := func(root string) map[string][]byte {
		m := map[string][]byte{}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				t.Fatal(err)
			}
			if !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				m[filepath.ToSlash(rel)] = data
			}
			return nil
		})
		return m
	}
	ma, mb := list(a), list(b)
	var diffs []string
	for p, da := range ma {
		db, ok := mb[p]
		switch {
		case !ok:
			diffs = append(diffs, "only warm has "+p)
		case !bytes.Equal(da, db):
			diffs = append(diffs, p+" differs")
		}
	}
	for p := range mb {
		if _, ok := ma[p]; !ok {
			diffs = append(diffs, "only cold has "+p)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
	}
	return strings.Join(diffs, "; ")
}

// TestUnchangedSourcesRenderNothing touches a notice without changing it,
// so that the build runs every step, again and again: no page may be
// rendered. A page's key hashes the notices it shows, and a notice that
// attaches a template whose call names a notice is a cycle, whose sum
// depends on where the hash came in; before the site's collections were
// hashed in a fixed order and the hasher frozen, whichever step reached a
// notice first decided its sum, and a few hundred pages of this site were
// rendered again for nothing on each run.
func TestUnchangedSourcesRenderNothing(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(src, sitegen.Options{Seed: 3, Notices: 300, Members: 60, Reports: 20, Templates: 6, Theme: filepath.Join(repoRoot, "themes", "default")}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	store := engine.Memory(engine.Version())
	if _, err := Run(Options{Source: src, Destination: dest, Now: sitegen.Now, Store: store}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(src, "content", "notices"))
	if err != nil || len(entries) == 0 {
		t.Fatal("no notices", err)
	}
	touched := filepath.Join(src, "content", "notices", entries[0].Name())
	for i := range 8 {
		later := time.Now().Add(time.Duration(i+1) * time.Second)
		if err := os.Chtimes(touched, later, later); err != nil {
			t.Fatal(err)
		}
		sum, err := Run(Options{Source: src, Destination: dest, Now: sitegen.Now, Store: store})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Site == nil {
			t.Fatal("the touched file did not make the build run its steps")
		}
		if sum.Rendered != 0 {
			t.Fatalf("run %d: %d pages rendered, nothing having changed", i, sum.Rendered)
		}
	}
}

// TestOnlySettledSourcesStopABuildEarly: a build whose sources changed
// just before it is not recorded as the whole build, since a file written
// again within the same tick of the clock at the same size would look
// unchanged: the next build runs its steps (and renders nothing). Once the
// sources have settled, a build is recorded, and the next one stops at
// once.
func TestOnlySettledSourcesStopABuildEarly(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(src, sitegen.Options{Seed: 5, Notices: 20, Members: 10, Reports: 2, Templates: 1, Theme: filepath.Join(repoRoot, "themes", "default")}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	store := engine.Memory(engine.Version())
	run := func() *Summary {
		t.Helper()
		sum, err := Run(Options{Source: src, Destination: dest, Now: sitegen.Now, Store: store})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	run()
	if sum := run(); sum.Site == nil || sum.Rendered != 0 {
		t.Fatalf("sources written just before: the second build stopped early (%v) or rendered %d pages", sum.Site == nil, sum.Rendered)
	}
	time.Sleep(engine.Settle + 100*time.Millisecond)
	run()
	if sum := run(); sum.Site != nil {
		t.Fatal("settled sources, unchanged since the last build: the build ran its steps again")
	}
}

// TestKeptStepsKeepTheirBlobs: a build that keeps an output whole (the
// search index, nothing having changed) keeps the blobs the output made it
// from too, so that the build after, when one notice changes, makes it
// again from them rather than from nothing: the cache lists as many blobs
// after the second build as after the first.
func TestKeptStepsKeepTheirBlobs(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(src, sitegen.Options{Seed: 4, Notices: 200, Members: 40, Reports: 10, Templates: 2, Theme: filepath.Join(repoRoot, "themes", "default")}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	cache := filepath.Join(t.TempDir(), "cache")
	// blobs is how many blobs the cache's table of contents lists.
	blobs := func() int64 {
		fi, err := os.Stat(filepath.Join(cache, "toc"))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	run := func() *Summary {
		t.Helper()
		sum, err := Run(Options{Source: src, Destination: dest, Now: sitegen.Now, Store: engine.Open(cache, engine.Version())})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	// Settled sources: the first build takes every Markdown file as read
	// by its stamp, as the second will, so that both use the same blobs.
	time.Sleep(engine.Settle + 100*time.Millisecond)
	run()
	first := blobs()
	// A new time on site.toml, its text the same: the second build runs
	// its steps, and they are all kept.
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(filepath.Join(src, "site.toml"), later, later); err != nil {
		t.Fatal(err)
	}
	if sum := run(); sum.Site == nil || sum.Rendered != 0 || len(sum.Written) != 0 {
		t.Fatalf("nothing changed: the build stopped early (%v), rendered %d pages, wrote %v", sum.Site == nil, sum.Rendered, sum.Written)
	}
	if second := blobs(); second != first {
		t.Errorf("the cache's table of contents is %d bytes after a build that kept every output, %d before: blobs were dropped", second, first)
	}
}
