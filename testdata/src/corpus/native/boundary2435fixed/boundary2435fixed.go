// Case: after the swap the old database handle is closed by a goroutine once its pool reports no connection in use, or after a maximum wait
// Source: hashicorp/boundary PR #2435 https://github.com/hashicorp/boundary/pull/2435, code at the fix e5db129764e5, internal/db/db.go Swap (ticker checking sql.DBStats.InUse, capped by CloseSwappedDbDuration); the in-use count works as a reference count of readers, the cap is a timer, so the wait is ad hoc
// Kind: fixed
// Pair: boundary2435bad

package boundary2435fixed

import (
	"errors"
	"sync/atomic"
	"time"
)

// CloseSwappedDbDuration bounds how long an old handle stays open.
var CloseSwappedDbDuration = 5 * time.Minute

// conn is an open database pool.
type conn struct {
	closed atomic.Bool
	inUse  atomic.Int32
}

func (c *conn) Query(q string) error {
	if c.closed.Load() {
		return errors.New("sql: database is closed")
	}
	c.inUse.Add(1)
	defer c.inUse.Add(-1)
	return nil
}

// InUse is the number of connections running a query.
func (c *conn) InUse() int { return int(c.inUse.Load()) }

func (c *conn) Close() error {
	c.closed.Store(true)
	return nil
}

// DB is shared by every repository; they call Query on the current handle.
type DB struct {
	wrapped atomic.Pointer[conn]
}

// Query is the read side.
func (db *DB) Query(q string) error {
	return db.wrapped.Load().Query(q)
}

// reloadDatabase switches to the database named in a new configuration.
func reloadDatabase(db *DB, newConn *conn) error {
	if newConn == nil {
		return errors.New("no new db object present")
	}
	old := db.wrapped.Swap(newConn)
	go func() {
		maxTime := time.Now().Add(CloseSwappedDbDuration)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			if old.InUse() == 0 || time.Now().After(maxTime) {
				_ = old.Close()
				return
			}
		}
	}()
	return nil
}
