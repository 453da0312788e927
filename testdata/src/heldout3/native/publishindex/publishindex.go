// Case: shop catalog reload publishes the new catalog and only then builds its SKU index, which readers consult
// Source: Documentation/RCU/checklist.rst item 4 (initialise before rcu_assign_pointer()); lazily built indexes on published Go snapshots
// Kind: bad
// Pair: native/publishindexfix

package publishindex

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
	s.cat.Store(c)
	c.bySKU = indexBySKU(ps) // expect RCU7003
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
