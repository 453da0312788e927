//go:build unix

package rcuapi_test

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) the process has used so
// far, for benchmarks that report it next to the wall-clock time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
