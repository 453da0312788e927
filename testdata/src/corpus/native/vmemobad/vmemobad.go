// Case: a reader fills in the memoised result of the loaded cache entry without any lock
// Source: idiom: k8s.io/client-go@v0.37.2 tools/cache/synctrack/lazy.go cacheEntry.get, which sets e.result only under e.lock; here the entry's lock is left out
// Kind: bad
// Pair: vmemofixed

package vmemobad

import "sync/atomic"

type cacheEntry[T any] struct {
	eval   func() (T, error)
	result *T
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
	if e.result != nil {
		return *e.result, nil
	}
	r, err := e.eval()
	if err == nil {
		e.result = &r // expect RCU7002
	}
	return r, err
}
