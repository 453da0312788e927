// Case: pending requests remember the connection's id; the reply looks the connection up again inside a new section
// Source: issue 13 item 8; fix: keep a key, not the protected pointer, and look it up again under a section
// Kind: fixed
// Pair: connsyncmap

package connsyncmapfix

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
	pending  sync.Map // request id -> id of the connection that sent it
)

// Track remembers that request req came from remote.
func Track(req uint64, remote netip.AddrPort) bool {
	s := connsDom.ReadLock()
	defer connsDom.ReadUnlock(s)
	for e := range conns.All(s) {
		if e.Value.Remote == remote {
			pending.Store(req, e.Value.ID)
			return true
		}
	}
	return false
}

// Reply delivers the reply to request req, if its connection is still there.
func Reply(req uint64, payload []byte) {
	v, ok := pending.LoadAndDelete(req)
	if !ok {
		return
	}
	id := v.(uint64)
	s := connsDom.ReadLock()
	defer connsDom.ReadUnlock(s)
	for e := range conns.All(s) {
		if e.Value.ID == id {
			e.Value.out <- payload
			return
		}
	}
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
