// Case: client sends to the current leader in a retry loop that takes a fresh section on every attempt and ends it on every path (continue, break and return) before it sleeps or does network I/O
// Source: idiom: one short read-side section per loop iteration, re-reading the pointer each time instead of holding a stale one (Documentation/RCU/whatisRCU.rst; checklist.rst item 2)
// Kind: idiom

package relockloop

import (
	"errors"
	"net/netip"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoLeader = errors.New("client: no leader elected")

type leader struct {
	addr  netip.AddrPort
	term  uint64
	ready bool
}

type Client struct {
	mu     sync.Mutex
	leader rcuapi.Pointer[leader]
	send   func(netip.AddrPort, []byte) error
}

// Send delivers req to the leader, following leader changes for up to
// attempts tries.
func (c *Client) Send(req []byte, attempts int) error {
	var lastTerm uint64
	for i := 0; i < attempts; i++ {
		s := rcuapi.ReadLock()
		ld := c.leader.Dereference(s)
		if ld == nil {
			rcuapi.ReadUnlock(s)
			break
		}
		if !ld.ready || ld.term == lastTerm {
			rcuapi.ReadUnlock(s)
			time.Sleep(time.Duration(i+1) * 20 * time.Millisecond)
			continue
		}
		addr, term := ld.addr, ld.term
		rcuapi.ReadUnlock(s)

		if err := c.send(addr, req); err == nil {
			return nil
		}
		lastTerm = term
	}
	return ErrNoLeader
}

// Elect publishes a new leader; leaders are only memory.
func (c *Client) Elect(addr netip.AddrPort, term uint64) {
	c.mu.Lock()
	c.leader.Replace(&leader{addr: addr, term: term, ready: true}, &c.mu)
	c.mu.Unlock()
}
