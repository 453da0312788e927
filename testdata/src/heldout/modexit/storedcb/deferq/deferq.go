// Package deferq batches deferred frees: callers store functions with Add,
// and Flush queues them all as RCU callbacks at once.
package deferq

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu      sync.Mutex
	pending []func()
)

// Add stores fn; it runs after a grace period that starts after the next Flush.
func Add(fn func()) {
	mu.Lock()
	pending = append(pending, fn)
	mu.Unlock()
}

// Flush queues every stored function with rcuapi.Call.
func Flush() {
	mu.Lock()
	fns := pending
	pending = nil
	mu.Unlock()
	for _, fn := range fns {
		rcuapi.Call(fn)
	}
}

// Len reports how many functions wait for the next Flush.
func Len() int {
	mu.Lock()
	defer mu.Unlock()
	return len(pending)
}
