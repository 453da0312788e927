package bad

import (
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// sweepStop is set by SweepModule's Exit to stop sweep from queueing
// itself again.
var (
	sweepStop atomic.Bool
	sweeps    atomic.Int64
)

// sweep queues itself again after every grace period until it is stopped.
func sweep() {
	if sweepStop.Load() {
		return
	}
	sweeps.Add(1)
	rcuapi.Call(sweep)
}

// sweepExit waits for the queued callbacks before it stops sweep: a sweep
// that runs in between queues one more, which nobody waits for.
func sweepExit() {
	rcuapi.Barrier() // want RCU6003
	feeds.Barrier()
	pages.Barrier()
	sweepStop.Store(true)
}

var SweepModule = &rcuapi.Module{Name: "sweep", Init: func() error { sweep(); return nil }, Exit: sweepExit}
