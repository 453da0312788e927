// Case: namespace teardown unpublishes every interface in a loop, then waits for one expedited grace period for the whole batch
// Source: idiom: batch the updates and wait once, as the kernel-doc of synchronize_rcu_expedited() asks; the netdevice unregister path batches synchronize_net() the same way
// Kind: idiom

package batchexpedite

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type iface struct {
	name  string
	index int
	queue chan []byte
}

type Namespace struct {
	mu     sync.Mutex
	ifaces map[string]*rcuapi.Pointer[iface]
}

// Teardown removes every interface. Callers wait for it interactively, so
// one expedited grace period is worth its cost; one per interface is not.
func (ns *Namespace) Teardown() int {
	var gone []*iface
	ns.mu.Lock()
	for _, p := range ns.ifaces {
		if old := p.Replace(nil, &ns.mu); old != nil {
			gone = append(gone, old)
		}
	}
	ns.mu.Unlock()
	if len(gone) == 0 {
		return 0
	}
	rcuapi.SynchronizeExpedited()
	for _, old := range gone {
		close(old.queue)
	}
	return len(gone)
}

// Send queues a packet on interface name without waiting.
func (ns *Namespace) Send(name string, pkt []byte) bool {
	p := ns.ifaces[name] // the map is fixed at creation
	if p == nil {
		return false
	}
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	ifc := p.Dereference(s)
	if ifc == nil {
		return false
	}
	select {
	case ifc.queue <- pkt:
		return true
	default:
		return false
	}
}
