// Case: segment compaction snapshots the grace-period cookie before unpublishing the old segment
// Source: get_state_synchronize_rcu() taken before the object was removed, so cond_synchronize_rcu() on it does not cover readers that found it later (kernel-doc of get_state_synchronize_rcu(); rcuvet issue 13 class 15)
// Kind: bad
// Pair: earlycookiefix

package earlycookie

import (
	"os"
	"sort"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// segment is an immutable sorted run backed by a file.
type segment struct {
	keys []string
	file *os.File
}

func (sg *segment) Close() error { return sg.file.Close() }

func (sg *segment) has(k string) bool {
	i := sort.SearchStrings(sg.keys, k)
	return i < len(sg.keys) && sg.keys[i] == k
}

type Store struct {
	mu   sync.Mutex
	head rcuapi.Pointer[segment]
}

// Compact merges extra keys into a new segment written to path.
func (st *Store) Compact(path string, extra []string) error {
	cookie := rcuapi.GetState()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	st.mu.Lock()
	old := st.head.Protected(&st.mu)
	keys := append(append([]string(nil), old.keys...), extra...)
	sort.Strings(keys)
	st.head.Assign(&segment{keys: keys, file: f})
	st.mu.Unlock()

	rcuapi.CondSynchronize(cookie)
	return old.Close() // expect RCU2004
}

// Has reports whether k is stored.
func (st *Store) Has(k string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return st.head.Dereference(s).has(k)
}
