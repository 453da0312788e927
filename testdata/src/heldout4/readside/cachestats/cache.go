// Case: object cache moved its index from classic RCU to an SRCU domain; Get still ends the section with the classic ReadUnlock, and the stats gauge reads the entry count through the result of Access
// Source: Documentation/RCU/checklist.rst items 7 and 14 (srcu_read_unlock() with the srcu_struct of its srcu_read_lock(), slips left by a partial RCU-to-SRCU conversion) and rcu_dereference.rst (rcu_access_pointer() is for comparisons only)
// Kind: bad
// Pair: -

package cachestats

import (
	"os"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type index struct {
	files map[string]string // key -> path on disk
	bytes int64
}

type Cache struct {
	dom rcuapi.SRCU // readers open files inside their sections
	idx rcuapi.Pointer[index]
}

// Get reads the cached object for key from disk.
func (c *Cache) Get(key string) ([]byte, bool) {
	s := c.dom.ReadLock()
	defer rcuapi.ReadUnlock(s) // expect RCU1004
	path, ok := c.idx.Dereference(s).files[key]
	if !ok {
		return nil, false
	}
	b, err := os.ReadFile(path)
	return b, err == nil
}

// SizeBytes feeds the cache_size_bytes gauge.
func (c *Cache) SizeBytes() int64 {
	if c.idx.Access() == nil {
		return 0
	}
	return c.idx.Access().bytes // expect RCU1007
}
