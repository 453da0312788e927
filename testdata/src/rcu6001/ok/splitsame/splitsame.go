// Package splitsame splits its Exit over helpers of its own package: stop
// stops the posting, drain waits for both domains.
package splitsame

import (
	"os"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	written atomic.Int64 // what the callbacks counted
	mu      sync.Mutex
	stopped bool
	dom     rcuapi.SRCU
	logf    *os.File
)

func Note(msg string) {
	mu.Lock()
	defer mu.Unlock()
	if stopped {
		return
	}
	rcuapi.Call(func() { written.Add(int64(len(msg))) })
	dom.Call(func() { written.Add(int64(len(msg))) })
}

func stop() {
	mu.Lock()
	stopped = true
	mu.Unlock()
}

func drain() {
	rcuapi.Barrier()
	dom.Barrier()
}

func exit() {
	stop()
	drain()
	logf.Close()
}

var Module = &rcuapi.Module{Name: "notes", Exit: exit}
