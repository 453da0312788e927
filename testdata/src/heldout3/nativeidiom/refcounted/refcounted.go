// Case: database handle pool: queries pin the current handle with an increment-unless-zero reference; rotation swaps the handle and drops the base reference, and the last user closes it
// Source: idiom: reference counts pin objects that outlive the snapshot (kref_get_unless_zero(), Documentation/RCU/rcuref.rst); hashicorp/boundary PR #2435's fix direction
// Kind: idiom

package refcounted

import (
	"io"
	"sync/atomic"
)

type handle struct {
	refs atomic.Int32 // 1 base reference while published
	conn io.Closer
}

func (h *handle) tryAcquire() bool {
	for {
		n := h.refs.Load()
		if n == 0 {
			return false
		}
		if h.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (h *handle) release() {
	if h.refs.Add(-1) == 0 {
		h.conn.Close()
	}
}

type Pool struct {
	cur atomic.Pointer[handle]
}

func (p *Pool) acquire() *handle {
	for {
		h := p.cur.Load()
		if h.tryAcquire() {
			return h
		}
	}
}

// Query runs f with a connection that stays open until f returns.
func (p *Pool) Query(f func(io.Closer) error) error {
	h := p.acquire()
	defer h.release()
	return f(h.conn)
}

// Rotate installs a connection with new credentials.
func (p *Pool) Rotate(c io.Closer) {
	h := &handle{conn: c}
	h.refs.Store(1)
	if old := p.cur.Swap(h); old != nil {
		old.release()
	}
}
