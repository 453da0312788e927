package rcuapi

import (
	"hash/maphash"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// MapResizes returns how many times m's table has been replaced.
func MapResizes[K comparable, V any](m *Map[K, V]) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.resizes
}

// checkMap fails the test unless m's table is well formed: a power-of-two
// size within the load bounds, every node in the bucket of its hash with the
// right hash, no key twice, and as many nodes as Len says.
func checkMap[K comparable, V any](t *testing.T, m *Map[K, V]) {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	tb := m.t.Load()
	if tb == nil {
		if n := m.n.Load(); n != 0 {
			t.Fatalf("no table but %d keys", n)
		}
		return
	}
	nb := len(tb.buckets)
	if nb < mapMinBuckets || nb&(nb-1) != 0 || tb.mask != uint64(nb-1) {
		t.Fatalf("table of %d buckets with mask %#x", nb, tb.mask)
	}
	count := 0
	keys := make(map[K]bool)
	for i := range tb.buckets {
		for n := tb.buckets[i].Load(); n != nil; n = n.next {
			if h := maphash.Comparable(tb.seed, n.key); n.hash != h {
				t.Fatalf("key %v has hash %#x, want %#x", n.key, n.hash, h)
			}
			if n.hash&tb.mask != uint64(i) {
				t.Fatalf("key %v in bucket %d, its hash says %d", n.key, i, n.hash&tb.mask)
			}
			if keys[n.key] {
				t.Fatalf("key %v twice in the table", n.key)
			}
			keys[n.key] = true
			count++
		}
	}
	if int64(count) != m.n.Load() {
		t.Fatalf("%d keys in the table, Len says %d", count, m.n.Load())
	}
	if count > nb/2 {
		t.Fatalf("%d keys in %d buckets: should have grown", count, nb)
	}
	if nb > mapMinBuckets && count < nb/16 {
		t.Fatalf("%d keys in %d buckets: should have shrunk", count, nb)
	}
}

type mapEntry struct{ k, v int }

// mapLoadFrom runs Load as a reader that loaded table t.
func mapLoadFrom(t *mapTable[int, int], k int) (int, bool) {
	var view Map[int, int]
	view.t.Store(t)
	s := ReadLock()
	defer ReadUnlock(s)
	return view.Load(s, k)
}

// mapChainOf returns the entries of the chain that starts at n, in order.
func mapChainOf(n *mapNode[int, int]) []mapEntry {
	var es []mapEntry
	for ; n != nil; n = n.next {
		es = append(es, mapEntry{n.key, n.val})
	}
	return es
}

// mapTableOf returns every chain of t, bucket by bucket.
func mapTableOf(t *mapTable[int, int]) [][]mapEntry {
	cs := make([][]mapEntry, len(t.buckets))
	for i := range t.buckets {
		cs[i] = mapChainOf(t.buckets[i].Load())
	}
	return cs
}

// TestMapModel runs random sequences of every operation against a Go map,
// through phases that fill the map, churn it and drain it, so that the table
// grows and shrinks many times, and checks every result, Len, Range and the
// table's shape.
func TestMapModel(t *testing.T) {
	type phase struct{ space, ops, insertPct int }
	phases := []phase{
		{16, 2000, 50},
		{5000, 20000, 80},
		{5000, 20000, 20},
		{5000, 20000, 5},
		{40, 3000, 30},
		{3000, 15000, 70},
	}
	for seed := range uint64(4) {
		r := rand.New(rand.NewPCG(seed, 2))
		var m Map[int, int]
		model := make(map[int]int)
		ops := 0
		check := func() {
			t.Helper()
			if m.Len() != len(model) {
				t.Fatalf("seed %d op %d: Len = %d, want %d", seed, ops, m.Len(), len(model))
			}
			if ops%500 != 0 {
				return
			}
			checkMap(t, &m)
			s := ReadLock()
			got := make(map[int]int)
			for k, v := range m.Range(s) {
				if _, dup := got[k]; dup {
					t.Fatalf("seed %d op %d: Range yielded %d twice", seed, ops, k)
				}
				got[k] = v
			}
			ReadUnlock(s)
			if !maps.Equal(got, model) {
				t.Fatalf("seed %d op %d: Range yielded %d entries that differ from the model's %d", seed, ops, len(got), len(model))
			}
		}
		for _, ph := range phases {
			del := (100 - ph.insertPct) / 2
			for range ph.ops {
				ops++
				k, v := r.IntN(ph.space), r.Int()
				want, present := model[k]
				switch op := r.IntN(100); {
				case op < ph.insertPct/3:
					m.Store(k, v)
					model[k] = v
				case op < 2*ph.insertPct/3:
					got, loaded := m.LoadOrStore(k, v)
					if loaded != present || (present && got != want) || (!present && got != v) {
						t.Fatalf("seed %d op %d: LoadOrStore(%d) = %d, %v; model has %d, %v", seed, ops, k, got, loaded, want, present)
					}
					if !present {
						model[k] = v
					}
				case op < ph.insertPct:
					got, loaded := m.Swap(k, v)
					if loaded != present || got != want {
						t.Fatalf("seed %d op %d: Swap(%d) = %d, %v; model has %d, %v", seed, ops, k, got, loaded, want, present)
					}
					model[k] = v
				case op < ph.insertPct+del:
					got, loaded := m.Delete(k)
					if loaded != present || got != want {
						t.Fatalf("seed %d op %d: Delete(%d) = %d, %v; model has %d, %v", seed, ops, k, got, loaded, want, present)
					}
					delete(model, k)
				default:
					s := ReadLock()
					got, ok := m.Load(s, k)
					ReadUnlock(s)
					if ok != present || got != want {
						t.Fatalf("seed %d op %d: Load(%d) = %d, %v; model has %d, %v", seed, ops, k, got, ok, want, present)
					}
				}
				check()
			}
		}
		// Drain: the table shrinks back to its smallest size.
		for _, k := range slices.Sorted(maps.Keys(model)) {
			ops++
			if got, loaded := m.Delete(k); !loaded || got != model[k] {
				t.Fatalf("seed %d: draining Delete(%d) = %d, %v; want %d, true", seed, k, got, loaded, model[k])
			}
			delete(model, k)
			check()
		}
		checkMap(t, &m)
		if nb := len(m.t.Load().buckets); nb != mapMinBuckets {
			t.Errorf("seed %d: empty map has %d buckets, want %d", seed, nb, mapMinBuckets)
		}
		if m.resizes < 10 {
			t.Errorf("seed %d: only %d resizes", seed, m.resizes)
		}
	}
}

