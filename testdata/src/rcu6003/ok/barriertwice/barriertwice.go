// Package barriertwice waits with Barrier, stops the poster, and waits
// again: the second Barrier covers what was queued in between.
package barriertwice

import (
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	stopping atomic.Bool
	polls    atomic.Int64
)

func poll() {
	if stopping.Load() {
		return
	}
	polls.Add(1)
	rcuapi.Call(poll)
}

func exit() {
	rcuapi.Barrier()
	stopping.Store(true)
	rcuapi.Barrier()
}

var Module = &rcuapi.Module{Name: "barriertwice", Init: func() error { poll(); return nil }, Exit: exit}
