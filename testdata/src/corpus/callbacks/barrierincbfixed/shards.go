// Case: slab shard drains by freeing objects with Call; the callback that drops the live count to zero releases the shard, no Barrier needed
// Source: liburcu src/urcu-call-rcu-impl.h rcu_barrier() queues a completion behind each call_rcu worker's pending callbacks and waits for it, so a callback that calls it waits for its own worker (liburcu usage notes: rcu_barrier() must not be called from a call_rcu() callback); https://github.com/urcu/userspace-rcu
// Kind: fixed
// Pair: barrierincbbad

package barrierincbfixed

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type object struct {
	id    uint32
	shard *shard
}

type shard struct {
	mu      sync.Mutex
	objects rcuapi.Map[uint32, *object]
	live    atomic.Int32
	arena   []byte // backing memory, released when the shard is empty
	freed   chan []byte
}

// Lookup reports whether id is in sh.
func (sh *shard) Lookup(id uint32) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	_, ok := sh.objects.Load(s, id)
	return ok
}

// Add inserts a new object.
func (sh *shard) Add(id uint32) {
	sh.live.Add(1)
	sh.mu.Lock()
	sh.objects.Store(id, &object{id: id, shard: sh})
	sh.mu.Unlock()
}

// release hands the arena back; it never waits.
func (sh *shard) release() {
	select {
	case sh.freed <- sh.arena:
	default:
	}
	sh.arena = nil
}

// Drain unlinks every listed object and frees each after a grace period;
// the last free releases the shard.
func (sh *shard) Drain(ids []uint32) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	for _, id := range ids {
		if _, ok := sh.objects.Delete(id); !ok {
			continue
		}
		rcuapi.Call(func() {
			// The count reaches zero in the last callback to run, after
			// every other free of the shard has finished.
			if sh.live.Add(-1) == 0 {
				sh.release()
			}
		})
	}
}
