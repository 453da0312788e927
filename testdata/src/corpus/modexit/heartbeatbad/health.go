// Case: health module's grace-period heartbeat re-posts itself through a schedule helper; no flag, channel or ticker can stop it, so Exit's Barrier never drains it
// Source: Documentation/RCU/rcubarrier.rst (self-reposting callbacks); Linux RCU CPU stall detection, where a grace period that stops advancing is the symptom watched for
// Kind: bad
// Pair: heartbeatfixed

package heartbeatbad

import (
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type monitor struct {
	beats    atomic.Uint64 // grace periods seen since load
	lastBeat atomic.Int64  // unix nanoseconds of the last one
}

var mon monitor

// Module is the health monitor.
var Module = &rcuapi.Module{Name: "health", Init: load, Exit: unload}

func load() error {
	mon.beats.Store(0)
	mon.schedule()
	return nil
}

// beat runs after each grace period and schedules the next one.
func (m *monitor) beat() {
	m.beats.Add(1)
	m.lastBeat.Store(time.Now().UnixNano())
	m.schedule()
}

// schedule queues the next heartbeat.
func (m *monitor) schedule() {
	rcuapi.Call(m.beat) // expect RCU6003
}

// Stalled reports whether no grace period has completed for d.
func Stalled(d time.Duration) bool {
	last := mon.lastBeat.Load()
	return last != 0 && time.Since(time.Unix(0, last)) > d
}

// Beats returns how many grace periods have completed since load.
func Beats() uint64 { return mon.beats.Load() }

// unload waits for the heartbeat callbacks, but each one queues the next.
func unload() {
	rcuapi.Barrier()
}
