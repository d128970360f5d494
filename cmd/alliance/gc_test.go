package main

import (
	"runtime/debug"
	"testing"
)

// TestBudget: the collector runs at gcPercent, unless GOGC or GOMEMLIMIT in
// the environment decide instead.
func TestBudget(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	budgetGC()
	if p := debug.SetGCPercent(100); p != gcPercent {
		t.Errorf("GOGC is %d, want %d", p, gcPercent)
	}
	t.Setenv("GOGC", "300")
	budgetGC()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("with GOGC set, the budget changed GOGC to %d", p)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "1GiB")
	budgetGC()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("with GOMEMLIMIT set, the budget changed GOGC to %d", p)
	}
}
