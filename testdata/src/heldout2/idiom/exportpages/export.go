// Case: inventory exporter pages through an rcuapi.Map in key order, one short section per page, writing each page to the network between sections
// Source: idiom: dropping the read-side section between batches of blocking work and resuming by key (listRCU.rst; Go pagination by cursor)
// Kind: idiom

package exportpages

import (
	"cmp"
	"encoding/json"
	"io"
	"slices"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Item struct {
	SKU   string
	Qty   int
	Price int64
}

type Inventory struct {
	items rcuapi.Map[string, *Item]
}

// nextPage returns up to n items with keys greater than after, in key
// order, as copies.
func (inv *Inventory) nextPage(after string, n int) []Item {
	var page []Item
	s := rcuapi.ReadLock()
	for k, it := range inv.items.Range(s) {
		if k > after {
			page = append(page, *it)
		}
	}
	rcuapi.ReadUnlock(s)
	slices.SortFunc(page, func(a, b Item) int { return cmp.Compare(a.SKU, b.SKU) })
	if len(page) > n {
		page = page[:n]
	}
	return page
}

// Export streams every item as JSON lines, pageSize at a time. Items added
// or removed meanwhile may or may not appear; none appears twice.
func (inv *Inventory) Export(w io.Writer, pageSize int) error {
	enc := json.NewEncoder(w)
	after := ""
	for {
		page := inv.nextPage(after, pageSize)
		if len(page) == 0 {
			return nil
		}
		for _, it := range page {
			if err := enc.Encode(it); err != nil {
				return err
			}
		}
		after = page[len(page)-1].SKU
	}
}

// Set stores an item; replaced items are only memory.
func (inv *Inventory) Set(it *Item) { inv.items.Store(it.SKU, it) }
