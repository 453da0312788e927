// Case: per-core style quota table split into shards, each an RCU pointer with its own update lock; readers pick a shard by key hash, updaters retire the shard's old table with Call
// Source: idiom: per-CPU/sharded RCU-protected tables (the kernel's per-CPU data with RCU-protected pointers; sharded maps in Go services)
// Kind: idiom

package shardedquota

import (
	"hash/maphash"
	"maps"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const shards = 32

type limits struct {
	byTenant map[string]int64
	scratch  *[]byte // encode buffer for the admin dump, from dumpPool
}

var dumpPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

func (l *limits) release() {
	*l.scratch = (*l.scratch)[:0]
	dumpPool.Put(l.scratch)
}

type shard struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[limits]
	_   [40]byte // keep neighbouring shards' locks off one cache line
}

type Table struct {
	seed   maphash.Seed
	shards [shards]shard
}

func New() *Table {
	t := &Table{seed: maphash.MakeSeed()}
	for i := range t.shards {
		t.shards[i].cur.Init(&limits{byTenant: map[string]int64{}, scratch: dumpPool.Get().(*[]byte)})
	}
	return t
}

func (t *Table) shardOf(tenant string) *shard {
	return &t.shards[maphash.String(t.seed, tenant)%shards]
}

// Limit returns a tenant's quota (0 if none).
func (t *Table) Limit(tenant string) int64 {
	sh := t.shardOf(tenant)
	s := rcuapi.ReadLock()
	n := sh.cur.Dereference(s).byTenant[tenant]
	rcuapi.ReadUnlock(s)
	return n
}

// SetLimit changes one tenant's quota; only that tenant's shard is copied.
func (t *Table) SetLimit(tenant string, n int64) {
	sh := t.shardOf(tenant)
	sh.mu.Lock()
	old := sh.cur.Protected(&sh.mu)
	next := &limits{byTenant: maps.Clone(old.byTenant), scratch: dumpPool.Get().(*[]byte)}
	next.byTenant[tenant] = n
	sh.cur.Replace(next, &sh.mu)
	sh.mu.Unlock()
	rcuapi.Call(old.release)
}
