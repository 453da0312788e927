//go:build unix

package robust

import (
	"os"
	"syscall"
	"time"
)

// quit asks a Go process to print every goroutine's stack and exit.
func quit(p *os.Process) error { return p.Signal(syscall.SIGQUIT) }

// cpuTime returns the CPU time this process has used so far, user and
// system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
