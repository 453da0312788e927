// Package flagafter has a callback that queues itself again until a flag
// is set under a lock; Exit waits with Barrier before it sets the flag.
package flagafter

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

func exit() {
	rcuapi.Barrier() // want `^RCU6003: exit, a module's Exit, waits for the callbacks queued on classic RCU before the code at flagafter.go:\d+ sets the flag the posting code reads: callbacks queued in between are not waited for and may run after the module is gone; stop the posting first, then call Barrier$`
	mu.Lock()
	stopped = true
	mu.Unlock()
	logf.Close()
}

var Module = &rcuapi.Module{Name: "flagafter", Init: start, Exit: exit}
