// Case: lock-free counter-set updater with a CompareAndSwap retry loop; the winner retires the old version with Call
// Source: idiom: lock-free RCU updaters using cmpxchg on the published pointer, the winner retiring the replaced version with call_rcu() (Documentation/RCU/checklist.rst item 1b)
// Kind: idiom

package caslockfree

import (
	"maps"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type stats struct {
	counts map[string]uint64
	hist   []uint64
}

var (
	cur   rcuapi.Pointer[stats]
	hists sync.Pool
)

func init() { cur.Init(&stats{counts: map[string]uint64{}}) }

// Bump adds n to key. It copies the current version, changes the copy and
// publishes it only if nobody published in between; otherwise it retries.
func Bump(key string, n uint64) {
	for {
		s := rcuapi.ReadLock()
		old := cur.Dereference(s)
		next := &stats{counts: maps.Clone(old.counts), hist: append([]uint64(nil), old.hist...)}
		next.counts[key] += n
		next.hist = append(next.hist, n)
		won := cur.CompareAndSwap(old, next)
		rcuapi.ReadUnlock(s)
		if won {
			rcuapi.Call(func() { hists.Put(old.hist[:0]) })
			return
		}
	}
}

// Count reads one counter.
func Count(key string) uint64 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).counts[key]
}
