// Case: cache module's Exit calls Barrier before setting the closing flag that Invalidate checks before it posts
// Source: Documentation/RCU/rcubarrier.rst (step 1: prevent further call_rcu; step 2: rcu_barrier); rds teardown flag checked before enqueueing work, "rds: tcp: use rds_destroy_pending() to synchronize netns/module teardown and rds connection/workq management", http://patchwork.ozlabs.org/patch/868902/
// Kind: bad
// Pair: flagbarrierfixed

package flagbarrierbad

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type entry struct {
	key  string
	body []byte
}

var (
	mu      sync.Mutex
	closing bool // guarded by mu
	entries rcuapi.Map[string, *entry]
	bodies  = sync.Pool{New: func() any { return make([]byte, 0, 512) }}
)

// Module is the response cache.
var Module = &rcuapi.Module{Name: "respcache", Exit: shutdown}

// Get copies the cached body of key into dst.
func Get(key string, dst []byte) ([]byte, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	e, ok := entries.Load(s, key)
	if !ok {
		return dst, false
	}
	return append(dst, e.body...), true
}

// Put caches body under key; a replaced body is recycled after a grace
// period.
func Put(key string, body []byte) {
	b := bodies.Get().([]byte)
	e := &entry{key: key, body: append(b[:0], body...)}
	mu.Lock()
	defer mu.Unlock()
	if closing {
		return
	}
	if old, ok := entries.Swap(key, e); ok {
		rcuapi.Call(func() { bodies.Put(old.body[:0]) })
	}
}

// Invalidate drops key and recycles its body after a grace period, unless
// the module is shutting down.
func Invalidate(key string) {
	mu.Lock()
	defer mu.Unlock()
	if closing {
		return
	}
	if old, ok := entries.Delete(key); ok {
		rcuapi.Call(func() { bodies.Put(old.body[:0]) })
	}
}

// shutdown drains the callbacks, then sets the flag: an Invalidate in
// between posts a callback after the Barrier.
func shutdown() {
	rcuapi.Barrier() // expect RCU6003
	mu.Lock()
	closing = true
	mu.Unlock()
}
