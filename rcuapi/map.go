package rcuapi

import (
	"hash/maphash"
	"iter"
	"sync"
	"sync/atomic"
)

// Map is an RCU hash map: readers look keys up and range over the map inside
// a read-side section of any flavour, without taking a lock, without waiting
// and without retrying, while updaters store and delete keys. The zero value
// is an empty map ready to use. A Map must not be copied after first use
// (go vet's copylocks check reports copies).
//
// # Readers
//
// Load and Range take the Section that protects what they return. A value
// that an updater replaces or deletes may be retired by that updater (closed,
// recycled, torn down) once a grace period of the readers' flavour has
// elapsed, so a reader may use what it got only until its section ends; copy
// out what you need, or take a reference, before that. Readers of one Map
// must all use the flavour (and, for SRCU, the domain) whose grace periods
// its updaters wait for.
//
// A Load is a hash, a constant number of atomic loads and a walk of one
// bucket's chain, which holds at most half a key on average (the per-map
// random seed keeps anybody who picks the keys from making chains long): no
// lock, no retry loop, and nothing a concurrent update can make it repeat.
//
// # Updaters
//
// Store, LoadOrStore, Swap and Delete are serialised by an internal mutex,
// held only for the update itself (and, when the table is resized, for one
// pass over the entries); they never wait for a grace period and never block
// readers. Because they may block on that mutex, a classic read-side section
// must not contain them; an SRCU section may. Delete and Swap return the
// value they unlinked (Store drops it): retire it only after a grace period
// (Synchronize, or Call to do it later), when no reader can still be using
// it. An update that depends on what the updater read (load, compute, store)
// needs a lock of the caller's own around the pair.
//
// # Memory and grace periods
//
// The Map's own memory needs no grace period: Go's garbage collector frees a
// node or an old table only once no reader can reach it, so a reader that is
// still walking an old table after a resize finishes safely on it. The grace
// period is for the values: it tells the updater when no reader can be using
// the old value any longer, which the garbage collector cannot tell, because
// "retiring" a value (closing a file, returning a buffer to a pool, unloading
// a module) is something the program does, not the collector.
//
// # Implementation
//
// The table is an array of buckets, each an atomic pointer to a chain of
// immutable nodes. An update builds the changed part of one chain (the nodes
// before the changed one are copied; the rest is shared) and publishes it with
// one atomic store, so a reader sees each bucket either wholly before or
// wholly after the update. The table doubles when it holds more keys than
// half its buckets and shrinks (to four times as many buckets as keys) when
// it holds fewer keys than a sixteenth of its buckets; an empty bucket ends
// most lookups of absent keys at once. To resize, the updater builds a
// complete new table, publishes it with one atomic store, and never writes to
// the old one again. A reader loads the table once per Load or Range, so it sees either
// the old table or the new one, each consistent. Keys are hashed with
// hash/maphash and a seed chosen per map.
//
// # When to use it instead of sync.Map
//
// Use Map when values must be retired after the last reader is done with
// them: a reader's Section ties what it loaded to the grace periods the
// updater waits for, which sync.Map has no way to express. Use it also for
// maps read far more often than written: a Load costs a hash, a bucket
// lookup and the section's two counter updates, and with 1% to 10% writes
// an operation took 13% to 36% less time than with sync.Map in this
// package's BenchmarkMap, on one and two cores (figures in BENCHMARKS.md).
// Prefer sync.Map for
// write-heavy maps, for maps whose goroutines update disjoint keys in
// parallel (Map serialises updaters on one mutex, and a resize copies the
// whole table under it), and when no value ever needs retiring.
type Map[K comparable, V any] struct {
	t atomic.Pointer[mapTable[K, V]] // nil until the first store
	_ [cacheLine - 8]byte            // keeps the updaters' writes off the readers' line

	mu      sync.Mutex   // serialises updaters
	n       atomic.Int64 // number of keys; written under mu
	resizes int          // number of tables replaced; under mu (for tests)
}

// A mapTable is one version of a Map's table. Everything but the bucket
// heads is immutable once the table is published, and a table that has been
// replaced is never written to again.
type mapTable[K comparable, V any] struct {
	seed    maphash.Seed
	mask    uint64 // len(buckets) - 1; len(buckets) is a power of two
	buckets []atomic.Pointer[mapNode[K, V]]
}

