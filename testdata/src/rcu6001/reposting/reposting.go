// Package reposting has a callback that re-posts itself. Its Exit sets the
// stop flag, so no new poll is queued, but does not wait for the one that
// is still queued.
package reposting

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu      sync.Mutex
	stopped bool
	polls   int
	logf    *os.File
)

// poll re-posts itself until the module stops.
func poll() {
	mu.Lock()
	defer mu.Unlock()
	if stopped {
		return
	}
	polls++
	rcuapi.Call(poll)
}

func start() error {
	mu.Lock()
	stopped = false
	mu.Unlock()
	poll()
	return nil
}

func exit() { // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU \(at reposting.go:\d+\): they could run after the module is gone; stop queueing them, then call rcuapi\.Barrier\(\) before Exit returns$`
	mu.Lock()
	stopped = true
	mu.Unlock()
	logf.Close() // the last poll may still be queued, and use logf
}

var Module = &rcuapi.Module{Name: "poller", Init: start, Exit: exit}
