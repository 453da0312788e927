// Package unrelated waits with Barrier after stopping its poster, and
// afterwards closes a channel and sets a flag that no posting code looks
// at.
package unrelated

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu      sync.Mutex
	stopped bool
	closed  bool // read by Status, which posts nothing
	events  = make(chan string, 8)
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

// Status reports whether the module has shut down.
func Status() bool {
	mu.Lock()
	defer mu.Unlock()
	return closed
}

// Watch drains the event channel; it queues nothing.
func Watch() {
	for e := range events {
		_ = e
	}
}

func exit() {
	mu.Lock()
	stopped = true
	mu.Unlock()
	rcuapi.Barrier()
	close(events)
	mu.Lock()
	closed = true
	mu.Unlock()
}

var Module = &rcuapi.Module{Name: "unrelated", Init: func() error { poll(); return nil }, Exit: exit}