// A mapNode is one key and its value. Nodes are immutable once published:
// an update links new nodes instead of changing old ones.
type mapNode[K comparable, V any] struct {
	hash uint64
	next *mapNode[K, V]
	key  K
	val  V
}

// mapMinBuckets is the size of a new table and the smallest a table shrinks to.
const mapMinBuckets = 8

func newMapTable[K comparable, V any](seed maphash.Seed, nbuckets int) *mapTable[K, V] {
	return &mapTable[K, V]{
		seed:    seed,
		mask:    uint64(nbuckets - 1),
		buckets: make([]atomic.Pointer[mapNode[K, V]], nbuckets),
	}
}

// Load returns the value stored for k, for a reader inside section s of any
// flavour. The value may be retired by an updater once a grace period has
// elapsed after it was replaced or deleted: use it only until s ends. Load
// panics if s is the zero Section.
//
//rcu:deref s
func (m *Map[K, V]) Load(s Section, k K) (v V, ok bool) {
	s.mustBeLive("Map.Load")
	t := m.t.Load()
	if t == nil {
		return v, false
	}
	h := maphash.Comparable(t.seed, k)
	for n := t.buckets[h&t.mask].Load(); n != nil; n = n.next {
		if n.hash == h && n.key == k {
			return n.val, true
		}
	}
	return v, false
}

// Range returns an iterator over the map's keys and values for a reader
// inside section s:
//
//	for k, v := range m.Range(s) { ... }
//
// The loop must end before s does. Every key that is in the map for the
// whole loop is seen exactly once; a key stored or deleted during the loop
// may or may not be seen; no key is seen twice. The value seen for a key is
// the one it had at some moment during the loop. The order is unspecified.
// The loop body may call the map's update methods if s is a section whose
// readers may block (SRCU): they take the map's mutex. Range panics if s is
// the zero Section.
//
//rcu:deref s
func (m *Map[K, V]) Range(s Section) iter.Seq2[K, V] {
	s.mustBeLive("Map.Range")
	return m.all
}

// all yields the entries of one table, the one current when it starts. Each
// bucket is read with one atomic load of an immutable chain, and a key lives
// in exactly one bucket of a table, so each key comes at most once.
func (m *Map[K, V]) all(yield func(K, V) bool) {
	t := m.t.Load()
	if t == nil {
		return
	}
	for i := range t.buckets {
		for n := t.buckets[i].Load(); n != nil; n = n.next {
			if !yield(n.key, n.val) {
				return
			}
		}
	}
}

// Store sets the value for k. A value it replaces is dropped; use Swap to get
// it back and retire it after a grace period.
//
//rcu:assign v
//rcu:blocks
func (m *Map[K, V]) Store(k K, v V) {
	nn := &mapNode[K, V]{key: k, val: v}
	h, hashed := m.prehash(k)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.putLocked(k, v, h, hashed, nn, true)
}

// Swap sets the value for k and returns the value it replaced, if any. Retire
// previous only after a grace period.
//
//rcu:assign v
//rcu:blocks
func (m *Map[K, V]) Swap(k K, v V) (previous V, loaded bool) {
	nn := &mapNode[K, V]{key: k, val: v}
	h, hashed := m.prehash(k)
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.putLocked(k, v, h, hashed, nn, true)
}

// LoadOrStore returns the value stored for k if there is one (loaded is
// true); otherwise it stores v and returns it (loaded is false).
//
// LoadOrStore holds no section of its own. If another goroutine may delete
// k and retire its value, a loaded actual needs protection of its own: a
// lock of the caller's around the deleters, or a section of the map's
// flavour around the call and the use of actual (the key was in the map
// while the section was live, so the grace period that the deleter waits for
// also waits for the section). As LoadOrStore may block on the map's mutex,
// that section must be one whose readers may block (SRCU).
//
//rcu:assign v
//rcu:blocks
func (m *Map[K, V]) LoadOrStore(k K, v V) (actual V, loaded bool) {
	h, hashed := m.prehash(k)
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, loaded := m.putLocked(k, v, h, hashed, nil, false); loaded {
		return old, true
	}
	return v, false
}

