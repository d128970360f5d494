package sitegen_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"alliance/internal/build"
	"alliance/internal/engine"
	"alliance/internal/sitegen"
)

// The benchmarks build a generated site of sitegen.Default's size: 10,000
// notices, 20,000 members, 1,000 reports. ALLIANCE_BENCH_SITE names an
// already generated site folder to use instead of generating one.
//
//	go test ./internal/sitegen -run '^$' -bench . -benchtime 3x
//	ALLIANCE_BENCH=1 go test ./internal/sitegen -run TestPeakMemory -v

var (
	bigOnce sync.Once
	bigDir  string
	bigErr  error
)

func bigSite(tb testing.TB) string {
	tb.Helper()
	bigOnce.Do(func() {
		if dir := os.Getenv("ALLIANCE_BENCH_SITE"); dir != "" {
			bigDir = dir
			return
		}
		tmp, err := os.MkdirTemp("", "alliance-bench-")
		if err != nil {
			bigErr = err
			return
		}
		bigDir = filepath.Join(tmp, "site")
		o := sitegen.Default
		o.Theme = filepath.Join("..", "..", "themes", "default")
		bigErr = sitegen.Generate(bigDir, o)
	})
	if bigErr != nil {
		tb.Fatal(bigErr)
	}
	return bigDir
}

// outputs holds the benchmarks' build folders until the test binary ends
// (see benchBuild).
var (
	outputsOnce sync.Once
	outputs     string
	outputsErr  error
	outputsN    int
)

// newOutput returns a new, not yet existing destination folder.
func newOutput(tb testing.TB) string {
	tb.Helper()
	outputsOnce.Do(func() { outputs, outputsErr = os.MkdirTemp("", "alliance-bench-out-") })
	if outputsErr != nil {
		tb.Fatal(outputsErr)
	}
	outputsN++
	return filepath.Join(outputs, "public-"+strconv.Itoa(outputsN))
}

func TestMain(m *testing.M) {
	if dir := os.Getenv("ALLIANCE_BUILD_CHILD"); dir != "" {
		os.Exit(child(dir))
	}
	code := m.Run()
	if outputs != "" {
		os.RemoveAll(outputs)
	}
	if bigDir != "" && os.Getenv("ALLIANCE_BENCH_SITE") == "" {
		os.RemoveAll(filepath.Dir(bigDir))
	}
	os.Exit(code)
}

// benchBuild builds the large site b.N times. A full build starts each time
// from an empty destination; a rebuild builds into the previous build's
// output, as a clerk's second `alliance build` does, and may reuse its
// unchanged files.
//
// Every build writes into a new folder, and the folders are deleted only
// when the test binary ends. On ext4 without a journal, as on the VM these
// figures come from, creating a file first skips every inode of its group
// deleted in the last one to six minutes (recently_deleted in
// fs/ext4/ialloc.c). Deleting the last 30,000-file build inside the loop
// made a third of the next build's CPU time go to that scan (perf): it
// measured the deletion's after-effect, not the build.
func benchBuild(b *testing.B, noMinify, rebuild bool) {
	src := bigSite(b)
	dest := newOutput(b)
	if rebuild {
		if _, err := build.Run(build.Options{Source: src, Destination: dest, Now: sitegen.Now, NoMinify: noMinify}); err != nil {
			b.Fatal(err)
		}
	}
	stages := map[string]time.Duration{}
	var order []string
	b.ResetTimer()
	for b.Loop() {
		if !rebuild {
			b.StopTimer()
			dest = newOutput(b)
			b.StartTimer()
		}
		var last string
		var at time.Time
		mark := func(stage string) {
			now := time.Now()
			if last != "" {
				stages[last] += now.Sub(at)
			} else {
				order = order[:0]
			}
			order = append(order, stage)
			last, at = stage, now
		}
		sum, err := build.Run(build.Options{Source: src, Destination: dest, Now: sitegen.Now, NoMinify: noMinify, Progress: mark})
		if err != nil {
			b.Fatal(err)
		}
		stages[last] += time.Since(at)
		b.ReportMetric(float64(sum.Counts["html"]), "pages")
	}
	b.StopTimer()
	var parts []string
	for _, s := range order {
		parts = append(parts, fmt.Sprintf("%s %.2fs", s, stages[s].Seconds()/float64(b.N)))
	}
	b.Logf("per build: %s", strings.Join(parts, ", "))
}

