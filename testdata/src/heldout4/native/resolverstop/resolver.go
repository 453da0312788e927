// Case: DNS client replaces its resolver when /etc/resolv.conf changes and stops the replaced resolver's connection pool right after the Store, failing lookups that loaded it a moment earlier
// Source: hashicorp/boundary PR #2435 (replaced handle torn down while users still held it); caddy and coredns upstream reloads; Documentation/RCU/checklist.rst item 15
// Kind: bad
// Pair: -

package resolverstop

import (
	"context"
	"net"
	"sync"
	"sync/atomic"
)

type Resolver struct {
	servers []string
	conns   chan net.Conn // pooled UDP sockets
	closed  atomic.Bool
}

func NewResolver(servers []string) *Resolver {
	return &Resolver{servers: servers, conns: make(chan net.Conn, 16)}
}

// Stop closes the pooled sockets; lookups on a stopped resolver fail.
func (r *Resolver) Stop() {
	r.closed.Store(true)
	for {
		select {
		case c := <-r.conns:
			c.Close()
		default:
			return
		}
	}
}

func (r *Resolver) Lookup(ctx context.Context, host string) ([]string, error) {
	if r.closed.Load() {
		return nil, net.ErrClosed
	}
	res := &net.Resolver{PreferGo: true}
	return res.LookupHost(ctx, host)
}

type Client struct {
	mu  sync.Mutex
	cur atomic.Pointer[Resolver]
}

// Reconfigure runs when resolv.conf changes.
func (c *Client) Reconfigure(servers []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.cur.Load()
	c.cur.Store(NewResolver(servers))
	if old != nil {
		old.Stop() // expect RCU7004
	}
}

func (c *Client) LookupHost(ctx context.Context, host string) ([]string, error) {
	return c.cur.Load().Lookup(ctx, host)
}
