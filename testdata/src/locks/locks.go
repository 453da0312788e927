// Package locks checks the engine's lock tracking: at every call to probe,
// the comment says which locks are held on every path.
package locks

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type table struct {
	mu  sync.Mutex
	rw  sync.RWMutex
	cur rcuapi.Pointer[int]
}

var global sync.Mutex

func probe() {}

func plain(t *table) {
	probe() // held:
	t.mu.Lock()
	probe() // held: t.mu
	t.mu.Unlock()
	probe() // held:
}

func deferred(t *table) {
	t.mu.Lock()
	defer t.mu.Unlock()
	probe() // held: t.mu
}

func branches(t *table, x bool) {
	if x {
		t.mu.Lock()
	}
	probe() // held:
	if !x {
		return
	}
	global.Lock()
	probe() // held: global
	global.Unlock()
}

func readLocked(t *table) int {
	t.rw.RLock()
	probe() // held: t.rw (read)
	v := t.cur.Protected(t.rw.RLocker())
	t.rw.RUnlock()
	probe() // held:
	return *v
}

func loop(t *table, n int) {
	for i := 0; i < n; i++ {
		t.mu.Lock()
		probe() // held: t.mu
		t.mu.Unlock()
	}
	probe() // held:
}

func goroutine(t *table) {
	t.mu.Lock()
	go func() {
		probe() // held:
	}()
	func() {
		probe() // held: t.mu
	}()
	t.mu.Unlock()
}
