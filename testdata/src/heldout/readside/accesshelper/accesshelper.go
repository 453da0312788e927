// Case: admin endpoint passes the result of Access to another package's summariser
// Source: rcu_access_pointer() used where rcu_dereference() was needed because the value was passed to a helper that reads it (Documentation/RCU/rcu_dereference.rst)
// Kind: bad
// Pair: accesshelperfix

package accesshelper

import (
	"net/http"
	"sync"

	"fixtures/heldout/readside/accesshelper/stats"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Catalog struct {
	mu    sync.Mutex
	table rcuapi.Pointer[stats.Table]
	seen  *stats.Table // last version reported, compared only
}

// ServeHTTP writes a one-line summary of the shard table.
func (c *Catalog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t := c.table.Access()
	if t == nil {
		http.Error(w, "no table yet", http.StatusServiceUnavailable)
		return
	}
	line := stats.Summarize(t) // expect RCU1007
	w.Write([]byte(line + "\n"))
}

// Poll reports whether the table changed since the last poll.
func (c *Catalog) Poll() bool {
	cur := c.table.Access()
	c.mu.Lock()
	defer c.mu.Unlock()
	changed := stats.Changed(cur, c.seen)
	c.seen = cur
	return changed
}

// Rebalance publishes a new table.
func (c *Catalog) Rebalance(next *stats.Table) {
	c.mu.Lock()
	c.table.Assign(next)
	c.mu.Unlock()
}
