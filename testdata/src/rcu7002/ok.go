package rcu7002

import (
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"fixtures/rcu7002/getter"
)

var tableMu sync.Mutex

// okCopyOnWrite copies deeply what it changes, then stores the copy.
func okCopyOnWrite(host, backend string) {
	tableMu.Lock()
	defer tableMu.Unlock()
	cur := table.Load()
	next := *cur
	next.byHost = maps.Clone(cur.byHost)
	next.byHost[host] = backend
	next.order = append(cur.order[:len(cur.order):len(cur.order)], host)
	table.Store(&next)
}

// okSortedCopy sorts a copy.
func okSortedCopy() []string {
	order := slices.Clone(table.Load().order)
	slices.Sort(order)
	return order
}

// okReadOnly only reads.
func okReadOnly(host string) (string, int) {
	t := table.Load()
	return t.byHost[host], len(t.order)
}

// okClone writes a deep copy the getter's owner made.
func okClone(c *getter.Cache) {
	if cfg := c.Lookup("x"); cfg != nil {
		own := cfg.Clone()
		own.Labels["seen"] = "yes"
	}
}

// entry memoises a result under its own lock.
type entry struct {
	mu     sync.Mutex
	result *int
}

var memo atomic.Pointer[entry]

func okOwnLock(v int) {
	e := memo.Load()
	e.mu.Lock()
	defer e.mu.Unlock()
	e.result = &v
}

// conn is a handle, not a snapshot: its methods change it, under its own
// synchronisation.
type conn struct {
	mu      sync.Mutex
	written int
}

func (c *conn) write(p []byte) {
	c.mu.Lock()
	c.written += len(p)
	c.mu.Unlock()
}

var current atomic.Pointer[conn]

func okHandle(p []byte) {
	current.Load().write(p)
}
