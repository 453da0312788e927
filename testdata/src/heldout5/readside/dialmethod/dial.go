// Case: dialmethod
// Source: Documentation/RCU/whatisRCU.rst (a method value keeps its receiver, a protected pointer, alive past the section); grpc-go picker results used after the picker was replaced
// Kind: bad
// Pair: -
package dialmethod

import (
	"context"
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Upstream struct {
	Network string
	Addr    string
	dialer  net.Dialer
}

func (u *Upstream) Dial(ctx context.Context) (net.Conn, error) {
	return u.dialer.DialContext(ctx, u.Network, u.Addr)
}

type Balancer struct {
	pick rcuapi.Pointer[[]*Upstream]
}

// Dialer returns the dial function of the upstream for key.
func (b *Balancer) Dialer(key uint32) func(context.Context) (net.Conn, error) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	ups := *b.pick.Dereference(s)
	if len(ups) == 0 {
		return nil
	}
	return ups[int(key)%len(ups)].Dial // expect RCU1002
}
