// Case: shop catalog reload builds the SKU index before it publishes the catalog
// Source: Documentation/RCU/checklist.rst item 4 (initialise before rcu_assign_pointer()); lazily built indexes on published Go snapshots
// Kind: fixed
// Pair: native/publishindex

package publishindexfix

import "sync/atomic"

type Product struct {
	SKU   string
	Name  string
	Cents int64
}

type Catalog struct {
	Products []Product
	bySKU    map[string]int
}

type Shop struct {
	cat atomic.Pointer[Catalog]
}

func indexBySKU(ps []Product) map[string]int {
	m := make(map[string]int, len(ps))
	for i, p := range ps {
		m[p.SKU] = i
	}
	return m
}

// Reload runs on the single feed-import goroutine.
func (s *Shop) Reload(ps []Product) {
	c := &Catalog{Products: ps}
	c.bySKU = indexBySKU(ps)
	s.cat.Store(c)
}

func (s *Shop) Price(sku string) (int64, bool) {
	c := s.cat.Load()
	if c == nil {
		return 0, false
	}
	i, ok := c.bySKU[sku]
	if !ok {
		return 0, false
	}
	return c.Products[i].Cents, true
}
