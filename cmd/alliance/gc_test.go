package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestBudgetFallsBackForLargeSites: under the budget the collector runs at
// GOGC=200 with a soft limit; once the live heap passes the bound it is
// back at GOGC=50 with no limit, so a large site does not collect without
// end at the limit.
func TestBudgetFallsBackForLargeSites(t *testing.T) {
	oldPercent, oldLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	defer func() { debug.SetGCPercent(oldPercent); debug.SetMemoryLimit(oldLimit) }()
	const most = 16 << 20
	budget(1<<30, most)
	if p := debug.SetGCPercent(gcPercent); p != gcPercent {
		t.Fatalf("GOGC is %d, want %d", p, gcPercent)
	}
	if l := debug.SetMemoryLimit(-1); l != 1<<30 {
		t.Fatalf("the limit is %d, want %d", l, 1<<30)
	}
	runtime.GC()
	time.Sleep(10 * time.Millisecond)
	if p := debug.SetGCPercent(gcPercent); p != gcPercent {
		t.Fatalf("with a small heap GOGC is %d, want %d still", p, gcPercent)
	}
	live := make([]byte, 2*most)
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		if p == gcLargeSite {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("with %d MB live GOGC is still %d, want %d", len(live)>>20, p, gcLargeSite)
		}
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("with a large heap the limit is %d, want none", l)
	}
	runtime.KeepAlive(live)
}