// TestMapOldTable plays a reader that loaded the table, and the heads of its
// buckets, before updates that replaced the table and changed every key: the
// old table and every chain the reader may be walking must still hold exactly
// what they held when the reader loaded them.
func TestMapOldTable(t *testing.T) {
	var m Map[int, int]
	for k := range 100 {
		m.Store(k, k)
	}
	old := m.t.Load()
	before := mapTableOf(old)
	heads := make([]*mapNode[int, int], len(old.buckets))
	for i := range old.buckets {
		heads[i] = old.buckets[i].Load()
	}

	// Updates within the same table first: every chain is replaced.
	for k := range 100 {
		m.Store(k, -k)
	}
	for k := 0; k < 100; k += 3 {
		m.Delete(k)
	}
	if m.t.Load() != old {
		t.Fatal("the table was replaced too early for this test")
	}
	for i, h := range heads {
		if got := mapChainOf(h); !slices.Equal(got, before[i]) {
			t.Fatalf("a chain a reader held changed from %v to %v", before[i], got)
		}
	}

	// Now store keys until the table is replaced, and update the new one.
	old = m.t.Load()
	next := 100
	for ; m.t.Load() == old; next++ {
		m.Store(next, next)
	}
	before = mapTableOf(old)
	for k := next; k < 2000; k++ {
		m.Store(k, k)
	}
	for k := range 2000 {
		m.Store(k, 7)
	}
	for k := range 1990 {
		m.Delete(k)
	}
	checkMap(t, &m)
	if got := mapTableOf(old); !slices.EqualFunc(got, before, slices.Equal) {
		t.Fatal("a replaced table changed after it was replaced")
	}
	// A lookup that loaded the old table finds what it held.
	for k := range 100 {
		v, ok := mapLoadFrom(old, k)
		switch {
		case k%3 == 0 && ok:
			t.Errorf("old table: deleted key %d found", k)
		case k%3 != 0 && (!ok || v != -k):
			t.Errorf("old table: key %d = %v, %v; want %d", k, v, ok, -k)
		}
	}
	for k := 100; k < 2000; k++ {
		v, ok := mapLoadFrom(old, k)
		switch {
		case k < next && (!ok || v != k):
			t.Errorf("old table: key %d = %v, %v; want %d", k, v, ok, k)
		case k >= next && ok:
			t.Errorf("old table: key %d, stored after the table was replaced, found", k)
		}
	}
}

// TestMapConcurrentUpdaters runs several updaters at once, each on keys of
// its own, while their stores grow the table and their deletes shrink it: an
// update that hashed its key before taking the lock must still land in the
// right bucket of whatever table it finds then.
func TestMapConcurrentUpdaters(t *testing.T) {
	const (
		updaters = 4
		keys     = 3000
	)
	var m Map[int, int]
	done := make(chan struct{})
	for g := range updaters {
		go func() {
			defer func() { done <- struct{}{} }()
			base := g * 100000
			for k := base; k < base+keys; k++ {
				m.Store(k, k)
			}
			for k := base; k < base+keys; k++ {
				switch k % 4 {
				case 0:
					m.Delete(k)
				case 1:
					m.Swap(k, 2*k)
				case 2:
					m.LoadOrStore(k, -1) // present: keeps k
				}
			}
			for k := base + keys/2; k < base+keys; k++ {
				m.Delete(k) // the table shrinks
			}
		}()
	}
	for range updaters {
		<-done
	}
	checkMap(t, &m)
	want := 0
	for g := range updaters {
		base := g * 100000
		for k := base; k < base+keys; k++ {
			v, ok := mapLoadFrom(m.t.Load(), k)
			wantOK := k < base+keys/2 && k%4 != 0
			wantV := k
			if k%4 == 1 {
				wantV = 2 * k
			}
			if ok != wantOK || (ok && v != wantV) {
				t.Fatalf("key %d = %d, %v; want %d, %v", k, v, ok, wantV, wantOK)
			}
			if wantOK {
				want++
			}
		}
	}
	if m.Len() != want {
		t.Errorf("Len = %d, want %d", m.Len(), want)
	}
	if m.resizes < 10 {
		t.Errorf("only %d resizes", m.resizes)
	}
}
