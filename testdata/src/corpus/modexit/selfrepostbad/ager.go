// Case: LRU module ages entries from a callback that re-posts itself after every grace period; nothing can stop it, so Exit's Barrier never drains it
// Source: Documentation/RCU/rcubarrier.rst (self-reposting callbacks must be stopped, e.g. by a flag, before rcu_barrier can wait for them)
// Kind: bad
// Pair: selfrepostfixed

package selfrepostbad

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type item struct {
	key  string
	born uint64 // generation when the key was added
}

var (
	mu         sync.Mutex
	items      rcuapi.Map[string, *item]
	generation atomic.Uint64
)

// Module is the LRU module.
var Module = &rcuapi.Module{Name: "lru", Init: start, Exit: stop}

func start() error {
	rcuapi.Call(age)
	return nil
}

// age advances the generation once per grace period and schedules itself
// again. Nothing on the way to the re-post checks whether the module is
// going away.
func age() {
	generation.Add(1)
	rcuapi.Call(age) // expect RCU6003
}

// Touch adds key if it is not there yet.
func Touch(key string) {
	s := rcuapi.ReadLock()
	_, ok := items.Load(s, key)
	rcuapi.ReadUnlock(s)
	if !ok {
		mu.Lock()
		items.LoadOrStore(key, &item{key: key, born: generation.Load()})
		mu.Unlock()
	}
}

// Stale reports whether key was added more than n generations ago.
func Stale(key string, n uint64) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	it, ok := items.Load(s, key)
	return ok && generation.Load()-it.born > n
}

// stop waits for the callbacks; age keeps queueing itself, so a callback
// of the module is always queued when Unload looks.
func stop() {
	rcuapi.Barrier()
}
