// Case: netfilter-style table replacement waits for a grace period while still holding the table mutex, which no reader and no callback ever takes, and frees the old counters afterwards
// Source: idiom: mutex_lock(); rcu_assign_pointer(); synchronize_rcu(); mutex_unlock() as in many kernel updaters; deadlock-free because readers and callbacks never take the mutex (Documentation/RCU/checklist.rst item 11)
// Kind: idiom

package syncunderlock

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type table struct {
	name     string
	verdicts []uint8
	counters []atomic.Uint64 // per-rule packet counters, read back by Replace
}

type Tables struct {
	mu  sync.Mutex // serialises replacements; held across the grace period so that counters are read once no reader can bump them
	cur rcuapi.Pointer[table]
}

func New(verdicts []uint8) *Tables {
	t := &Tables{}
	t.cur.Init(&table{name: "initial", verdicts: verdicts, counters: make([]atomic.Uint64, len(verdicts))})
	return t
}

// Verdict returns the verdict of rule i and counts the packet.
func (t *Tables) Verdict(i int) uint8 {
	s := rcuapi.ReadLock()
	tb := t.cur.Dereference(s)
	v := tb.verdicts[i%len(tb.verdicts)]
	tb.counters[i%len(tb.counters)].Add(1)
	rcuapi.ReadUnlock(s)
	return v
}

// Replace installs verdicts and returns the final counters of the table it
// replaced.
func (t *Tables) Replace(name string, verdicts []uint8) []uint64 {
	next := &table{name: name, verdicts: verdicts, counters: make([]atomic.Uint64, len(verdicts))}
	t.mu.Lock()
	defer t.mu.Unlock()
	old := t.cur.Replace(next, &t.mu)
	if old == nil {
		return nil
	}
	rcuapi.Synchronize()
	final := make([]uint64, len(old.counters))
	for i := range old.counters {
		final[i] = old.counters[i].Load()
	}
	return final
}
