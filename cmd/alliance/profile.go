package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// profile writes a CPU profile of the whole run to the file named by
// ALLIANCE_CPUPROFILE and a heap profile at its end to ALLIANCE_MEMPROFILE,
// for measuring builds (README, "Large sites and benchmarks"). With
// ALLIANCE_MEMPROFILE_AFTER set to a duration (30s), the heap profile is
// taken that long into the run instead, to see what a build holds at its
// peak rather than what is left at its end. It returns what to call when
// the run ends.
func profile() func() {
	var stops []func()
	if name := os.Getenv("ALLIANCE_CPUPROFILE"); name != "" {
		if f, err := os.Create(name); err == nil && pprof.StartCPUProfile(f) == nil {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if name := os.Getenv("ALLIANCE_MEMPROFILE"); name != "" {
		write := func() {
			if f, err := os.Create(name); err == nil {
				runtime.GC()
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
		if after, err := time.ParseDuration(os.Getenv("ALLIANCE_MEMPROFILE_AFTER")); err == nil {
			t := time.AfterFunc(after, write)
			stops = append(stops, func() { t.Stop() })
		} else {
			stops = append(stops, write)
		}
	}
	return func() {
		for _, stop := range stops {
			stop()
		}
	}
}
