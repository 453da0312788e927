// Case: Endpoints returns the endpoint slice of the live client config; a caller overwrites its elements
// Source: etcd-io/etcd PR #6896 https://github.com/etcd-io/etcd/pull/6896 (fixes issue #6892, whose reporter's Status function rewrote eps[i]), code at its parent aea9c6668fdc (v3.1.0-rc.1 plus 32 commits), clientv3/client.go Endpoints; there c.cfg was a plain field, here it is an atomic.Pointer so the shared slice is reachable from a slot
// Kind: bad
// Pair: etcd6896fixed

package etcd6896bad

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config is the client configuration.
type Config struct {
	Endpoints   []string
	DialTimeout time.Duration
}

// Client talks to an etcd cluster.
type Client struct {
	mu  sync.Mutex // serialises SetEndpoints
	cfg atomic.Pointer[Config]
}

// Endpoints reports where the client connects.
func (c *Client) Endpoints() []string { return c.cfg.Load().Endpoints }

// SetEndpoints replaces the endpoint list.
func (c *Client) SetEndpoints(eps ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cfg := *c.cfg.Load()
	cfg.Endpoints = append([]string(nil), eps...)
	c.cfg.Store(&cfg)
}

// Status is the user's code from the issue: it decorates each endpoint with its version.
func Status(c *Client, version func(ep string) string) string {
	eps := c.Endpoints()
	for i, ep := range eps {
		eps[i] = ep + " - " + version(ep) // expect RCU7002
	}
	return strings.Join(eps, "; ")
}
