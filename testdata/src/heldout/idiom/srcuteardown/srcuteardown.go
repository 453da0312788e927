// Case: per-tenant cache with its own SRCU domain torn down in order: stop posting, unpublish, wait, Barrier, Cleanup, nothing after
// Source: idiom: the cleanup_srcu_struct() sequence: prevent further call_srcu(), srcu_barrier(), then cleanup (kernel commit 15c68f7f6341 "srcu: Check for tardy grace-period activity in cleanup_srcu_struct()")
// Kind: idiom

package srcuteardown

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrClosed = errors.New("tenant cache closed")

type page struct {
	key  string
	body []byte
}

type TenantCache struct {
	mu     sync.Mutex
	d      *rcuapi.SRCU
	pages  rcuapi.Map[string, *page]
	closed atomic.Bool
	bodies sync.Pool
}

func NewTenantCache(name string) *TenantCache {
	return &TenantCache{d: rcuapi.NewSRCU("tenant-" + name)}
}

// Evict removes key and recycles its body after the domain's grace period.
func (tc *TenantCache) Evict(key string) error {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.closed.Load() {
		return ErrClosed
	}
	if old, ok := tc.pages.Delete(key); ok {
		tc.d.Call(func() { tc.bodies.Put(old.body[:0]) })
	}
	return nil
}

// Len counts pages under the domain.
func (tc *TenantCache) Len() int {
	s := tc.d.ReadLock()
	defer tc.d.ReadUnlock(s)
	n := 0
	for range tc.pages.Range(s) {
		n++
	}
	return n
}

// Close ends the tenant: every later Evict fails before it can post.
func (tc *TenantCache) Close() (int, error) {
	tc.mu.Lock()
	tc.closed.Store(true)
	tc.mu.Unlock()
	n := tc.Len()
	tc.d.Synchronize()
	tc.d.Barrier()
	return n, tc.d.Cleanup()
}
