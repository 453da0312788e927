// Case: shards kept in a slice and in an array of RCU pointers, each read and retired on one consistent domain (SRCU for the slice, classic for the array)
// Source: idiom: per-bucket RCU pointers (like the kernel's per-bucket hash tables), issue 13 item 12 done right: readers and the updater's wait use the same domain for each structure
// Kind: idiom

package shardedpointers

import (
	"bytes"
	"hash/maphash"
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Segment is one shard of a blob store; its slab is pooled.
type Segment struct {
	blobs map[string][]byte
	slab  []byte
}

var slabs = sync.Pool{New: func() any { return make([]byte, 0, 1<<20) }}

// Close returns the segment's slab to the pool.
func (sg *Segment) Close() { slabs.Put(sg.slab[:0]) }

// Blobs streams blobs to clients (readers block), so it uses SRCU.
type Blobs struct {
	dom  rcuapi.SRCU
	mu   sync.Mutex
	seed maphash.Seed
	segs []rcuapi.Pointer[Segment]
}

// NewBlobs returns a store with n segments.
func NewBlobs(n int) *Blobs {
	b := &Blobs{seed: maphash.MakeSeed(), segs: make([]rcuapi.Pointer[Segment], n)}
	for i := range b.segs {
		b.segs[i].Init(&Segment{blobs: map[string][]byte{}})
	}
	return b
}

// WriteTo streams blob key to w.
func (b *Blobs) WriteTo(key string, w io.Writer) error {
	i := maphash.String(b.seed, key) % uint64(len(b.segs))
	s := b.dom.ReadLock()
	defer b.dom.ReadUnlock(s)
	_, err := io.Copy(w, bytes.NewReader(b.segs[i].Dereference(s).blobs[key]))
	return err
}

// Swap installs seg as segment i and retires the old one.
func (b *Blobs) Swap(i int, seg *Segment) {
	b.mu.Lock()
	old := b.segs[i].Replace(seg, &b.mu)
	b.mu.Unlock()
	if old != nil {
		b.dom.Synchronize()
		old.Close()
	}
}

// Counts is a small per-CPU-like counter table read by classic readers.
type Counts struct {
	n map[string]int64
}

var (
	countsMu sync.Mutex
	counts   [8]rcuapi.Pointer[Counts]
)

// Get returns the count of key in shard i.
func Get(i int, key string) int64 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := counts[i%len(counts)].Dereference(s)
	if c == nil {
		return 0
	}
	return c.n[key]
}

// Reset empties shard i; the old table needs no destruction, so it is
// simply dropped and the garbage collector reclaims it.
func Reset(i int) {
	countsMu.Lock()
	counts[i%len(counts)].Assign(&Counts{n: map[string]int64{}})
	countsMu.Unlock()
}
