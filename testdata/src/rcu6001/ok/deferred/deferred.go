// Package deferred waits for its callbacks with a deferred Barrier, which
// runs on every path that returns, early or not; nothing it releases is
// used by the callbacks.
package deferred

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu      sync.Mutex
	stopped bool
	hits    int
)

func Hit() {
	mu.Lock()
	defer mu.Unlock()
	if !stopped {
		rcuapi.Call(func() { hits++ })
	}
}

func exit() {
	defer rcuapi.Barrier()
	mu.Lock()
	defer mu.Unlock()
	if stopped {
		return
	}
	stopped = true
}

var Module = &rcuapi.Module{Name: "hits", Exit: exit}
