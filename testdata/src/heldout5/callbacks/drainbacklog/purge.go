// Case: drainbacklog
// Source: Documentation/RCU/checklist.rst item 8 (a call_rcu() flood needs something to limit it); kernel fixes adding rcu_barrier()/synchronize_rcu() throttles to bulk frees
// Kind: bad
// Pair: callbacks/drainbacklogfix
package drainbacklog

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

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
		b.mu.Lock()
		for e := range b.objects.AllProtected(&b.mu) {
			if e.Value.Key == key {
				b.objects.Remove(e)
				obj := e.Value
				rcuapi.Call(func() { b.pool.Put(obj.Data[:0]) }) // expect RCU4002
				break
			}
		}
		b.mu.Unlock()
	}
}