// Delete removes k and returns the value it held, if any. Readers may still
// be using old: retire it only after a grace period.
//
//rcu:unpublish result
//rcu:blocks
func (m *Map[K, V]) Delete(k K) (old V, loaded bool) {
	h, hashed := m.prehash(k)
	if !hashed {
		return old, false // no table yet: nothing to delete
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	t := m.t.Load()
	b := &t.buckets[h&t.mask]
	head := b.Load()
	for n := head; n != nil; n = n.next {
		if n.hash == h && n.key == k {
			b.Store(relink(head, n, n.next))
			c := m.n.Add(-1)
			if nb := len(t.buckets); nb > mapMinBuckets && c < int64(nb/16) {
				m.resizeLocked(t, bucketsFor(int(c)))
			}
			return n.val, true
		}
	}
	return old, false
}

// Len returns the number of keys in the map. It takes no lock; by the time
// the caller uses it, updaters may have changed it.
func (m *Map[K, V]) Len() int { return int(m.n.Load()) }

// prehash returns k's hash, if the map has a table, for an updater to
// compute before it takes the lock. Every table of a map has the seed of the
// first one, so the hash stays right whatever table the updater finds once
// it holds the lock.
func (m *Map[K, V]) prehash(k K) (h uint64, ok bool) {
	if t := m.t.Load(); t != nil {
		return maphash.Comparable(t.seed, k), true
	}
	return 0, false
}

// putLocked stores v for k, replacing an existing value only if replace is
// set, and returns the value that was there. h is k's hash if hashed is set
// (see prehash). nn, if not nil, is a new node that holds k and v, made
// before the lock was taken; putLocked links it in.
func (m *Map[K, V]) putLocked(k K, v V, h uint64, hashed bool, nn *mapNode[K, V], replace bool) (old V, loaded bool) {
	t := m.t.Load()
	if t == nil {
		t = newMapTable[K, V](maphash.MakeSeed(), mapMinBuckets)
		m.t.Store(t)
	}
	if !hashed {
		h = maphash.Comparable(t.seed, k)
	}
	b := &t.buckets[h&t.mask]
	head := b.Load()
	for n := head; n != nil; n = n.next {
		if n.hash == h && n.key == k {
			if replace {
				nn.hash, nn.next = h, n.next
				b.Store(relink(head, n, nn))
			}
			return n.val, true
		}
	}
	if nn == nil {
		nn = &mapNode[K, V]{key: k, val: v}
	}
	nn.hash, nn.next = h, head
	b.Store(nn)
	if c := m.n.Add(1); c > int64(len(t.buckets)/2) {
		m.resizeLocked(t, 2*len(t.buckets))
	}
	return old, false
}

// relink returns a chain equal to the one at head with the nodes from target
// (inclusive) on replaced by rest: the nodes before target are copied, so
// that readers of the old chain never see a change, and rest is shared.
func relink[K comparable, V any](head, target, rest *mapNode[K, V]) *mapNode[K, V] {
	var first, last *mapNode[K, V]
	for n := head; n != target; n = n.next {
		c := &mapNode[K, V]{hash: n.hash, key: n.key, val: n.val}
		if last == nil {
			first = c
		} else {
			last.next = c
		}
		last = c
	}
	if last == nil {
		return rest
	}
	last.next = rest
	return first
}

// bucketsFor returns the size a table shrinks to for n keys: a power of two,
// at least mapMinBuckets, with at most one key for four buckets.
func bucketsFor(n int) int {
	nb := mapMinBuckets
	for nb < 4*n {
		nb *= 2
	}
	return nb
}

// resizeLocked replaces table t with a new one of nb buckets that holds the
// same entries. The new table is complete before it is published; t is never
// written to again, so a reader still walking it finds every entry that was
// in the map when the new table was published. The new table keeps t's seed:
// updaters hash their key before they take the lock (see prehash).
func (m *Map[K, V]) resizeLocked(t *mapTable[K, V], nb int) {
	nt := newMapTable[K, V](t.seed, nb)
	for i := range t.buckets {
		for n := t.buckets[i].Load(); n != nil; n = n.next {
			b := &nt.buckets[n.hash&nt.mask]
			b.Store(&mapNode[K, V]{hash: n.hash, next: b.Load(), key: n.key, val: n.val})
		}
	}
	m.t.Store(nt)
	m.resizes++
}
