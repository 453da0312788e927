// Case: price catalog's background refresh goroutine publishes under the same mutex as the admin setter
// Source: Documentation/RCU/checklist.rst item 1 (updaters need mutual exclusion: locking, atomics, or a single updater); lost-update reports in kernel code that published from a work item without the update lock
// Kind: fixed
// Pair: asyncrefresh

package asyncrefreshfix

import (
	"context"
	"maps"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type prices struct {
	source string // "upstream" or "admin"
	bySKU  map[string]int64
}

func (p *prices) with(sku string, cents int64) *prices {
	next := &prices{source: "admin", bySKU: maps.Clone(p.bySKU)}
	next.bySKU[sku] = cents
	return next
}

type Catalog struct {
	mu    sync.Mutex // serialises publishers of cur
	cur   rcuapi.Pointer[prices]
	fetch func(context.Context) (map[string]int64, error)
}

func New(fetch func(context.Context) (map[string]int64, error)) *Catalog {
	c := &Catalog{fetch: fetch}
	c.cur.Init(&prices{source: "empty", bySKU: map[string]int64{}})
	return c
}

// Price returns the price of sku in cents.
func (c *Catalog) Price(sku string) (int64, bool) {
	s := rcuapi.ReadLock()
	v, ok := c.cur.Dereference(s).bySKU[sku]
	rcuapi.ReadUnlock(s)
	return v, ok
}

// SetPrice overrides one price (admin API).
func (c *Catalog) SetPrice(sku string, cents int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur.Assign(c.cur.Protected(&c.mu).with(sku, cents))
}

// RefreshAsync reloads the whole list from upstream in the background and
// reports the outcome to done. Price lists are only memory; a replaced one
// is left to the garbage collector.
func (c *Catalog) RefreshAsync(ctx context.Context, done func(error)) {
	go func() {
		bySKU, err := c.fetch(ctx)
		if err == nil {
			c.mu.Lock()
			c.cur.Assign(&prices{source: "upstream", bySKU: bySKU})
			c.mu.Unlock()
		}
		done(err)
	}()
}
