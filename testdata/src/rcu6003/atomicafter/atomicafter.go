// Package atomicafter keeps its posting state in a struct: a callback
// re-posts itself while an atomic flag in the struct is clear. The Exit
// literal waits with Barrier, then sets the flag.
package atomicafter

import (
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type poller struct {
	stopping atomic.Bool
	polls    atomic.Int64
}

func (p *poller) poll() {
	if p.stopping.Load() {
		return
	}
	p.polls.Add(1)
	rcuapi.Call(p.poll)
}

var p poller

var Module = &rcuapi.Module{
	Name: "atomicafter",
	Init: func() error { p.poll(); return nil },
	Exit: func() {
		rcuapi.Barrier() // want `RCU6003: the Exit function literal, a module's Exit, waits for the callbacks queued on classic RCU before the code at atomicafter.go:\d+ sets the flag the posting code reads`
		p.stopping.Store(true)
	},
}
