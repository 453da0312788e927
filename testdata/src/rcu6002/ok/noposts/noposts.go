// Package noposts queues no callback. Its Exit unpublishes its state and
// waits for readers with Synchronize before it closes it: no Barrier is
// needed.
package noposts

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conf struct{ f *os.File }

var (
	mu  sync.Mutex
	dom rcuapi.SRCU
	cur rcuapi.Pointer[conf]
)

func exit() {
	mu.Lock()
	old := cur.Replace(nil, &mu)
	mu.Unlock()
	rcuapi.Synchronize()
	dom.SynchronizeExpedited()
	if old != nil {
		old.f.Close()
	}
}

var Module = &rcuapi.Module{Name: "conf", Exit: exit}
