// Package syncandbarrier needs both: Exit waits for readers with
// Synchronize before it releases what they use, and for callbacks with
// Barrier, on classic RCU and on an SRCU domain.
package syncandbarrier

import (
	"os"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conf struct{ f *os.File }

var (
	replaced atomic.Int64 // what the callbacks counted
	mu       sync.Mutex
	dom      rcuapi.SRCU
	cur      rcuapi.Pointer[conf]
	logf     *os.File
)

func Set(next *conf) {
	mu.Lock()
	cur.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { replaced.Add(1) })
	dom.Call(func() { replaced.Add(1) })
}

func exit() {
	mu.Lock()
	old := cur.Replace(nil, &mu)
	mu.Unlock()
	rcuapi.Synchronize()
	dom.Synchronize()
	rcuapi.Barrier()
	dom.Barrier()
	if old != nil {
		old.f.Close()
	}
	logf.Close()
}

var Module = &rcuapi.Module{Name: "conf", Exit: exit}
