// Case: the loaded cache entry carries its own mutex, and its memoised result is written only under it
// Source: idiom: k8s.io/client-go@v0.37.2 tools/cache/synctrack/lazy.go cacheEntry.get (RLock fast path, Lock, re-check, set e.result)
// Kind: fixed
// Pair: vmemobad

package vmemofixed

import (
	"sync"
	"sync/atomic"
)

type cacheEntry[T any] struct {
	eval   func() (T, error)
	lock   sync.RWMutex
	result *T
}

func (e *cacheEntry[T]) get() (T, error) {
	e.lock.RLock()
	cur := e.result
	e.lock.RUnlock()
	if cur != nil {
		return *cur, nil
	}
	e.lock.Lock()
	defer e.lock.Unlock()
	if e.result != nil {
		return *e.result, nil
	}
	r, err := e.eval()
	if err == nil {
		e.result = &r
	}
	return r, err
}

// Lazy defers Evaluate until a result is needed.
type Lazy[T any] struct {
	Evaluate func() (T, error)
	cache    atomic.Pointer[cacheEntry[T]]
}

// Notify marks the cached result stale.
func (z *Lazy[T]) Notify() { z.cache.Swap(&cacheEntry[T]{eval: z.Evaluate}) }

// Get returns the cached result, computing it on first use; called from many goroutines.
func (z *Lazy[T]) Get() (T, error) {
	e := z.cache.Load()
	if e == nil {
		z.cache.CompareAndSwap(nil, &cacheEntry[T]{eval: z.Evaluate})
		e = z.cache.Load()
	}
	return e.get()
}
