package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The collector's budget. A build holds the whole site in memory while it
// writes, and the targets are a peak of 512 MB for 10,000 notices and
// builds as fast as they can be: GOGC alone cannot give both, since the
// heap's growth over the live heap is what a build spends memory on and
// what it saves collections with.
//
// Measured on 10,000 notices (live heap at most 273-283 MB): GOGC=50 peaks
// at 430-480 MB and an edit collects for 0.2 CPU-s; GOGC=200 under a soft
// limit of 450 MiB peaks at 480 MB, and the edit is 0.1-0.2 s faster, since
// the collector runs only as the heap nears the limit. A site whose live
// heap outgrows the limit would make the collector run without end, so past
// liveMax the budget falls back to GOGC=50 with no limit: 100,000 notices
// hold 2 GB live.
const (
	gcPercent   = 200
	gcLimit     = 450 << 20
	liveMax     = 320 << 20
	gcLargeSite = 50
)

// budgetGC sets the budget above unless GOGC or GOMEMLIMIT says otherwise.
func budgetGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	budget(gcLimit, liveMax)
}

// budget sets GOGC=gcPercent under a soft limit, and watches the live heap
// after every collection: past most, it sets GOGC=gcLargeSite and lifts the
// limit.
func budget(limit, most int64) {
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(limit)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	watchGC(func() bool {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 || sample[0].Value.Uint64() <= uint64(most) {
			return true
		}
		debug.SetGCPercent(gcLargeSite)
		debug.SetMemoryLimit(math.MaxInt64)
		return false
	})
}

// watchGC calls after at the end of every collection, for as long as it
// returns true: an object with a finalizer is dropped, and the finalizer,
// run once the collector has found it unreachable, drops another.
func watchGC(after func() bool) {
	s := new(gcSentinel)
	runtime.SetFinalizer(s, func(*gcSentinel) {
		if after() {
			watchGC(after)
		}
	})
}

// gcSentinel is big enough not to share a tiny block with other objects,
// which would keep it reachable.
type gcSentinel struct{ _ [32]byte }
