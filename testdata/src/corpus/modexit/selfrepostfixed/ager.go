// Case: LRU module's self-reposting aging callback checks a stopping flag; Exit sets it, then Barriers twice
// Source: Documentation/RCU/rcubarrier.rst (self-reposting callbacks must be stopped, e.g. by a flag, before rcu_barrier can wait for them)
// Kind: fixed
// Pair: selfrepostbad

package selfrepostfixed

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
	stopping   atomic.Bool
)

// Module is the LRU module.
var Module = &rcuapi.Module{Name: "lru", Init: start, Exit: stop}

func start() error {
	stopping.Store(false)
	rcuapi.Call(age)
	return nil
}

// age advances the generation once per grace period and schedules itself
// again until the module is stopping.
func age() {
	if stopping.Load() {
		return
	}
	generation.Add(1)
	rcuapi.Call(age)
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

// stop sets the flag that ends the chain. An age that was already past
// its check when the flag was set may still re-post once: the first Barrier
// waits for it (and so for its re-post to be queued), the second for the
// re-posted one, which sees the flag.
func stop() {
	stopping.Store(true)
	rcuapi.Barrier()
	rcuapi.Barrier()
}
