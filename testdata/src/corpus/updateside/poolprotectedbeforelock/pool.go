// Case: an updater reads the current backend pool with Protected before it takes the update lock (check, then lock)
// Source: checklist items 1 and 9 (rcu_dereference_protected() is legal only with the update-side lock held, which lockdep checks, see Linux commit ca5ecddfa8fc "rcu: define __rcu address space modifier for sparse", http://git.toradex.com/cgit/linux-toradex.git/patch/?id=ca5ecddfa8fcbd948c95530e7e817cee9fb43a3d)
// Kind: bad
// Pair: poolprotectedbeforelockfix

package poolprotectedbeforelock

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
	cur := pool.Protected(&mu) // expect RCU2005
	if slices.Contains(cur.addrs, addr) {
		return
	}
	next := &Pool{addrs: append(slices.Clone(cur.addrs), addr)}
	mu.Lock()
	pool.Assign(next)
	mu.Unlock()
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
