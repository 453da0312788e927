// Package cond has an Exit that waits, with CondSynchronize, for the grace
// period it noted when it stopped posting: a grace period still, not the
// callbacks.
package cond

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu      sync.Mutex
	stopped bool
	count   int
)

func Hit() {
	mu.Lock()
	defer mu.Unlock()
	if !stopped {
		rcuapi.Call(func() { count++ })
	}
}

func exit() {
	mu.Lock()
	stopped = true
	st := rcuapi.GetState()
	mu.Unlock()
	rcuapi.CondSynchronize(st) // want `^RCU6002: exit, a module's Exit, waits for a grace period of classic RCU, but this package queues callbacks there \(at cond\.go:\d+\) and a grace period does not wait for callbacks: call rcuapi\.Barrier\(\) instead$`
}

var Module = &rcuapi.Module{Name: "hits", Exit: exit}
