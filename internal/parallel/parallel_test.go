package parallel

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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

// TestRequests: every index once with no error, never more than workers
// calls at a time, and after an error no call started and the error
// returned, with ctx cancelled for the calls under way.
func TestRequests(t *testing.T) {
	var inFlight, most atomic.Int32
	var mu sync.Mutex
	seen := make([]int, 200)
	err := Requests(context.Background(), len(seen), 3, func(ctx context.Context, i int) error {
		now := inFlight.Add(1)
		for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
		}
		time.Sleep(100 * time.Microsecond)
		inFlight.Add(-1)
		mu.Lock()
		seen[i]++
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range seen {
		if c != 1 {
			t.Fatalf("f(%d) called %d times", i, c)
		}
	}
	if m := most.Load(); m > 3 || m < 1 {
		t.Errorf("%d calls at once, want 1 to 3", m)
	}

	failed := errors.New("上传失败")
	var calls atomic.Int32
	var cancelled atomic.Bool
	err = Requests(context.Background(), 1000, 4, func(ctx context.Context, i int) error {
		calls.Add(1)
		if i == 5 {
			return failed
		}
		if i < 2 {
			// Under way when 5 fails (two workers are left to reach
			// it): waits for ctx to say so.
			select {
			case <-ctx.Done():
				cancelled.Store(context.Cause(ctx) == failed)
			case <-time.After(5 * time.Second):
			}
		}
		return nil
	})
	if err != failed {
		t.Fatalf("Requests returned %v, want the first error", err)
	}
	if !cancelled.Load() {
		t.Error("the calls under way did not see ctx cancelled with the error")
	}
	if c := calls.Load(); c > 10 {
		t.Errorf("%d calls made after the error at the sixth", c)
	}
}
