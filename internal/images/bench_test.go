package images

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"alliance/internal/parallel"
	"alliance/internal/testkit/imagetest"
)

// BenchmarkPhotos processes phone-sized photos (4000×3000 JPEGs) on two
// cores, as a build does with an empty cache: each into six renditions.
// ALLIANCE_BENCH_PHOTOS sets how many (default 10); the figure reported
// for 100 photos is the measured time per photo times 100.
//
//	go test ./internal/images -run '^$' -bench Photos -benchtime 1x
func BenchmarkPhotos(b *testing.B) {
	count := 10
	if n, err := strconv.Atoi(os.Getenv("ALLIANCE_BENCH_PHOTOS")); err == nil && n > 0 {
		count = n
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	dir := b.TempDir()
	const distinct = 4
	var srcs [distinct][]byte
	for i := range srcs {
		srcs[i] = imagetest.JPEG(imagetest.Photo(4000, 3000, int64(i)))
		if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(i)+".jpg"), srcs[i], 0o644); err != nil {
			b.Fatal(err)
		}
	}
	im, err := Inspect(filepath.Join(dir, "0.jpg"), "reports/a/0.jpg", "", 0)
	if err != nil {
		b.Fatal(err)
	}
	var cpu time.Duration
	b.ResetTimer()
	for range b.N {
		before := cpuTime()
		parallel.Each(count, func(i int) {
			if _, err := process(srcs[i%distinct], im); err != nil {
				b.Error(err)
			}
		})
		cpu += cpuTime() - before
	}
	perPhoto := b.Elapsed() / time.Duration(b.N*count)
	b.ReportMetric(float64(perPhoto.Milliseconds()), "ms/photo")
	b.ReportMetric((perPhoto * 100).Seconds(), "s/100photos")
	b.ReportMetric((cpu/time.Duration(b.N*count)).Seconds()*1000, "cpu-ms/photo")
}
