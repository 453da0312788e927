// Case: DB connection pool records a GetState cookie right after swapping a connection out of the map; the reaper closes it once PollState reports the cookie complete
// Source: Linux get_state_synchronize_rcu()/poll_state_synchronize_rcu() kernel-doc (a cookie covers only readers that were already running when it was taken; snapshot after the removal); Documentation/RCU/checklist.rst item 15
// Kind: fixed
// Pair: cookiereaperbad

package cookiereaperfixed

import (
	"database/sql"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conn struct {
	dsn string
	db  *sql.DB
}

// Close closes the connection's database handle.
func (c *conn) Close() error { return c.db.Close() }

type retired struct {
	c  *conn
	gp rcuapi.GPState
}

var (
	mu    sync.Mutex
	conns rcuapi.Map[string, *conn]
	limbo []retired // guarded by mu
)

// DSN returns the data source name in use for shard.
func DSN(shard string) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if c, ok := conns.Load(s, shard); ok {
		return c.dsn
	}
	return ""
}

// Reconnect publishes db for shard; the connection it replaces is closed
// by Reap once no reader can still be using it.
func Reconnect(shard, dsn string, db *sql.DB) {
	mu.Lock()
	if old, ok := conns.Swap(shard, &conn{dsn: dsn, db: db}); ok {
		// The cookie is taken once old is unreachable for new readers.
		limbo = append(limbo, retired{c: old, gp: rcuapi.GetState()})
	}
	mu.Unlock()
}

// Reap closes the retired connections whose grace period has completed.
// A janitor goroutine calls it every few seconds.
func Reap() int {
	var ready []*conn
	mu.Lock()
	keep := limbo[:0]
	for _, r := range limbo {
		if rcuapi.PollState(r.gp) {
			ready = append(ready, r.c)
		} else {
			keep = append(keep, r)
		}
	}
	clear(limbo[len(keep):])
	limbo = keep
	mu.Unlock()
	for _, c := range ready {
		c.Close()
	}
	return len(ready)
}
