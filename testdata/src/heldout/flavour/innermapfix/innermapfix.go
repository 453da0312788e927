// Case: inner lookup table read under both flavours, freed after a classic grace period chained into an SRCU one
// Source: CVE-2023-52447, bpf inner map freed while sleepable programs (tasks-trace RCU) could still use it; the fix waits for both grace periods (https://www.sentinelone.com/vulnerability-database/cve-2023-52447/)
// Kind: fixed
// Pair: innermap

package innermapfix

import (
	"fmt"
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type inner struct {
	values map[uint32]uint64
	arena  []uint64
}

var arenas sync.Pool

// Outer is a map of maps. Packet-path lookups use classic sections;
// exporters, which write to a network stream, use the sleepable domain.
type Outer struct {
	mu     sync.Mutex
	sleepy rcuapi.SRCU
	slots  [64]rcuapi.Pointer[inner]
}

// Lookup runs on the packet path.
func (o *Outer) Lookup(slot int, key uint32) (uint64, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	in := o.slots[slot].Dereference(s)
	if in == nil {
		return 0, false
	}
	v, ok := in.values[key]
	return v, ok
}

// Export streams one inner map; writes may block.
func (o *Outer) Export(slot int, w io.Writer) error {
	s := o.sleepy.ReadLock()
	defer o.sleepy.ReadUnlock(s)
	in := o.slots[slot].Dereference(s)
	if in == nil {
		return nil
	}
	for k, v := range in.values {
		if _, err := fmt.Fprintf(w, "%d:%d\n", k, v); err != nil {
			return err
		}
	}
	return nil
}

// Update replaces the inner map in slot and recycles the old arena.
func (o *Outer) Update(slot int, next *inner) {
	o.mu.Lock()
	old := o.slots[slot].Replace(next, &o.mu)
	o.mu.Unlock()
	if old == nil {
		return
	}
	// Both kinds of readers must be gone: chain the two grace periods.
	rcuapi.Call(func() {
		o.sleepy.Call(func() { arenas.Put(old.arena[:0]) })
	})
}
