// Package rcu7005 holds the fixtures of RCU7005: atomic.Value given nil,
// values of different concrete types, or loaded before anything is
// stored. ok.go holds the correct idioms.
package rcu7005

import (
	"errors"
	"net/http"
	"sync/atomic"
)

var lastErr atomic.Value

// Fail stores errors of whatever type each caller has.
func Fail(err error) {
	lastErr.Store(err) // want `RCU7005: Store into atomic.Value lastErr of a value of interface type error`
}

var handler atomic.Value

func SetHandler(h http.Handler) {
	handler.Store(h) // want `RCU7005: Store into atomic.Value handler of a value of interface type net/http\.Handler`
}

var state atomic.Value

func reset() {
	state.Store(nil) // want `RCU7005: Store of nil into atomic.Value state panics`
}

type small struct{ n int }
type large struct{ n, m int }

var mixed atomic.Value

func init() { mixed.Store(&small{}) }

func grow() {
	mixed.Store(&large{}) // want `RCU7005: Store into atomic.Value mixed of a \*large, but the Store at rcu7005\.go:\d+ stores a \*small`
}

type chain struct {
	head atomic.Value // *block
}

type block struct{ n int }

func newChain(fail bool) (*chain, error) {
	c := &chain{}
	if err := c.load(fail); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *chain) load(fail bool) error {
	if fail {
		return errors.New("corrupt")
	}
	c.head.Store(&block{})
	return nil
}

func (c *chain) Head() *block {
	return c.head.Load().(*block) // want `RCU7005: this type assertion panics if c\.head is loaded before anything is stored in it`
}

// An early exit on some other state of the owner does not say that the
// Value holds something.
type conn struct {
	closed bool
	last   atomic.Value // *block
}

func (c *conn) setLast(b *block) { c.last.Store(b) }

func (c *conn) Last() *block {
	if c.closed {
		return nil
	}
	return c.last.Load().(*block) // want `RCU7005: this type assertion panics if c\.last is loaded before anything is stored in it`
}
