// Package flagfirst sets the flag that stops its re-posting callback, then
// waits with Barrier: the order the check asks for.
package flagfirst

import (
	"sync"

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
	if stopped {
		return
	}
	polls++
	rcuapi.Call(poll)
}

func exit() {
	mu.Lock()
	stopped = true
	mu.Unlock()
	rcuapi.Barrier()
	polls = 0 // not a signal: the poster only counts it
}

var Module = &rcuapi.Module{Name: "flagfirst", Init: func() error { poll(); return nil }, Exit: exit}
