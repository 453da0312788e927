// Case: credential rotation swaps in a database handle opened with the new password and closes the old handle at once, although queries pin handles with a reference count that the rotation ignores
// Source: hashicorp/boundary PR #2435 (old database handle closed after Swap on a timer, not when its users were done); vault database secrets engine credential rotation; Documentation/RCU/checklist.rst item 15
// Kind: bad
// Pair: native/dbswapclosefix

package dbswapclose

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"
)

// handle is one *sql.DB with a reference count: one base reference while it
// is current, plus one per query running on it.
type handle struct {
	db   *sql.DB
	refs atomic.Int64
}

func newHandle(db *sql.DB) *handle {
	h := &handle{db: db}
	h.refs.Store(1)
	return h
}

// tryGet takes a reference unless the handle is already being closed.
func (h *handle) tryGet() bool {
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
		h.db.Close()
	}
}

type Store struct {
	cur atomic.Pointer[handle]
}

var errRotating = errors.New("store: handle rotating, retry")

func (s *Store) Query(ctx context.Context, q string, args ...any) (*sql.Rows, func(), error) {
	h := s.cur.Load()
	if !h.tryGet() {
		return nil, nil, errRotating
	}
	rows, err := h.db.QueryContext(ctx, q, args...)
	if err != nil {
		h.release()
		return nil, nil, err
	}
	return rows, h.release, nil
}

// Rotate is called by the secrets watcher with a handle on the new credentials.
func (s *Store) Rotate(db *sql.DB) {
	old := s.cur.Swap(newHandle(db))
	if old != nil {
		old.db.Close() // expect RCU7004
	}
}
