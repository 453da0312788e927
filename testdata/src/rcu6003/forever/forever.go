// Package forever holds a callback that queues itself again with nothing
// that can stop it: no Exit can stop it before its Barrier.
package forever

import (
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ticks atomic.Uint64

func tick() {
	ticks.Add(1)
	rcuapi.Call(tick) // want `RCU6003: this callback queues itself again on classic RCU on every path, and nothing it looks at can stop it`
}

type monitor struct{ beats atomic.Uint64 }

var mon monitor

func (m *monitor) beat() {
	m.beats.Add(1)
	m.schedule()
}

func (m *monitor) schedule() {
	rcuapi.Call(m.beat) // want `RCU6003: this callback queues itself again on classic RCU on every path`
}

func start() error {
	rcuapi.Call(tick)
	mon.schedule()
	return nil
}

func stop() { rcuapi.Barrier() }

var Module = &rcuapi.Module{Name: "forever", Init: start, Exit: stop}
