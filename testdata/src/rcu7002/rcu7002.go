// Package rcu7002 holds the fixtures of RCU7002: a write into what a
// slot's Load returned, or into what it reaches. ok.go holds the correct
// idioms.
package rcu7002

import (
	"net/http"
	"sort"
	"sync/atomic"

	"fixtures/rcu7002/getter"
)

type routes struct {
	byHost  map[string]string
	order   []string
	headers http.Header
	limit   int
}

var table atomic.Pointer[routes]

func setLimit(n int) {
	table.Load().limit = n // want `RCU7002: this assigns to field limit of a loaded snapshot`
}

func addRoute(host, backend string) {
	t := table.Load()
	t.byHost[host] = backend // want `RCU7002: this inserts into a map of a loaded snapshot`
}

func dropRoute(host string) {
	delete(table.Load().byHost, host) // want `RCU7002: this deletes from a map of a loaded snapshot`
}

func sortOrder() []string {
	order := table.Load().order
	sort.Strings(order) // want `RCU7002: this reorders a slice of a loaded snapshot in place with sort\.Strings`
	return order
}

func removeAt(i int) {
	cur := table.Load().order
	next := append(cur[:i], cur[i+1:]...) // want `RCU7002: this appends to a slice of a loaded snapshot, which may write into its backing array`
	table.Store(&routes{order: next})
}

// shallowCopy copies the struct, but its map is still the snapshot's.
func shallowCopy(k, v string) {
	c := *table.Load()
	c.byHost[k] = v // want `RCU7002: this inserts into a map of a loaded snapshot`
	table.Store(&c)
}

func setHeader(v string) {
	table.Load().headers.Set("X-Version", v) // want `RCU7002: this changes a loaded snapshot with Set`
}

func fill(r *routes) { r.limit = 10 }

func viaHelper() {
	fill(table.Load()) // want `RCU7002: this hands a loaded snapshot to fill, which writes into it`
}

func viaGetter() {
	getter.Get().Debug = true // want `RCU7002: this assigns to field Debug of a loaded snapshot`
}

func viaSnapshotGetter(c *getter.Cache) {
	if cfg := c.Lookup("x"); cfg != nil {
		cfg.Labels["seen"] = "yes" // want `RCU7002: this inserts into a map of a loaded snapshot`
	}
}
