// Case: index exposes a begin/end pair: begin takes the section and returns it with the snapshot, callers use the snapshot and end the section themselves with defer
// Source: idiom: helpers that return with rcu_read_lock() held and document that the caller must call rcu_read_unlock() (kernel "returns with RCU read lock held" functions); the Section as an explicit value makes this visible
// Kind: idiom

package sectionreturn

import (
	"sort"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type snapshot struct {
	keys []string // sorted
	vals map[string]int
}

type Index struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[snapshot]
}

func New() *Index {
	ix := &Index{}
	ix.cur.Init(&snapshot{vals: map[string]int{}})
	return ix
}

// begin starts a read of the index. The snapshot is valid until the caller
// passes the returned Section to end.
func (ix *Index) begin() (rcuapi.Section, *snapshot) {
	s := rcuapi.ReadLock()
	return s, ix.cur.Dereference(s)
}

func (ix *Index) end(s rcuapi.Section) { rcuapi.ReadUnlock(s) }

// Range returns the values of the keys in [from, to).
func (ix *Index) Range(from, to string) []int {
	s, snap := ix.begin()
	defer ix.end(s)
	i := sort.SearchStrings(snap.keys, from)
	var out []int
	for ; i < len(snap.keys) && snap.keys[i] < to; i++ {
		out = append(out, snap.vals[snap.keys[i]])
	}
	return out
}

// Count returns how many keys the index holds.
func (ix *Index) Count() int {
	s, snap := ix.begin()
	n := len(snap.keys)
	ix.end(s)
	return n
}

// Load publishes a new snapshot; snapshots are only memory.
func (ix *Index) Load(vals map[string]int) {
	snap := &snapshot{vals: vals}
	for k := range vals {
		snap.keys = append(snap.keys, k)
	}
	sort.Strings(snap.keys)
	ix.mu.Lock()
	ix.cur.Replace(snap, &ix.mu)
	ix.mu.Unlock()
}
