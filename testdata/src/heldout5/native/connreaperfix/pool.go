// Case: connreaperfix
// Source: hashicorp/boundary PR #2435 (old handle closed after Swap without waiting for its users); grpc-go balancer subconn shutdowns; Documentation/RCU/checklist.rst item 15
// Kind: fixed
// Pair: native/connreaper
package connreaperfix

import (
	"database/sql"
	"sync/atomic"
)

type Replica struct {
	DSN  string
	db   *sql.DB
	refs atomic.Int64 // base reference + one per running query
}

func (r *Replica) tryGet() bool {
	for {
		n := r.refs.Load()
		if n == 0 {
			return false
		}
		if r.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (r *Replica) put() {
	if r.refs.Add(-1) == 0 {
		r.db.Close()
	}
}

type ReadPool struct {
	current atomic.Pointer[Replica]
	retired chan *Replica
}

func NewReadPool(first *Replica) *ReadPool {
	p := &ReadPool{retired: make(chan *Replica, 16)}
	first.refs.Store(1)
	p.current.Store(first)
	go p.reap()
	return p
}

func (p *ReadPool) Query(q string) error {
	for {
		r := p.current.Load()
		if !r.tryGet() {
			continue // retired under us; load the new one
		}
		defer r.put()
		_, err := r.db.Exec(q)
		return err
	}
}

// Failover points readers at a new replica; the old one goes to the reaper.
func (p *ReadPool) Failover(next *Replica) {
	next.refs.Store(1)
	p.retired <- p.current.Swap(next)
}

func (p *ReadPool) reap() {
	for r := range p.retired {
		r.put() // drop the base reference; the last query closes it
	}
}
