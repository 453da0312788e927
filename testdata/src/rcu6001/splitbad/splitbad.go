// Package splitbad splits its Exit over helpers: modhelpers.StopAll waits
// for the classic callbacks, but drain, of this package, waits for the
// SRCU domain's callbacks on one path only.
package splitbad

import (
	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	dom     rcuapi.SRCU
	flushes int
	fast    bool
)

func flush() { flushes++ }

func Touch() {
	modhelpers.Retire(flush)
	dom.Call(flush)
}

func drain() {
	if !fast {
		dom.Barrier()
	}
}

func exit() { // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on SRCU domain dom \(at splitbad\.go:\d+\): they could run after the module is gone; stop queueing them, then call dom\.Barrier\(\) before Exit returns$`
	modhelpers.StopAll()
	drain()
}

var Module = &rcuapi.Module{Name: "flusher", Exit: exit}
