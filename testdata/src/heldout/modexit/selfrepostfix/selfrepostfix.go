// Case: cache module's ageing callback re-queues itself only until Exit raises a stop flag; Exit then drains twice
// Source: self-reposting RCU callbacks must be stopped before rcu_barrier() can drain them (Documentation/RCU/rcubarrier.rst, the rcutorture-style "stop re-posting, then barrier" sequence)
// Kind: fixed
// Pair: selfrepost

package selfrepostfix

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type entry struct {
	value []byte
	age   atomic.Int32
}

var (
	mu      sync.Mutex
	entries rcuapi.Map[string, *entry]
	passes  atomic.Int64
	halt    atomic.Bool
)

var Module = &rcuapi.Module{Name: "agecache", Init: start, Exit: stop}

// age runs once per grace period: it makes every entry one pass older.
func age() {
	s := rcuapi.ReadLock()
	for _, e := range entries.Range(s) {
		e.age.Add(1)
	}
	rcuapi.ReadUnlock(s)
	passes.Add(1)
	if halt.Load() {
		return
	}
	rcuapi.Call(age)
}

func start() error {
	rcuapi.Call(age)
	return nil
}

func stop() {
	halt.Store(true)
	// A run of age that read the flag just before it was set may queue one
	// more run while the first Barrier waits; the second Barrier drains
	// that one, which sees the flag and stops.
	rcuapi.Barrier()
	rcuapi.Barrier()
	mu.Lock()
	defer mu.Unlock()
	s := rcuapi.ReadLock()
	var keys []string
	for k := range entries.Range(s) {
		keys = append(keys, k)
	}
	rcuapi.ReadUnlock(s)
	for _, k := range keys {
		entries.Delete(k)
	}
}

// Put stores a value.
func Put(k string, v []byte) { entries.Store(k, &entry{value: v}) }
