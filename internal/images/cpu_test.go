//go:build unix

package images

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, user and system, so a
// benchmark on a shared machine can report work as well as wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
