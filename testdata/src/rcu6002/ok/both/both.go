// Package both waits for readers with Synchronize (it releases what they
// use) and then for callbacks with Barrier: both are needed, neither
// replaces the other.
package both

import (
	"os"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type quota struct {
	limit int
	f     *os.File
}

var (
	replaced atomic.Int64 // what the callbacks counted
	mu       sync.Mutex
	cur      rcuapi.Pointer[quota]
	audit    *os.File
)

func Set(next *quota) {
	mu.Lock()
	cur.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { replaced.Add(1) })
}

func exit() {
	mu.Lock()
	old := cur.Replace(nil, &mu)
	mu.Unlock()
	rcuapi.Synchronize()
	rcuapi.Barrier()
	if old != nil {
		old.f.Close()
	}
	audit.Close()
}

var Module = &rcuapi.Module{Name: "quota", Exit: exit}
