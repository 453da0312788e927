// Case: thumbnail cache module's Exit flushes the deferred frees and then waits for them with Barrier
// Source: callbacks posted on a module's behalf by another subsystem outlive the module unless its exit waits with rcu_barrier() (Documentation/RCU/rcubarrier.rst; Paul McKenney, "RCU and unloadable modules")
// Kind: fixed
// Pair: storedcb

package storedcbfix

import (
	"sync"

	"fixtures/heldout/modexit/storedcbfix/deferq"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type thumbs struct {
	byKey map[string][]byte
	bytes int
}

var (
	mu    sync.Mutex
	cur   rcuapi.Pointer[thumbs]
	freed int // bytes released, for the stats page; under mu
)

var Module = &rcuapi.Module{Name: "thumbcache", Init: start, Exit: stop}

func start() error {
	cur.Assign(&thumbs{byKey: map[string][]byte{}})
	return nil
}

func release(t *thumbs) func() {
	return func() {
		for k := range t.byKey {
			clear(t.byKey[k])
		}
	}
}

// Put adds one thumbnail by copying the map; the old map is freed later.
func Put(key string, img []byte) {
	mu.Lock()
	defer mu.Unlock()
	old := cur.Protected(&mu)
	next := &thumbs{byKey: make(map[string][]byte, len(old.byKey)+1), bytes: old.bytes + len(img)}
	for k, v := range old.byKey {
		next.byKey[k] = v
	}
	next.byKey[key] = img
	cur.Assign(next)
	deferq.Add(release(&thumbs{byKey: map[string][]byte{key: old.byKey[key]}}))
}

// Get copies the thumbnail for key.
func Get(key string) ([]byte, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	b, ok := cur.Dereference(s).byKey[key]
	return append([]byte(nil), b...), ok
}

func stop() {
	mu.Lock()
	cur.Assign(&thumbs{byKey: map[string][]byte{}})
	mu.Unlock()
	deferq.Flush()
	rcuapi.Barrier()
}
