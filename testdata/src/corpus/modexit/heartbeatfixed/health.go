// Case: health module's grace-period heartbeat re-posts itself through a schedule helper that checks a stopped flag; Exit sets it, then Barriers twice
// Source: Documentation/RCU/rcubarrier.rst (self-reposting callbacks); Linux RCU CPU stall detection, where a grace period that stops advancing is the symptom watched for
// Kind: fixed
// Pair: heartbeatbad

package heartbeatfixed

import (
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type monitor struct {
	beats    atomic.Uint64 // grace periods seen since load
	lastBeat atomic.Int64  // unix nanoseconds of the last one
	stopped  atomic.Bool
}

var mon monitor

// Module is the health monitor.
var Module = &rcuapi.Module{Name: "health", Init: load, Exit: unload}

func load() error {
	mon.beats.Store(0)
	mon.stopped.Store(false)
	mon.schedule()
	return nil
}

// beat runs after each grace period and schedules the next one.
func (m *monitor) beat() {
	m.beats.Add(1)
	m.lastBeat.Store(time.Now().UnixNano())
	m.schedule()
}

// schedule queues the next heartbeat unless the monitor is stopped.
func (m *monitor) schedule() {
	if m.stopped.Load() {
		return
	}
	rcuapi.Call(m.beat)
}

// Stalled reports whether no grace period has completed for d.
func Stalled(d time.Duration) bool {
	last := mon.lastBeat.Load()
	return last != 0 && time.Since(time.Unix(0, last)) > d
}

// Beats returns how many grace periods have completed since load.
func Beats() uint64 { return mon.beats.Load() }

// unload stops the chain, then waits for it: the first Barrier for a beat
// that may have passed the check just before the flag was set, the second
// for the one it may have queued.
func unload() {
	mon.stopped.Store(true)
	rcuapi.Barrier()
	rcuapi.Barrier()
}
