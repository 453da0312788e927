// Case: a connection found on an RCU list is remembered in a sync.Map of pending requests, outliving the section
// Source: issue 13 item 8 (sync.Map.Store of a protected pointer); kernel rule in Documentation/RCU/whatisRCU: a pointer from rcu_dereference() is valid only inside the enclosing section (http://kerneltrap.org/mailarchive/linux-kernel/2007/10/7/331165)
// Kind: bad
// Pair: connsyncmapfix

package connsyncmap

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Conn is one client connection; Drop closes out once no reader can see it.
type Conn struct {
	ID     uint64
	Remote netip.AddrPort
	out    chan []byte
}

var (
	connsDom rcuapi.SRCU // readers send on out, so they may block
	mu       sync.Mutex
	conns    rcuapi.List[*Conn]
	pending  sync.Map // request id -> *Conn that sent it
)

// Track remembers that request req came from remote.
func Track(req uint64, remote netip.AddrPort) bool {
	s := connsDom.ReadLock()
	defer connsDom.ReadUnlock(s)
	for e := range conns.All(s) {
		if e.Value.Remote == remote {
			pending.Store(req, e.Value) // expect RCU1002
			return true
		}
	}
	return false
}

// Reply delivers the reply to request req.
func Reply(req uint64, payload []byte) {
	v, ok := pending.LoadAndDelete(req)
	if !ok {
		return
	}
	v.(*Conn).out <- payload
}

// Drop unlinks c and closes its queue once no reader can reach it.
func Drop(c *Conn) {
	mu.Lock()
	for e := range conns.AllProtected(&mu) {
		if e.Value == c {
			conns.Remove(e)
		}
	}
	mu.Unlock()
	connsDom.Synchronize()
	close(c.out)
}
