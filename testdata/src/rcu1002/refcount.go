package rcu1002

import (
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// A reference counted object: tryGet takes a reference inside the section
// and says whether it got one, so the object may be used after it. A
// method that only bumps a counter takes no reference.

type session struct {
	refs atomic.Int32
	hits atomic.Int64
	out  chan []byte
}

var sess rcuapi.Pointer[session]

func (c *session) tryGet() bool {
	for {
		n := c.refs.Load()
		if n == 0 {
			return false
		}
		if c.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (c *session) put() { c.refs.Add(-1) }

// send counts what it sends; the count is no reference.
func (c *session) send(msg []byte) bool {
	select {
	case c.out <- msg:
		c.hits.Add(1)
		return true
	default:
		return false
	}
}

func okUsedUnderReference(msg []byte) bool {
	s := rcuapi.ReadLock()
	c := sess.Dereference(s)
	if c == nil || !c.tryGet() {
		rcuapi.ReadUnlock(s)
		return false
	}
	rcuapi.ReadUnlock(s)
	defer c.put()
	return c.send(msg)
}

func sentWithoutReference(msg []byte) bool {
	s := rcuapi.ReadLock()
	c := sess.Dereference(s)
	rcuapi.ReadUnlock(s)
	if c == nil {
		return false
	}
	return c.send(msg) // want `RCU1002: a pointer obtained under the section begun by ReadLock at refcount\.go:\d+ is used after the section ended`
}

var lastSession *session

// keptWithoutReference keeps a session that offers a reference, without
// taking one: the message says it could.
func keptWithoutReference() {
	s := rcuapi.ReadLock()
	lastSession = sess.Dereference(s) // want `RCU1002: a pointer obtained under the section begun by ReadLock at refcount\.go:\d+ is stored in package variable lastSession; copy the data you need out of it, or take a reference \(TryGet\) inside the section$`
	rcuapi.ReadUnlock(s)
}
