// Case: cache module ages entries with a callback that re-queues itself on every run, with nothing that can stop it
// Source: self-reposting RCU callbacks must be stopped before rcu_barrier() can drain them (Documentation/RCU/rcubarrier.rst, the rcutorture-style "stop re-posting, then barrier" sequence)
// Kind: bad
// Pair: selfrepostfix

package selfrepost

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
	rcuapi.Call(age) // expect RCU6003
}

func start() error {
	rcuapi.Call(age)
	return nil
}

func stop() {
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
