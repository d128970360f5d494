package main

import (
	"os"
	"runtime/debug"
)

// The collector's budget. A build holds the site's records in memory while
// it writes (the converted texts stay in the build cache, read when asked
// for), and the heap's growth over what is live is what a build spends
// memory on and saves collections with.
//
// The heap may double over what is live (GOGC=100), up to a soft limit of
// 1,800 MiB, past which the collector runs as often as it must to stay
// under it. Measured side by side on 2026-12-06 on 10,000 notices, cold:
// 4.13–4.21 s and 364–375 MB, against 4.61–4.63 s and 290–295 MB for
// growth by half (GOGC=50), whose collections cost 0.8 CPU-s more once the
// texts were no longer held. On 100,000 notices the live heap reaches
// 1.2 GB (the search index's segments, the page records) and the limit
// decides how often the collector runs: at 1,600 MiB the peak was
// 1.66 GB and the build 51–54 s, at 1,800 MiB 1.86 GB and 48 s (side by
// side on 2026-12-06, once the joined posting lists were no longer held;
// 2.3 GB without a limit before that).
const (
	gcPercent   = 100
	memoryLimit = 1800 << 20
)

// heldPercent is the heap's growth for a build without the cache, which
// holds every converted text (93 MB on 10,000 notices): growing by half
// peaked at 478 MB there, doubling at 535–541 MB.
const heldPercent = 50

// warmPercent is the heap's growth for a build over a cache that a
// previous run of the program filled: it reads most of what it needs, and
// holds far less than a first build. Measured on 2026-12-06, one notice
// edited among 10,000, the same binary, six runs each, alternating:
// 1.24–1.44 user-s at 200 against 1.34–1.71 at 100, 1.18–1.32 s against
// 1.14–1.47 s of wall time on a noisy machine, peaks of 289–324 MB against
// 255–270 MB (400 gave no more). A first build at 200 peaked at
// 431–474 MB, too near the 512 MB it must stay under, for no gain in
// time: it keeps gcPercent.
const warmPercent = 200

// fromEnvironment reports whether GOGC or GOMEMLIMIT sets the budget, in
// which case none of the functions below changes it.
func fromEnvironment() bool { return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" }

// budgetGC sets the budget above unless GOGC or GOMEMLIMIT says otherwise.
func budgetGC() {
	if fromEnvironment() {
		return
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memoryLimit)
}

// holdingTexts sets the budget of a build without the cache (heldPercent),
// unless GOGC or GOMEMLIMIT says otherwise.
func holdingTexts() {
	if fromEnvironment() {
		return
	}
	debug.SetGCPercent(heldPercent)
}

// rebuilding sets the budget of a build over a warm cache (warmPercent),
// unless GOGC or GOMEMLIMIT says otherwise; the memory limit stays.
func rebuilding() {
	if fromEnvironment() {
		return
	}
	debug.SetGCPercent(warmPercent)
}
