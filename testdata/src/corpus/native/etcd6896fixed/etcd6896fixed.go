// Case: Endpoints returns a copy of the endpoint slice, so the caller may rewrite it
// Source: etcd-io/etcd PR #6896 https://github.com/etcd-io/etcd/pull/6896, code at the merge c31b1ab8d18f, clientv3/client.go Endpoints ("copy the slice; protect original endpoints from being changed")
// Kind: fixed
// Pair: etcd6896bad

package etcd6896fixed

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
func (c *Client) Endpoints() []string {
	src := c.cfg.Load().Endpoints
	eps := make([]string, len(src))
	copy(eps, src)
	return eps
}

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
		eps[i] = ep + " - " + version(ep)
	}
	return strings.Join(eps, "; ")
}
