// Case: a config reload swaps in the new database handle and closes the old one at once, while queries that loaded it are still running
// Source: hashicorp/boundary PR #2435 https://github.com/hashicorp/boundary/pull/2435, code at its parent 51703264f8ae, internal/db/db.go Swap (returned a close function for the old handle) and internal/cmd/commands/server/server.go reloadDatabase (called it right away); there the handle was a struct overwritten under a mutex that readers did not take, here it is an atomic.Pointer and the close is inlined
// Kind: bad
// Pair: boundary2435fixed

package boundary2435bad

import (
	"errors"
	"sync/atomic"
)

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
	return old.Close() // expect RCU7004
}
