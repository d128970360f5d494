package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
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

// TestEachWith: every index once, each goroutine with its own state, and
// nothing started after a call returns false.
func TestEachWith(t *testing.T) {
	var mu sync.Mutex
	seen := make([]int, 500)
	states := map[*int]bool{}
	EachWith(500, func() *int { return new(int) }, func(s *int, i int) bool {
		*s++ // no two goroutines share s: the race detector would say
		mu.Lock()
		seen[i]++
		states[s] = true
		mu.Unlock()
		return true
	})
	for i, c := range seen {
		if c != 1 {
			t.Fatalf("f(%d) called %d times", i, c)
		}
	}
	if len(states) == 0 || len(states) > runtime.GOMAXPROCS(0) {
		t.Errorf("%d states for %d goroutines at most", len(states), runtime.GOMAXPROCS(0))
	}

	var calls atomic.Int64
	EachWith(10000, func() struct{} { return struct{}{} }, func(_ struct{}, i int) bool {
		calls.Add(1)
		return i != 3
	})
	// Each goroutine may have started one more call before it saw the stop.
	if n := calls.Load(); n > int64(4+2*runtime.GOMAXPROCS(0)) {
		t.Errorf("%d calls after the fourth failed; want the rest not started", n)
	}
}
