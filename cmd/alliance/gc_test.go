package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestBudget: the collector runs at gcPercent under memoryLimit, at
// heldPercent for a build that holds its texts, unless GOGC or GOMEMLIMIT
// in the environment decide instead.
func TestBudget(t *testing.T) {
	const other = 37 // neither the runtime's default nor gcPercent
	oldPercent := debug.SetGCPercent(other)
	oldLimit := debug.SetMemoryLimit(math.MaxInt64)
	defer func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}()
	// reset returns the budget set, putting the sentinels back.
	reset := func() (percent int, limit int64) {
		return debug.SetGCPercent(other), debug.SetMemoryLimit(math.MaxInt64)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	budgetGC()
	if p, l := reset(); p != gcPercent || l != memoryLimit {
		t.Errorf("GOGC is %d and the limit %d, want %d and %d", p, l, gcPercent, memoryLimit)
	}
	holdingTexts()
	if p, l := reset(); p != heldPercent || l != math.MaxInt64 {
		t.Errorf("holding the texts, GOGC is %d and the limit %d, want %d and none", p, l, heldPercent)
	}
	rebuilding()
	if p, l := reset(); p != warmPercent || l != math.MaxInt64 {
		t.Errorf("rebuilding, GOGC is %d and the limit %d, want %d and the limit left as it was", p, l, warmPercent)
	}
	t.Setenv("GOGC", "300")
	rebuilding()
	if p, _ := reset(); p != other {
		t.Errorf("with GOGC set, rebuilding changed GOGC to %d", p)
	}
	holdingTexts()
	if p, _ := reset(); p != other {
		t.Errorf("with GOGC set, holding the texts changed GOGC to %d", p)
	}
	budgetGC()
	if p, l := reset(); p != other || l != math.MaxInt64 {
		t.Errorf("with GOGC set, the budget changed GOGC to %d and the limit to %d", p, l)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "1GiB")
	budgetGC()
	if p, l := reset(); p != other || l != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set, the budget changed GOGC to %d and the limit to %d", p, l)
	}
}
