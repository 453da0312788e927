// Package crossbarrier waits through a helper of another package
// (modhelpers.StopAll calls rcuapi.Barrier), then stops its poster.
package crossbarrier

import (
	"sync"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu     sync.Mutex
	closed bool
	n      int
)

func bump() {
	mu.Lock()
	defer mu.Unlock()
	if closed {
		return
	}
	n++
	rcuapi.Call(bump)
}

func exit() {
	modhelpers.StopAll() // want `RCU6003: exit, a module's Exit, waits for the callbacks queued on classic RCU before the code at crossbarrier.go:\d+ sets the flag the posting code reads`
	mu.Lock()
	closed = true
	mu.Unlock()
}

var Module = &rcuapi.Module{Name: "crossbarrier", Init: func() error { bump(); return nil }, Exit: exit}
