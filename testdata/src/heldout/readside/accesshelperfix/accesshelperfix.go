// Case: admin endpoint summarises the table under a section, keeps Access for identity checks
// Source: rcu_access_pointer() used where rcu_dereference() was needed because the value was passed to a helper that reads it (Documentation/RCU/rcu_dereference.rst)
// Kind: fixed
// Pair: accesshelper

package accesshelperfix

import (
	"net/http"
	"sync"

	"fixtures/heldout/readside/accesshelperfix/stats"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Catalog struct {
	mu    sync.Mutex
	table rcuapi.Pointer[stats.Table]
	seen  *stats.Table // last version reported, compared only
}

// ServeHTTP writes a one-line summary of the shard table.
func (c *Catalog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := rcuapi.ReadLock()
	t := c.table.Dereference(s)
	var line string
	if t != nil {
		line = stats.Summarize(t)
	}
	rcuapi.ReadUnlock(s)
	if line == "" {
		http.Error(w, "no table yet", http.StatusServiceUnavailable)
		return
	}
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
