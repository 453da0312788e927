// Package syncearly has an Exit that waits for readers with Synchronize
// (rightly: it frees what readers use) and for callbacks with Barrier, but
// returns between the two on one path. The Synchronize is no mistaken
// Barrier (the Exit has its Barrier): the missing Barrier on the early path
// is RCU6001, not RCU6002.
package syncearly

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conf struct{ f *os.File }

var (
	mu   sync.Mutex
	cur  rcuapi.Pointer[conf]
	logf *os.File
)

func Set(next *conf) {
	mu.Lock()
	cur.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { logf.WriteString("conf replaced\n") })
}

func exit() { // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU \(at syncearly.go:\d+\)`
	mu.Lock()
	old := cur.Replace(nil, &mu)
	mu.Unlock()
	rcuapi.Synchronize() // readers of old are gone
	if old == nil {
		return // no Barrier on this path
	}
	old.f.Close()
	rcuapi.Barrier()
	logf.Close()
}

var Module = &rcuapi.Module{Name: "conf", Exit: exit}
