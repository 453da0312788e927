// Package noexit builds a module with an Init that starts queueing
// callbacks and no Exit at all: Unload has nothing to wait for them.
package noexit

import (
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var sweeps atomic.Int64

func sweep() {
	sweeps.Add(1)
	rcuapi.Call(sweep)
}

var Module = &rcuapi.Module{Name: "noexit", Init: func() error { sweep(); return nil }} // want `^RCU6001: this module has no Exit, but its package queues callbacks on classic RCU \(at noexit.go:\d+\): they could run after the module is unloaded; give it an Exit that stops queueing them, then calls rcuapi\.Barrier\(\)$`
