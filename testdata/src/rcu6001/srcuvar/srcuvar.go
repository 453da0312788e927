// Package srcuvar queues callbacks on classic RCU and on an SRCU domain
// held in a package variable. Its Exit waits for the classic ones only.
package srcuvar

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type page struct{ f *os.File }

var (
	mu    sync.Mutex
	pages rcuapi.SRCU // protects cur; its readers block
	cur   rcuapi.Pointer[page]
	stats int
)

func Swap(next *page) {
	mu.Lock()
	old := cur.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { stats++ })
	if old != nil {
		pages.Call(func() { old.f.Close() })
	}
}

func exit() { // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on SRCU domain pages \(at srcuvar\.go:\d+\): they could run after the module is gone; stop queueing them, then call pages\.Barrier\(\) before Exit returns$`
	rcuapi.Barrier()
}

var Module = &rcuapi.Module{Name: "pages", Exit: exit}
