// Case: QSBR cache worker answers a memory-stats request, whose drain waits with the domain's Barrier, before it takes its handle online
// Source: liburcu rcu_barrier() (an error inside a read-side critical section; for urcu-qsbr it first takes the calling thread offline itself, which rcuapi leaves to the caller); rcuapi QSBR.Barrier doc ("The calling goroutine must not hold an online handle of q")
// Kind: fixed
// Pair: barrieronlinebad

package barrieronlinefixed

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type entry struct {
	val []byte
}

var (
	q        = rcuapi.NewQSBR("cache")
	mu       sync.Mutex
	entries  rcuapi.Map[string, *entry]
	retained atomic.Int64 // bytes held by entries, live or awaiting a grace period
)

// Put stores val under key; a replaced value is released after a grace
// period of q.
func Put(key string, val []byte) {
	retained.Add(int64(len(val)))
	mu.Lock()
	old, ok := entries.Swap(key, &entry{val: val})
	mu.Unlock()
	if ok {
		q.Call(func() { retained.Add(-int64(len(old.val))) })
	}
}

// Evict removes key; its bytes are released after a grace period of q.
func Evict(key string) {
	mu.Lock()
	old, ok := entries.Delete(key)
	mu.Unlock()
	if ok {
		q.Call(func() { retained.Add(-int64(len(old.val))) })
	}
}

// drainRetired waits until every eviction queued so far has been released.
func drainRetired() { q.Barrier() }

// memoryInUse returns the bytes held once pending releases have run.
func memoryInUse() int64 {
	drainRetired()
	return retained.Load()
}

// Request is a lookup (Key) or a memory-stats query (Stats).
type Request struct {
	Key   string
	Stats bool
	Reply chan<- int64 // buffered by the caller
}

// Worker serves requests until in is closed. The handle is online only
// while a lookup is being served; a stats request, which waits for the
// domain's callbacks, is answered while it is offline.
func Worker(in <-chan Request) {
	r := q.Register()
	defer r.Unregister()
	r.Offline()
	for req := range in {
		if req.Stats {
			req.Reply <- memoryInUse()
			continue
		}
		r.Online()
		n := int64(-1)
		s := r.ReadLock()
		if e, found := entries.Load(s, req.Key); found {
			n = int64(len(e.val))
		}
		r.ReadUnlock(s)
		r.Offline()
		req.Reply <- n
	}
}
