// Case: VPN client swaps its tunnel with CompareAndSwap on reconnect and closes the replaced tunnel immediately, while packet senders may still be inside an SRCU section writing to it
// Source: Documentation/RCU/checklist.rst item 15 (no destruction before a grace period after the unpublish); hashicorp/boundary PR #2435; tailscale-style tunnel reconnects
// Kind: bad
// Pair: updateside/casclosefix

package casclose

import (
	"io"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Tunnel struct {
	ID   uint64
	conn io.WriteCloser
}

type Client struct {
	senders rcuapi.SRCU // senders write to the tunnel inside sections
	tun     rcuapi.Pointer[Tunnel]
}

// Reconnect installs next unless another goroutine already replaced old.
func (c *Client) Reconnect(old, next *Tunnel) bool {
	if !c.tun.CompareAndSwap(old, next) {
		next.conn.Close()
		return false
	}
	if old != nil {
		old.conn.Close() // expect RCU2004
	}
	return true
}

func (c *Client) Send(pkt []byte) error {
	s := c.senders.ReadLock()
	defer c.senders.ReadUnlock(s)
	t := c.tun.Dereference(s)
	if t == nil {
		return io.ErrClosedPipe
	}
	_, err := t.conn.Write(pkt)
	return err
}
