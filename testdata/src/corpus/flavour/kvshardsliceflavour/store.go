// Case: a sharded KV store keeps a slice of RCU pointers read under its SRCU domain, but compaction retires an old shard after a classic grace period
// Source: issue 13 item 12 (flavour pairing through slices of Pointers: t.shards[i].Dereference(s) under SRCU, t.shards[i].Replace then a classic Synchronize); checklist item 7
// Kind: bad
// Pair: kvshardsliceflavourfix

package kvshardsliceflavour

import (
	"bytes"
	"hash/maphash"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Shard holds part of the keys; its values live in a pooled slab.
type Shard struct {
	entries map[string][]byte
	slab    []byte
}

var slabs = sync.Pool{New: func() any { return make([]byte, 0, 1<<20) }}

// Close returns the shard's slab to the pool.
func (sh *Shard) Close() { slabs.Put(sh.slab[:0]) }

// Store is a sharded key-value store. Readers may block (they stream values
// to clients), so the shards are protected by an SRCU domain.
type Store struct {
	dom    rcuapi.SRCU
	mu     sync.Mutex
	seed   maphash.Seed
	shards []rcuapi.Pointer[Shard]
}

// New returns a store with n empty shards.
func New(n int) *Store {
	st := &Store{seed: maphash.MakeSeed(), shards: make([]rcuapi.Pointer[Shard], n)}
	for i := range st.shards {
		st.shards[i].Init(&Shard{entries: map[string][]byte{}})
	}
	return st
}

func (st *Store) shard(key string) int {
	return int(maphash.String(st.seed, key) % uint64(len(st.shards)))
}

// Get returns a copy of the value of key.
func (st *Store) Get(key string) ([]byte, bool) {
	s := st.dom.ReadLock()
	defer st.dom.ReadUnlock(s)
	v, ok := st.shards[st.shard(key)].Dereference(s).entries[key]
	return bytes.Clone(v), ok
}

// Compact replaces shard i with a compacted copy and releases the old one.
func (st *Store) Compact(i int, compacted *Shard) {
	st.mu.Lock()
	old := st.shards[i].Replace(compacted, &st.mu)
	st.mu.Unlock()
	rcuapi.Synchronize() // expect RCU5001
	old.Close()
}
