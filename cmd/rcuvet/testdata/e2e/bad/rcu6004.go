package bad

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type page struct{ f *os.File }

var (
	pageMu  sync.Mutex // serialises the updaters of curPage
	pages   rcuapi.SRCU
	curPage rcuapi.Pointer[page]
)

// SwapPage publishes next and closes the old page's file once its readers
// are gone.
func SwapPage(next *page) {
	pageMu.Lock()
	old := curPage.Replace(next, &pageMu)
	pageMu.Unlock()
	if old != nil {
		pages.Call(func() { old.f.Close() })
	}
}

// ClosePages ends the domain while callbacks may be queued: Cleanup drops
// them, and their files stay open.
func ClosePages() error {
	return pages.Cleanup() // want RCU6004
}
