// Case: drainbacklogfix
// Source: Documentation/RCU/checklist.rst item 8 (a call_rcu() flood needs something to limit it); kernel fixes adding rcu_barrier()/synchronize_rcu() throttles to bulk frees
// Kind: fixed
// Pair: callbacks/drainbacklog
package drainbacklogfix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const maxPending = 10000

type Object struct {
	Key  string
	Data []byte
}

type Bucket struct {
	mu      sync.Mutex
	objects rcuapi.List[*Object]
	pool    *sync.Pool
}

// Purge removes every object whose key arrives on keys (a lifecycle-rule scan
// streams millions of them) and recycles its buffer after a grace period.
func (b *Bucket) Purge(keys <-chan string) {
	for key := range keys {
		if rcuapi.Pending() > maxPending {
			rcuapi.Barrier() // let the queued frees run before adding more
		}
		b.mu.Lock()
		for e := range b.objects.AllProtected(&b.mu) {
			if e.Value.Key == key {
				b.objects.Remove(e)
				obj := e.Value
				rcuapi.Call(func() { b.pool.Put(obj.Data[:0]) })
				break
			}
		}
		b.mu.Unlock()
	}
}
