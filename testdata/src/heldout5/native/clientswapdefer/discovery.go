// Case: clientswapdefer
// Source: hashicorp/boundary PR #2435 (the replaced database handle closed while users still held it); Documentation/RCU/checklist.rst item 15
// Kind: bad
// Pair: -
package clientswapdefer

import (
	"io"
	"net"
	"sync/atomic"
	"time"
)

// Upstream is the connection to the currently elected leader of a service.
type Upstream struct {
	Addr string
	conn net.Conn
}

func (u *Upstream) Send(p []byte) error {
	_, err := u.conn.Write(p)
	return err
}

func (u *Upstream) Close() error { return u.conn.Close() }

type Forwarder struct {
	leader atomic.Pointer[Upstream]
}

// Forward is called by many request goroutines at once.
func (f *Forwarder) Forward(p []byte) error {
	u := f.leader.Load()
	if u == nil {
		return io.ErrClosedPipe
	}
	return u.Send(p)
}

// OnLeaderChange is called by the discovery watcher when the leader moves.
func (f *Forwarder) OnLeaderChange(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, 3*time.Second)
	if err != nil {
		return err
	}
	old := f.leader.Swap(&Upstream{Addr: addr, conn: conn})
	if old == nil {
		return nil
	}
	defer old.Close() // expect RCU7004
	return nil
}
