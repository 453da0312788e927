// Package client is an etcd-like client (part of case vsetendpointsbad).
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

// SetEndpoints updates the client's endpoints; it keeps eps as given.
func (c *Client) SetEndpoints(eps ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.res.endpoints.Store(&eps)
}

// Endpoint returns the endpoint the next dial uses.
func (c *Client) Endpoint(n int) string {
	eps := *c.res.endpoints.Load()
	return eps[n%len(eps)]
}
