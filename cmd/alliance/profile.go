package main

import (
	"os"
	"runtime"
	"runtime/pprof"
)

// profile writes a CPU profile of the whole run to the file named by
// ALLIANCE_CPUPROFILE and a heap profile at its end to ALLIANCE_MEMPROFILE,
// for measuring builds (README, "Large sites and benchmarks"). It returns
// what to call when the run ends.
func profile() func() {
	var stops []func()
	if name := os.Getenv("ALLIANCE_CPUPROFILE"); name != "" {
		if f, err := os.Create(name); err == nil && pprof.StartCPUProfile(f) == nil {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if name := os.Getenv("ALLIANCE_MEMPROFILE"); name != "" {
		stops = append(stops, func() {
			if f, err := os.Create(name); err == nil {
				runtime.GC()
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		})
	}
	return func() {
		for _, stop := range stops {
			stop()
		}
	}
}
