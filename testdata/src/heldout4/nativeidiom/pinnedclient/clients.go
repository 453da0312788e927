// Case: gRPC-style client holder pins the current connection with an increment-unless-zero reference taken right after Load; rotation swaps in a new connection and drops the old one's base reference, so the last caller closes it
// Source: idiom: reference counts instead of a grace period (Documentation/RCU/rcuref.rst, atomic_inc_not_zero); grpc-go and etcd client endpoint rotation
// Kind: idiom

package pinnedclient

import (
	"context"
	"io"
	"sync/atomic"
)

type Conn interface {
	Invoke(ctx context.Context, method string, req, resp any) error
	io.Closer
}

type ref struct {
	conn Conn
	n    atomic.Int32 // base reference while current, plus one per call
}

func (r *ref) get() bool {
	for {
		n := r.n.Load()
		if n == 0 {
			return false
		}
		if r.n.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (r *ref) put() {
	if r.n.Add(-1) == 0 {
		r.conn.Close()
	}
}

type Holder struct {
	cur atomic.Pointer[ref]
}

func (h *Holder) Set(c Conn) {
	r := &ref{conn: c}
	r.n.Store(1)
	if old := h.cur.Swap(r); old != nil {
		old.put() // drop the base reference; in-flight calls keep it open
	}
}

func (h *Holder) Invoke(ctx context.Context, method string, req, resp any) error {
	for {
		r := h.cur.Load()
		if r.get() {
			defer r.put()
			return r.conn.Invoke(ctx, method, req, resp)
		}
		// Rotated and drained between Load and get: load the new one.
	}
}
