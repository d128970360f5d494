package parallel

import (
	"runtime"
	"sync"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		var mu sync.Mutex
		seen := make([]int, n)
		Each(n, func(i int) {
			mu.Lock()
			seen[i]++
			mu.Unlock()
		})
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d: f(%d) called %d times", n, i, c)
			}
		}
	}
}

func TestEachUsesSeveralGoroutines(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one core")
	}
	// Two calls that each wait for the other can only finish side by side.
	var wg sync.WaitGroup
	wg.Add(2)
	Each(2, func(int) {
		wg.Done()
		wg.Wait()
	})
}
