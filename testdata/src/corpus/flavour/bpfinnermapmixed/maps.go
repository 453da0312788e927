// Case: inner maps are read both by classic readers and by sleepable (SRCU) readers, but a replaced inner map is freed after a classic grace period only
// Source: CVE-2023-52447, Linux commit 876673364161 "bpf: Defer the free of inner map when necessary" (https://www.sentinelone.com/vulnerability-database/cve-2023-52447/): the inner map must outlive both an RCU and a tasks-trace RCU grace period
// Kind: bad
// Pair: bpfinnermapmixedfix

package bpfinnermapmixed

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var arena = sync.Pool{New: func() any { return make([]uint64, 1024) }}

// InnerMap is an array map whose values live in a pooled arena.
type InnerMap struct {
	vals []uint64
}

// Close returns the map's arena to the pool.
func (m *InnerMap) Close() { arena.Put(m.vals) }

var (
	sleepable rcuapi.SRCU                   // sections of sleepable programs
	outer     rcuapi.Map[uint32, *InnerMap] // map-in-map: slot -> inner map
)

// RunProg is a non-sleepable program: a classic reader.
func RunProg(slot uint32, k int) uint64 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	m, ok := outer.Load(s, slot)
	if !ok || k >= len(m.vals) {
		return 0
	}
	return m.vals[k]
}

// RunSleepableProg is a sleepable program: an SRCU reader that may block.
func RunSleepableProg(slot uint32, k int, out chan<- uint64) {
	s := sleepable.ReadLock()
	defer sleepable.ReadUnlock(s)
	m, ok := outer.Load(s, slot)
	if !ok || k >= len(m.vals) {
		return
	}
	out <- m.vals[k]
}

// UpdateElem replaces the inner map in slot and frees the old one.
func UpdateElem(slot uint32, next *InnerMap) {
	old, ok := outer.Swap(slot, next)
	if ok {
		rcuapi.Call(old.Close) // expect RCU5001
	}
}
