package rcu7004

import (
	"database/sql"
	"sync"
	"sync/atomic"
)

// A pool handle with a reference count: one base reference while it is
// curHandle, one more per running query. Dropping the base reference after
// the Swap lets the last user close it (hashicorp/boundary's fix: the old
// handle is closed when its users are done, not on a timer).
type refHandle struct {
	db   *sql.DB
	refs atomic.Int64
}

func (p *refHandle) tryGet() bool {
	for {
		n := p.refs.Load()
		if n == 0 || p.refs.CompareAndSwap(n, n+1) {
			return n != 0
		}
	}
}

func (p *refHandle) release() {
	if p.refs.Add(-1) == 0 {
		p.db.Close()
	}
}

// putRef is release written with a package function and a named result.
func putRef(p *refHandle) {
	if left := p.refs.Add(-1); left <= 0 {
		p.db.Close()
	}
}

var curHandle atomic.Pointer[refHandle]

func okRotateRelease(db *sql.DB) {
	next := &refHandle{db: db}
	next.refs.Store(1)
	if old := curHandle.Swap(next); old != nil {
		old.release()
	}
}

func okRotatePutRef(next *refHandle) {
	if old := curHandle.Swap(next); old != nil {
		putRef(old)
	}
}

// retireConn counts the connection out of a gauge and closes it whatever
// the count: the decrement guards nothing.
var openConns atomic.Int64

func retireConn(p *refHandle) {
	openConns.Add(-1)
	p.db.Close()
}

func rotateRetire(next *refHandle) {
	if old := curHandle.Swap(next); old != nil {
		retireConn(old) // want `RCU7004: retireConn destroys the old value of curHandle right after the Swap`
	}
}

// query pins the current handle for one query.
func query(q string) (*sql.Rows, error) {
	h := curHandle.Load()
	if !h.tryGet() {
		return nil, sql.ErrConnDone
	}
	defer h.release()
	return h.db.Query(q)
}

// okRotateInline drops the base reference in place.
func okRotateInline(next *refHandle) {
	old := curHandle.Swap(next)
	if old != nil && old.refs.Add(-1) == 0 {
		old.db.Close()
	}
}

// A deferred Close runs at the return: still no grace period.
func rotateDeferred(next *refHandle) {
	old := curHandle.Swap(next)
	if old == nil {
		return
	}
	defer old.db.Close() // want `RCU7004: Close destroys the old value of curHandle right after the Swap`
}

// okRotateDeferredAfterWait closes at the return, after waiting for the
// queries that use the old handle.
var running sync.WaitGroup

func okRotateDeferredAfterWait(next *refHandle) {
	old := curHandle.Swap(next)
	if old == nil {
		return
	}
	defer old.db.Close()
	running.Wait()
}
