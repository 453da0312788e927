// Case: QSBR packet worker ends its read-side section before it skips a packet with continue
// Source: Documentation/RCU/checklist.rst item 2 (every path out of a read-side section ends it); liburcu urcu-qsbr rules (rcu_read_unlock() before rcu_quiescent_state() or rcu_thread_offline())
// Kind: fixed
// Pair: flowcontinue

package flowcontinuefix

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Packet struct {
	Flow uint64
	Data []byte
}

type portMap struct {
	ports []uint16
}

type Switch struct {
	q       *rcuapi.QSBR
	mu      sync.Mutex
	ports   rcuapi.Pointer[portMap] // nil until the controller connects
	dropped atomic.Uint64
	tx      func(port uint16, data []byte) // hands the frame to a lock-free TX ring; never blocks
}

// Worker switches packets until in is closed.
func (sw *Switch) Worker(in <-chan Packet) {
	r := sw.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		pkt, ok := <-in
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		pm := sw.ports.Dereference(s)
		if pm == nil || len(pm.ports) == 0 {
			r.ReadUnlock(s)
			sw.dropped.Add(1)
			continue
		}
		port := pm.ports[pkt.Flow%uint64(len(pm.ports))]
		r.ReadUnlock(s)
		r.Quiescent()
		sw.tx(port, pkt.Data)
	}
}

// Install publishes a port map from the controller; old maps are only memory.
func (sw *Switch) Install(ports []uint16) {
	sw.mu.Lock()
	sw.ports.Replace(&portMap{ports: ports}, &sw.mu)
	sw.mu.Unlock()
}
