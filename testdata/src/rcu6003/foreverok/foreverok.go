// Package foreverok gives its re-posting callback a flag that the Exit
// sets before its Barrier: correct.
package foreverok

import (
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	ticks   atomic.Uint64
	stopped atomic.Bool
)

func tick() {
	ticks.Add(1)
	if !stopped.Load() {
		rcuapi.Call(tick)
	}
}

func start() error {
	rcuapi.Call(tick)
	return nil
}

func stop() {
	stopped.Store(true)
	rcuapi.Barrier()
	rcuapi.Barrier()
}

var Module = &rcuapi.Module{Name: "foreverok", Init: start, Exit: stop}
