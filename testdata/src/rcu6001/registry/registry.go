// Package registry keeps the free functions other packages register and
// queues them as callbacks when their objects are released: it posts
// callbacks on their behalf. It holds no module, so nothing is reported
// here.
package registry

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu      sync.Mutex
	free    = map[string]func(){}
	pending []func()
)

// Register keeps fn as the free function of kind.
func Register(kind string, fn func()) {
	mu.Lock()
	defer mu.Unlock()
	free[kind] = fn
}

// Release queues the free function of kind after a grace period.
func Release(kind string) {
	mu.Lock()
	fn := free[kind]
	mu.Unlock()
	if fn != nil {
		rcuapi.Call(func() { fn() })
	}
}

// Later keeps fn to be queued by Flush.
func Later(fn func()) {
	mu.Lock()
	pending = append(pending, fn)
	mu.Unlock()
}

// Flush queues every function kept by Later.
func Flush() {
	mu.Lock()
	batch := pending
	pending = nil
	mu.Unlock()
	for _, fn := range batch {
		rcuapi.Call(fn)
	}
}
