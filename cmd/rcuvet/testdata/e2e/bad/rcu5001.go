package bad

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	catalogMu  sync.Mutex
	catalogDom rcuapi.SRCU // the domain of catalog's readers
	catalog    rcuapi.Pointer[[]string]
)

// CatalogLen reads the catalog under catalogDom.
func CatalogLen() int {
	s := catalogDom.ReadLock()
	defer catalogDom.ReadUnlock(s)
	if c := catalog.Dereference(s); c != nil {
		return len(*c)
	}
	return 0
}

// SetCatalog retires the old catalog after a classic grace period, which
// does not wait for catalogDom's readers.
func SetCatalog(next []string) {
	catalogMu.Lock()
	old := catalog.Replace(&next, &catalogMu)
	catalogMu.Unlock()
	rcuapi.Synchronize() // want RCU5001
	if old != nil {
		clear(*old)
	}
}
