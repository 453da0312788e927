// Case: both tables are read inside the section, and only values leave it
// Source: Linux commit 345077c8e172 (KVM PPC: move srcu_read_lock() earlier so that it covers every dereference, https://git.cdn.openwrt.org/?a=commitdiff&h=345077c8e172c255ea0707214303ccd099e5656b&p=openwrt%2Fstaging%2Fblogic.git)
// Kind: fixed
// Pair: catalogderefafterunlock

package catalogderefafterunlockfix

import (
	"fmt"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Item is a catalog entry (values only).
type Item struct {
	Name  string
	Price int64
}

// Catalog and Discounts are published separately by the admin service.
type Catalog struct {
	items map[string]Item
}

type Discounts struct {
	percent map[string]int64
}

var (
	mu        sync.Mutex
	catalog   rcuapi.Pointer[Catalog]
	discounts rcuapi.Pointer[Discounts]
)

// Quote returns a price line for item id.
func Quote(id string) string {
	s := rcuapi.ReadLock()
	item, ok := catalog.Dereference(s).items[id]
	off := discounts.Dereference(s).percent[id]
	rcuapi.ReadUnlock(s)
	if !ok {
		return "unknown item"
	}
	return fmt.Sprintf("%s: %d", item.Name, item.Price*(100-off)/100)
}

// SetDiscounts publishes a new discount table.
func SetDiscounts(d *Discounts) {
	mu.Lock()
	defer mu.Unlock()
	discounts.Assign(d)
}
