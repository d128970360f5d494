package main

import (
	"os"
	"runtime/debug"
)

// The collector's budget. A build holds the whole site in memory while it
// writes, and the heap's growth over what is live is what a build spends
// memory on and saves collections with. On this project's virtual machine
// fresh memory costs more than the collections it saves: measured on
// 10,000 notices on 2026-12-06, GOGC=50 built cold in 5.56–5.64 s with a
// peak of 401–404 MB, against 5.89–5.95 s and 480 MB for the budget before
// it (GOGC=200 under a soft limit of 450 MiB, falling back to GOGC=50 past
// 320 MiB live), and an edit took as long either way (1.7–2.1 s) with 295 MB
// and 48,000 page faults against 385–430 MB and 67,000–80,000. GOGC=100
// built cold as fast as 50 but peaked at 506–509 MB, at the edge of the
// target of 512.
const gcPercent = 50

// budgetGC sets the budget above unless GOGC or GOMEMLIMIT says otherwise.
func budgetGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(gcPercent)
}
