// Package helperstopsandwaits stops its self-reposting callback and waits
// for it in one helper, which Exit calls: the helper sets the flag, then
// calls Barrier.
package helperstopsandwaits

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu      sync.Mutex
	stopped bool
	logf    *os.File
)

func poll() {
	mu.Lock()
	defer mu.Unlock()
	if stopped {
		return
	}
	logf.WriteString("poll\n")
	rcuapi.Call(poll)
}

func start() error { poll(); return nil }

// drain stops the posting, then waits for what was queued.
func drain() {
	mu.Lock()
	stopped = true
	mu.Unlock()
	rcuapi.Barrier()
}

var Module = &rcuapi.Module{Name: "helperstopsandwaits", Init: start, Exit: func() {
	drain()
	logf.Close()
}}
