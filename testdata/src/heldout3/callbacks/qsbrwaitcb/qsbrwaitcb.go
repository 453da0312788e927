// Case: flow table read by classic-RCU API readers and by QSBR packet workers retires an old table with a classic callback that waits inside itself for the QSBR grace period
// Source: Documentation/RCU/checklist.rst items 5 and 6 (no synchronize_*() in a callback; chain a second call_rcu() instead); liburcu QSBR call_rcu()
// Kind: bad
// Pair: callbacks/qsbrwaitcbfix

package qsbrwaitcb

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type flowTable struct {
	slots []uint64
}

type Flows struct {
	mu      sync.Mutex
	workers *rcuapi.QSBR
	tbl     rcuapi.Pointer[flowTable]
	free    sync.Pool
}

func New() *Flows {
	f := &Flows{workers: rcuapi.NewQSBR("flow-workers")}
	f.tbl.Init(&flowTable{slots: make([]uint64, 1024)})
	return f
}

func (f *Flows) recycle(t *flowTable) {
	clear(t.slots)
	f.free.Put(t)
}

// Resize runs on the control goroutine.
func (f *Flows) Resize(n int) {
	next := &flowTable{slots: make([]uint64, n)}
	f.mu.Lock()
	old := f.tbl.Replace(next, &f.mu)
	f.mu.Unlock()
	rcuapi.Call(func() {
		f.workers.Synchronize() // expect RCU3002
		f.recycle(old)
	})
}

// Count is the API's read path (classic RCU).
func (f *Flows) Count() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	n := 0
	for _, v := range f.tbl.Dereference(s).slots {
		if v != 0 {
			n++
		}
	}
	return n
}

// Worker is one QSBR packet worker.
func (f *Flows) Worker(pkts <-chan uint64) {
	r := f.workers.Register()
	defer r.Unregister()
	for {
		r.Offline()
		p, ok := <-pkts
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		t := f.tbl.Dereference(s)
		_ = t.slots[p%uint64(len(t.slots))]
		r.ReadUnlock(s)
		r.Quiescent()
	}
}
