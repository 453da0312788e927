// Case: an atomic.Pointer as a replaceable handle: callers store a logger they built, the client loads it to log; nothing is derived from a Load
// Source: idiom: go.etcd.io/etcd/client/v3@v3.7.3 client.go Client.lg (NewCtxClient default, WithZapLogger, WithLogger, GetLogger)
// Kind: idiom
// Pair: none

package ietcdlogger

import (
	"log"
	"os"
	"sync/atomic"
)

// Client talks to a cluster.
type Client struct {
	lg atomic.Pointer[log.Logger]
}

// NewClient returns a client with a default logger unless one was set by an option.
func NewClient(opts ...func(*Client)) *Client {
	c := &Client{}
	for _, o := range opts {
		o(c)
	}
	if c.lg.Load() == nil {
		c.lg.Store(log.New(os.Stderr, "etcd-client ", log.LstdFlags))
	}
	return c
}

// WithLogger replaces the logger.
func (c *Client) WithLogger(lg *log.Logger) *Client {
	c.lg.Store(lg)
	return c
}

// GetLogger reports the logger in use.
func (c *Client) GetLogger() *log.Logger { return c.lg.Load() }

func (c *Client) warn(msg string) { c.lg.Load().Println(msg) }
