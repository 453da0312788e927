// Case: sharded index read under the table's SRCU domain through t.shards[i]; the rebuild replaces a shard and waits with the table's own SRCU Synchronize before closing it
// Source: CVE-2023-52447 (bpf: inner map freed after a classic RCU grace period while sleepable programs read it under RCU tasks trace; fixed by waiting for both flavours); Documentation/RCU/checklist.rst item 7
// Kind: fixed
// Pair: wrongflavourbad

package wrongflavourfixed

import (
	"hash/fnv"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const nShards = 16

type shard struct {
	index map[string]int64 // key -> offset in f
	f     *os.File
}

func (sh *shard) Close() error { return sh.f.Close() }

// Table is an on-disk index split into shards. Lookups read the shard's
// file inside the section, so they use an SRCU domain.
type Table struct {
	dom    rcuapi.SRCU
	mu     sync.Mutex
	shards [nShards]rcuapi.Pointer[shard]
}

func shardOf(key string) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % nShards)
}

// Get reads the record stored for key into buf.
func (t *Table) Get(key string, buf []byte) (int, error) {
	s := t.dom.ReadLock()
	defer t.dom.ReadUnlock(s)
	sh := t.shards[shardOf(key)].Dereference(s)
	if sh == nil {
		return 0, os.ErrNotExist
	}
	off, ok := sh.index[key]
	if !ok {
		return 0, os.ErrNotExist
	}
	return sh.f.ReadAt(buf, off)
}

// Rebuild installs a new shard i and closes the old one when no lookup can
// be reading it.
func (t *Table) Rebuild(i int, index map[string]int64, f *os.File) {
	t.mu.Lock()
	old := t.shards[i].Replace(&shard{index: index, f: f}, &t.mu)
	t.mu.Unlock()
	if old == nil {
		return
	}
	t.dom.Synchronize() // the readers' domain
	old.Close()
}
