// Case: QSBR packet worker goes offline while it waits for the next batch
// Source: liburcu urcu-qsbr: threads call rcu_thread_offline() before blocking, or every synchronize_rcu() waits for them (https://github.com/urcu/userspace-rcu doc/rcu-api.md); the same rule in DPDK's rte_rcu_qsbr
// Kind: fixed
// Pair: qsbrblock

package qsbrblockfix

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type fib struct {
	routes map[netip.Prefix]int // prefix -> output port
	bits   []int                // prefix lengths present, longest first
}

func (f *fib) lookup(a netip.Addr) (int, bool) {
	for _, b := range f.bits {
		p, _ := a.Prefix(b)
		if port, ok := f.routes[p]; ok {
			return port, true
		}
	}
	return 0, false
}

type Packet struct {
	Dst  netip.Addr
	Port int
}

type Forwarder struct {
	q   rcuapi.QSBR
	mu  sync.Mutex
	fib rcuapi.Pointer[fib]
}

// Worker forwards batches until in is closed, setting each packet's
// output port in place (-1: no route).
func (fw *Forwarder) Worker(in <-chan []Packet) {
	r := fw.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		batch, ok := <-in
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		f := fw.fib.Dereference(s)
		for i := range batch {
			port, found := f.lookup(batch[i].Dst)
			if !found {
				port = -1
			}
			batch[i].Port = port
		}
		r.ReadUnlock(s)
		r.Quiescent()
	}
}

// SetFIB publishes a new table; the old one is garbage after the grace period.
func (fw *Forwarder) SetFIB(next *fib) {
	fw.mu.Lock()
	fw.fib.Assign(next)
	fw.mu.Unlock()
	fw.q.Synchronize()
}
