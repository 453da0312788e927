// Case: VPN client waits for a grace period of the senders' SRCU domain after the CompareAndSwap before it closes the replaced tunnel
// Source: Documentation/RCU/checklist.rst item 15 (no destruction before a grace period after the unpublish); hashicorp/boundary PR #2435; tailscale-style tunnel reconnects
// Kind: fixed
// Pair: updateside/casclose

package casclosefix

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
		c.senders.Synchronize()
		old.conn.Close()
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
