// Case: instancesend
// Source: Documentation/RCU/whatisRCU.rst ("the pointer must not be used outside the RCU read-side critical section"); consul/etcd watchers that hand catalog entries to subscriber channels
// Kind: bad
// Pair: readside/instancesendfix
package instancesend

import (
	"net/netip"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Instance struct {
	Service string
	Addr    netip.AddrPort
	Meta    map[string]string
}

type Catalog struct {
	leader rcuapi.Pointer[Instance]
}

// Notify tells a subscriber where the leader is now.
func (c *Catalog) Notify(out chan<- *Instance) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	inst := c.leader.Dereference(s)
	if inst == nil {
		return
	}
	select {
	case out <- inst: // expect RCU1002
	default:
	}
}
