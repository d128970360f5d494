// Package parallel runs independent pieces of work on every core. Loading
// notices, checking them and rendering pages are each thousands of pieces of
// uneven size; each worker takes the next piece when it is free, so a few
// heavy ones (a directory of a thousand members) do not hold up the rest.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(0), f(1), … f(n-1), on as many goroutines as there are usable
// cores, and returns when every call has. f must be safe to call
// concurrently; results go into slots of a slice indexed by i, so that they
// come out in order whatever order the calls ran in.
func Each(n int, f func(i int)) {
	EachWith(n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) bool {
		f(i)
		return true
	})
}

// EachWith is Each for work that needs scratch space of its own on each
// goroutine (a template worker, a buffer): newState makes one per
// goroutine, and f is called with it. When f returns false the calls not
// yet started are not made: for work that stops at its first failure.
func EachWith[S any](n int, newState func() S, f func(s S, i int) bool) {
	loop(runtime.GOMAXPROCS(0), n, newState, f)
}

// Requests calls f(ctx, 0) … f(ctx, n-1) on up to workers goroutines and
// returns the first error: for work that waits on the network (uploads to a
// bucket), where what matters is how many requests are in flight, not how
// many cores there are. After an error the calls not yet started are not
// made, and ctx is cancelled, with the error as its cause, for those under
// way.
func Requests(ctx context.Context, n, workers int, f func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	loop(max(workers, 1), n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) bool {
		if ctx.Err() != nil {
			return false
		}
		if err := f(ctx, i); err != nil {
			cancel(err)
			return false
		}
		return true
	})
	return context.Cause(ctx)
}

// loop is the one worker pool: workers goroutines (at most n), each with
// its own state, take the next index until none is left or a call returns
// false.
func loop[S any](workers, n int, newState func() S, f func(s S, i int) bool) {
	var next atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			s := newState()
			for !stop.Load() {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if !f(s, i) {
					stop.Store(true)
					return
				}
			}
		})
	}
	wg.Wait()
}
