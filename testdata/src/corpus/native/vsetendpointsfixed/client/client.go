// Package client is an etcd-like client (part of case vsetendpointsfixed).
package client

import (
	"sync"
	"sync/atomic"
)

type resolver struct {
	endpoints atomic.Pointer[[]string] // read by every dial
}

// Client talks to a cluster.
type Client struct {
	mu  sync.Mutex
	res resolver
}

// SetEndpoints updates the client's endpoints with a private copy of eps.
func (c *Client) SetEndpoints(eps ...string) {
	own := append([]string(nil), eps...)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.res.endpoints.Store(&own)
}

// Endpoint returns the endpoint the next dial uses.
func (c *Client) Endpoint(n int) string {
	eps := *c.res.endpoints.Load()
	return eps[n%len(eps)]
}