// BenchmarkFullBuild builds the large site as `alliance build` does.
func BenchmarkFullBuild(b *testing.B) { benchBuild(b, false, false) }

// BenchmarkRebuild builds the large site again over its previous output,
// with nothing changed: what `alliance build` costs the second time.
func BenchmarkRebuild(b *testing.B) { benchBuild(b, false, true) }

// warmSite builds the large site once with the build cache, as a clerk's
// first `alliance build` does, and returns the site and its destination.
func warmSite(b *testing.B) (src, dest string) {
	src = bigSite(b)
	dest = newOutput(b)
	if _, err := build.Run(build.Options{Source: src, Destination: dest, Now: sitegen.Now, Store: openStore(src)}); err != nil {
		b.Fatal(err)
	}
	return src, dest
}

func openStore(src string) *engine.Store {
	return engine.Open(filepath.Join(src, engine.Dir), engine.Version())
}

// BenchmarkWarmNothingChanged is `alliance build` run again with nothing
// changed: the whole build is one step of the engine, found unchanged.
func BenchmarkWarmNothingChanged(b *testing.B) {
	src, dest := warmSite(b)
	for b.Loop() {
		sum, err := build.Run(build.Options{Source: src, Destination: dest, Now: sitegen.Now, Store: openStore(src)})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Rendered != 0 || len(sum.Written) != 0 {
			b.Fatalf("nothing changed, yet %d pages were rendered and %d files written", sum.Rendered, len(sum.Written))
		}
	}
}

// BenchmarkWarmOneNoticeEdited is `alliance build` after a clerk added a
// sentence to one notice: the engine renders the notice's page and the
// lists that show it, and makes the search index and feed again.
func BenchmarkWarmOneNoticeEdited(b *testing.B) {
	src, dest := warmSite(b)
	notice := filepath.Join(src, "content", "notices", "n-05000.md")
	if _, err := os.Stat(notice); err != nil {
		entries, _ := os.ReadDir(filepath.Join(src, "content", "notices"))
		notice = filepath.Join(src, "content", "notices", entries[len(entries)/2].Name())
	}
	pages := 0
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		f, err := os.OpenFile(notice, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(f, "\n第 %d 次补充：请按时报送。\n", i)
		f.Close()
		b.StartTimer()
		sum, err := build.Run(build.Options{Source: src, Destination: dest, Now: sitegen.Now, Store: openStore(src)})
		if err != nil {
			b.Fatal(err)
		}
		pages += sum.Rendered
	}
	b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
}

// BenchmarkFullBuildNoMinify builds it with --no-minify.
func BenchmarkFullBuildNoMinify(b *testing.B) { benchBuild(b, true, false) }

// TestPeakMemory builds the large site in a fresh process and reads its peak
// resident memory (VmHWM) from /proc: the target is under 1 GB. It takes a
// while, so it runs only with ALLIANCE_BENCH=1.
func TestPeakMemory(t *testing.T) {
	if os.Getenv("ALLIANCE_BENCH") == "" {
		t.Skip("set ALLIANCE_BENCH=1 to build the large site and measure its peak memory")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc/self/status (Linux)")
	}
	src := bigSite(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ALLIANCE_BUILD_CHILD="+src)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var kb int
	var took string
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ = strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
		}
		if v, ok := strings.CutPrefix(line, "took:"); ok {
			took = strings.TrimSpace(v)
		}
	}
	t.Logf("full build of the large site: %s, peak RSS %d MB", took, kb/1024)
	if kb == 0 || kb > 1<<20 {
		t.Errorf("peak RSS %d kB, want under 1 GB\n%s", kb, out)
	}
}

// child builds dir and prints its time and peak memory for TestPeakMemory.
func child(dir string) int {
	dest, err := os.MkdirTemp("", "alliance-bench-public-")
	if err != nil {
		fmt.Println(err)
		return 1
	}
	defer os.RemoveAll(dest)
	start := time.Now()
	if _, err := build.Run(build.Options{Source: dir, Destination: filepath.Join(dest, "public"), Now: sitegen.Now}); err != nil {
		fmt.Println(err)
		return 1
	}
	fmt.Println("took:", time.Since(start).Round(time.Millisecond))
	f, err := os.Open("/proc/self/status")
	if err != nil {
		fmt.Println(err)
		return 1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "VmHWM:") {
			fmt.Println(sc.Text())
		}
	}
	return 0
}
