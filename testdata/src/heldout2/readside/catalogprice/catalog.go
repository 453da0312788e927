// Case: catalog price lookup ends its SRCU section through a helper that also counts hits, then ends it again itself
// Source: Documentation/RCU/checklist.rst item 2 (every srcu_read_lock() matched by exactly one srcu_read_unlock()); kernel fixes for double srcu_read_unlock() after an unlock was moved into a helper
// Kind: bad
// Pair: catalogpricefix

package catalogprice

import (
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Item is one catalog entry. Readers may block (they fetch images from a
// blob store inside the section), hence SRCU.
type Item struct {
	SKU        string
	Title      string
	PriceCents int64
	ImageKey   string
}

type Catalog struct {
	dom          rcuapi.SRCU
	items        rcuapi.Map[string, *Item]
	hits, misses atomic.Uint64
}

// endLookup ends a lookup's section and counts its outcome.
func (c *Catalog) endLookup(s rcuapi.Section, hit bool) {
	c.dom.ReadUnlock(s)
	if hit {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
}

// Title returns an item's display title.
func (c *Catalog) Title(sku string) (string, bool) {
	s := c.dom.ReadLock()
	it, ok := c.items.Load(s, sku)
	var title string
	if ok {
		title = it.Title
	}
	c.endLookup(s, ok)
	return title, ok
}

// Price returns an item's price in cents.
func (c *Catalog) Price(sku string) (int64, bool) {
	s := c.dom.ReadLock()
	it, ok := c.items.Load(s, sku)
	var price int64
	if ok {
		price = it.PriceCents
	}
	c.endLookup(s, ok)
	c.dom.ReadUnlock(s) // expect RCU1003
	return price, ok
}

// Put stores an item. Items hold no resources, so a replaced one is left
// to the garbage collector.
func (c *Catalog) Put(it *Item) {
	c.items.Store(it.SKU, it)
}
