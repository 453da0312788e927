// Case: sharded store moved from one global lock to per-shard locks, but Put still names the old global lock when it reads the shard's table with Protected
// Source: Documentation/RCU/checklist.rst items 1 and 9 (rcu_dereference_protected() must name the lock actually held; lockdep_is_held() mismatches found after lock splits)
// Kind: bad
// Pair: shardlockfix

package shardlock

import (
	"hash/maphash"
	"maps"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const nShards = 16

type Entry struct {
	Value   []byte
	Version uint64
}

type table struct {
	m map[string]Entry
}

type shard struct {
	mu    sync.Mutex // serialises updates of this shard's table
	table rcuapi.Pointer[table]
}

type Store struct {
	mu     sync.Mutex // guards puts and gets, the statistics
	puts   uint64
	gets   uint64
	seed   maphash.Seed
	shards [nShards]shard
}

func New() *Store {
	st := &Store{seed: maphash.MakeSeed()}
	for i := range st.shards {
		st.shards[i].table.Init(&table{m: map[string]Entry{}})
	}
	return st
}

func (st *Store) shardFor(key string) *shard {
	return &st.shards[maphash.String(st.seed, key)%nShards]
}

// Get returns a copy of the entry stored under key.
func (st *Store) Get(key string) (Entry, bool) {
	sh := st.shardFor(key)
	s := rcuapi.ReadLock()
	e, ok := sh.table.Dereference(s).m[key]
	rcuapi.ReadUnlock(s)
	return e, ok
}

// Put stores a copy of value under key and returns the new version.
func (st *Store) Put(key string, value []byte) uint64 {
	sh := st.shardFor(key)
	sh.mu.Lock()
	cur := sh.table.Protected(&st.mu) // expect RCU2005
	next := &table{m: maps.Clone(cur.m)}
	v := cur.m[key].Version + 1
	next.m[key] = Entry{Value: append([]byte(nil), value...), Version: v}
	sh.table.Replace(next, &sh.mu)
	sh.mu.Unlock()

	st.mu.Lock()
	st.puts++
	st.mu.Unlock()
	return v
}
