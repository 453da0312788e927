// Case: flow table rebuild puts the replaced slot array on its free list right after publishing the new one, while QSBR workers may still be reading it
// Source: Documentation/RCU/checklist.rst item 15 and liburcu's urcu-qsbr documentation (synchronize_rcu() before reusing memory that readers may still hold); DPDK rte_rcu_qsbr defer-queue docs
// Kind: bad
// Pair: flowrecyclefix

package flowrecycle

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type slotArray struct {
	ports []uint16 // indexed by flow hash
}

type Table struct {
	q    *rcuapi.QSBR
	mu   sync.Mutex // serialises rebuilds; guards free
	cur  rcuapi.Pointer[slotArray]
	free []*slotArray
}

func New(size int) *Table {
	t := &Table{q: rcuapi.NewQSBR("flows")}
	t.cur.Init(&slotArray{ports: make([]uint16, size)})
	return t
}

// Worker forwards packets by flow hash. It owns a QSBR handle; out only
// appends to a lock-free ring and never blocks.
func (t *Table) Worker(hashes <-chan uint32, out func(port uint16, h uint32)) {
	r := t.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		h, ok := <-hashes
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		sa := t.cur.Dereference(s)
		port := sa.ports[h%uint32(len(sa.ports))]
		r.ReadUnlock(s)
		r.Quiescent()
		out(port, h)
	}
}

// Rebuild publishes a new assignment of flows to ports, reusing a slot
// array from the free list. It runs on the control goroutine, which has no
// QSBR handle.
func (t *Table) Rebuild(assign func(ports []uint16)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	cur := t.cur.Protected(&t.mu)
	var next *slotArray
	if n := len(t.free); n > 0 {
		next, t.free = t.free[n-1], t.free[:n-1]
	} else {
		next = &slotArray{ports: make([]uint16, len(cur.ports))}
	}
	assign(next.ports)
	old := t.cur.Replace(next, &t.mu)
	t.free = append(t.free, old) // expect RCU2004
}
