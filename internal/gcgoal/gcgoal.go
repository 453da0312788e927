// Package gcgoal raises the garbage collector's first heap goal in a
// short-lived process, as the Go compiler does for itself.
//
// go vet starts its vet tool once for every package it checks, the
// dependencies included, and most of those processes end before their heap
// outgrows a few tens of megabytes; with the default GOGC=100 the collector
// nevertheless starts at a 4 MB goal and runs several times on the way
// there. Under go vet that collection was about a seventh of rcuvet's CPU
// time. Raise lets the heap grow to a fixed goal before the first
// collection, and keeps later goals at least that large until the live heap
// reaches half of it; from then on the collector paces itself as GOGC=100
// says, so a large package costs the memory it did before.
package gcgoal

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Raise sets the collector's goal to goal bytes for as long as the live
// heap stays under half of it. It does nothing when the environment sets
// GOGC or GOMEMLIMIT: whoever set them decides.
func Raise(goal uint64) {
	if goal == 0 || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	// Before the first collection the goal is 4 MB scaled by GOGC/100.
	debug.SetGCPercent(int(goal / (4 << 20) * 100))
	arm(goal)
}

// sentinel is allocated only to be collected: its cleanup runs after each
// collection that finds it unreachable. The pointer keeps it out of the
// tiny allocator, whose blocks may outlive their objects.
type sentinel struct {
	_ *int
	_ [2]uint64
}

// arm registers adjust to run after the next collection.
func arm(goal uint64) {
	runtime.AddCleanup(new(sentinel), adjust, goal)
}

// adjust sets the percentage that makes the next goal equal goal, given
// the heap the last collection found live, or goes back to GOGC=100 once
// that heap has reached half of goal.
func adjust(goal uint64) {
	live := liveHeap()
	if live == 0 || 2*live >= goal {
		debug.SetGCPercent(100)
		return
	}
	debug.SetGCPercent(int((goal - live) * 100 / live))
	arm(goal)
}

// liveHeap returns the bytes of heap objects the last collection marked.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
