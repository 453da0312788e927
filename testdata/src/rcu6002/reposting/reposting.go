// Package reposting has a callback that re-posts itself through two levels
// of helpers of other packages (modhelpers.Retire, inner.Queue). Its Exit,
// built through a helper that builds Modules, stops the re-posting and then
// waits for a grace period instead of for the poll still queued.
package reposting

import (
	"sync"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu      sync.Mutex
	stopped bool
	polls   int
)

func poll() {
	mu.Lock()
	defer mu.Unlock()
	if !stopped {
		polls++
		modhelpers.Retire(poll)
	}
}

func newModule(name string, exit func()) *rcuapi.Module {
	return &rcuapi.Module{Name: name, Init: func() error { poll(); return nil }, Exit: exit}
}

func exit() {
	mu.Lock()
	stopped = true
	mu.Unlock()
	rcuapi.Synchronize() // want `^RCU6002: exit, a module's Exit, waits for a grace period of classic RCU, but this package queues callbacks there \(at reposting\.go:\d+\) and a grace period does not wait for callbacks: call rcuapi\.Barrier\(\) instead$`
}

var Module = newModule("poller", exit)
