// Case: the updater takes the lock first and holds it from the read of the current pool to the publication of the copy
// Source: checklist items 1 and 9, Documentation/RCU/checklist
// Kind: fixed
// Pair: poolprotectedbeforelock

package poolprotectedbeforelockfix

import (
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Pool is the set of backend addresses.
type Pool struct {
	addrs []string
}

var (
	mu   sync.Mutex
	pool rcuapi.Pointer[Pool]
)

// Pick returns the backend for hash.
func Pick(hash int) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	a := pool.Dereference(s).addrs
	if len(a) == 0 {
		return ""
	}
	return a[hash%len(a)]
}

// AddBackend publishes a copy of the pool with addr added.
func AddBackend(addr string) {
	mu.Lock()
	defer mu.Unlock()
	cur := pool.Protected(&mu)
	if slices.Contains(cur.addrs, addr) {
		return
	}
	pool.Assign(&Pool{addrs: append(slices.Clone(cur.addrs), addr)})
}

// RemoveBackend publishes a copy of the pool without addr.
func RemoveBackend(addr string) {
	mu.Lock()
	defer mu.Unlock()
	cur := pool.Protected(&mu)
	next := &Pool{}
	for _, a := range cur.addrs {
		if a != addr {
			next.addrs = append(next.addrs, a)
		}
	}
	pool.Assign(next)
}
