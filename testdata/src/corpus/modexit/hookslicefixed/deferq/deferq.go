// Package deferq batches deferred frees for the filter framework. Filter
// stages read their rules under Dom; a stage that replaces its rules hands
// the old set's free function to Defer, and the framework posts the whole
// batch on Dom when it flushes.
package deferq

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Dom is the SRCU domain that every filter stage reads its rules under.
var Dom rcuapi.SRCU

var (
	mu      sync.Mutex
	pending []func() // guarded by mu
)

// Defer records free, to run after a grace period of Dom at the next Flush.
func Defer(free func()) {
	mu.Lock()
	pending = append(pending, free)
	mu.Unlock()
}

// Flush posts every deferred free on Dom.
func Flush() {
	mu.Lock()
	batch := pending
	pending = nil
	mu.Unlock()
	for _, free := range batch {
		Dom.Call(free)
	}
}
