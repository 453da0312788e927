// Case: sharded LRU read under an SRCU domain through an array of Pointers, shards retired after a classic grace period
// Source: srcu_dereference() readers paired with synchronize_rcu() on the update side, reached through an array of RCU pointers (Documentation/RCU/checklist.rst item 7; rcuvet issue 13 class 12)
// Kind: bad
// Pair: shardflavourfix

package shardflavour

import (
	"hash/fnv"
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const nShards = 16

type shard struct {
	items map[string][]byte
	bytes int
}

type Cache struct {
	mu     sync.Mutex
	d      rcuapi.SRCU // readers stream values to the client inside the section
	shards [nShards]rcuapi.Pointer[shard]
}

func shardOf(key string) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % nShards)
}

// WriteTo streams the value of key to w.
func (c *Cache) WriteTo(key string, w io.Writer) (bool, error) {
	s := c.d.ReadLock()
	defer c.d.ReadUnlock(s)
	sh := c.shards[shardOf(key)].Dereference(s)
	if sh == nil {
		return false, nil
	}
	v, ok := sh.items[key]
	if !ok {
		return false, nil
	}
	_, err := w.Write(v)
	return true, err
}

// Evict empties shard i and scrubs its values once readers are gone.
func (c *Cache) Evict(i int) {
	c.mu.Lock()
	old := c.shards[i].Replace(&shard{items: map[string][]byte{}}, &c.mu)
	c.mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Synchronize() // expect RCU5001
	for _, v := range old.items {
		clear(v)
	}
}
