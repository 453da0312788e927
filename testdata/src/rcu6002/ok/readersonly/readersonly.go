// Package readersonly queues callbacks on classic RCU only. Its Exit waits
// for them with Barrier and for the readers of its SRCU domain, on which it
// queues nothing, with Synchronize.
package readersonly

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type backend struct{ f *os.File }

var (
	mu       sync.Mutex
	backends rcuapi.SRCU // readers block; no callbacks queued here
	cur      rcuapi.Pointer[backend]
	count    int
)

func Swap(next *backend) {
	mu.Lock()
	cur.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { count++ })
}

func exit() {
	mu.Lock()
	old := cur.Replace(nil, &mu)
	mu.Unlock()
	backends.Synchronize()
	rcuapi.Barrier()
	if old != nil {
		old.f.Close()
	}
}

var Module = &rcuapi.Module{Name: "backends", Exit: exit}
