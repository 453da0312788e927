// Case: config watcher bounds its callback backlog with Pending and Barrier
// Source: call_rcu() flood from an update loop that outruns grace periods until memory runs out (Documentation/RCU/checklist.rst item 8)
// Kind: fixed
// Pair: callflood

package callfloodfix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Flags struct {
	values map[string]bool
	blob   []byte // raw document, returned to the pool when retired
}

var blobPool sync.Pool

// maxPending is how many retirements may wait for a grace period.
const maxPending = 1024

type Watcher struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[Flags]
}

// Run applies every document received on updates until the channel closes.
func (w *Watcher) Run(updates <-chan map[string]bool) {
	for vals := range updates {
		next := &Flags{values: vals}
		if b, ok := blobPool.Get().([]byte); ok {
			next.blob = b[:0]
		}
		w.mu.Lock()
		old := w.cur.Replace(next, &w.mu)
		w.mu.Unlock()
		if old == nil {
			continue
		}
		rcuapi.Call(func() { blobPool.Put(old.blob) })
		if rcuapi.Pending() > maxPending {
			rcuapi.Barrier()
		}
	}
}

// Enabled reports whether flag name is on.
func (w *Watcher) Enabled(name string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	f := w.cur.Dereference(s)
	return f != nil && f.values[name]
}
