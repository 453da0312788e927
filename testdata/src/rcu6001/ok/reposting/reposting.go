// Package reposting has a callback that re-posts itself, checking the stop
// flag under the lock under which it re-posts. Exit sets the flag under
// that lock (from then on nothing is queued), waits with Barrier for the
// poll still queued, and only then releases what the poll uses.
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

func exit() {
	mu.Lock()
	stopped = true // 1. stop posting
	mu.Unlock()
	rcuapi.Barrier() // 2. wait for what was queued
	logf.Close()     // 3. release
}

var Module = &rcuapi.Module{Name: "poller", Init: start, Exit: exit}
