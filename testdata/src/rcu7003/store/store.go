// Package store keeps what it is given as it is: it publishes the
// caller's memory.
package store

import "sync/atomic"

// Client dials the endpoints it was last given.
type Client struct {
	endpoints atomic.Pointer[[]string]
}

// SetEndpoints publishes eps as given, without a copy.
func (c *Client) SetEndpoints(eps ...string) { c.endpoints.Store(&eps) }

// SetEndpointsCopy publishes a copy of eps.
func (c *Client) SetEndpointsCopy(eps ...string) {
	own := append([]string(nil), eps...)
	c.endpoints.Store(&own)
}

// Endpoint is the read side.
func (c *Client) Endpoint(i int) string {
	eps := *c.endpoints.Load()
	return eps[i%len(eps)]
}
