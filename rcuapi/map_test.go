package rcuapi_test

import (
	"iter"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// mapLoad is Load inside a classic section of its own.
func mapLoad[K comparable, V any](m *rcuapi.Map[K, V], k K) (V, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return m.Load(s, k)
}

// mapEntries returns the map's entries, read inside one classic section, and
// fails the test if a key comes twice.
func mapEntries[K comparable, V any](t *testing.T, m *rcuapi.Map[K, V]) map[K]V {
	t.Helper()
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	got := make(map[K]V)
	for k, v := range m.Range(s) {
		if _, dup := got[k]; dup {
			t.Errorf("Range yielded key %v twice", k)
		}
		got[k] = v
	}
	return got
}

func TestMapZeroValue(t *testing.T) {
	var m rcuapi.Map[string, int]
	if v, ok := mapLoad(&m, "a"); ok || v != 0 {
		t.Errorf("Load on the zero Map = %v, %v; want 0, false", v, ok)
	}
	if got := mapEntries(t, &m); len(got) != 0 {
		t.Errorf("Range on the zero Map yielded %v", got)
	}
	if n := m.Len(); n != 0 {
		t.Errorf("Len of the zero Map = %d", n)
	}
	if v, ok := m.Delete("a"); ok || v != 0 {
		t.Errorf("Delete on the zero Map = %v, %v; want 0, false", v, ok)
	}
	var m2 rcuapi.Map[string, int]
	if v, loaded := m2.LoadOrStore("a", 1); loaded || v != 1 {
		t.Errorf("LoadOrStore on the zero Map = %v, %v; want 1, false", v, loaded)
	}
	var m3 rcuapi.Map[string, int]
	if v, loaded := m3.Swap("a", 1); loaded || v != 0 {
		t.Errorf("Swap on the zero Map = %v, %v; want 0, false", v, loaded)
	}
	var m4 rcuapi.Map[string, int]
	m4.Store("a", 1)
	if v, ok := mapLoad(&m4, "a"); !ok || v != 1 {
		t.Errorf("Load after Store on the zero Map = %v, %v; want 1, true", v, ok)
	}
}

func TestMapMethods(t *testing.T) {
	var m rcuapi.Map[string, int]
	m.Store("a", 1)
	m.Store("b", 2)
	if n := m.Len(); n != 2 {
		t.Errorf("Len = %d, want 2", n)
	}
	if v, ok := mapLoad(&m, "a"); !ok || v != 1 {
		t.Errorf("Load(a) = %v, %v; want 1, true", v, ok)
	}
	if v, ok := mapLoad(&m, "c"); ok || v != 0 {
		t.Errorf("Load(c) = %v, %v; want 0, false", v, ok)
	}

	m.Store("a", 10) // overwrite
	if v, _ := mapLoad(&m, "a"); v != 10 {
		t.Errorf("Load(a) after overwrite = %v, want 10", v)
	}
	if n := m.Len(); n != 2 {
		t.Errorf("Len after overwrite = %d, want 2", n)
	}

	if v, loaded := m.LoadOrStore("a", 99); !loaded || v != 10 {
		t.Errorf("LoadOrStore(a) = %v, %v; want 10, true", v, loaded)
	}
	if v, _ := mapLoad(&m, "a"); v != 10 {
		t.Errorf("LoadOrStore of a present key changed it to %v", v)
	}
	if v, loaded := m.LoadOrStore("c", 3); loaded || v != 3 {
		t.Errorf("LoadOrStore(c) = %v, %v; want 3, false", v, loaded)
	}
	if v, ok := mapLoad(&m, "c"); !ok || v != 3 {
		t.Errorf("Load(c) after LoadOrStore = %v, %v; want 3, true", v, ok)
	}

	if v, loaded := m.Swap("c", 30); !loaded || v != 3 {
		t.Errorf("Swap(c) = %v, %v; want 3, true", v, loaded)
	}
	if v, loaded := m.Swap("d", 4); loaded || v != 0 {
		t.Errorf("Swap(d) = %v, %v; want 0, false", v, loaded)
	}
	if n := m.Len(); n != 4 {
		t.Errorf("Len = %d, want 4", n)
	}

	if v, ok := m.Delete("b"); !ok || v != 2 {
		t.Errorf("Delete(b) = %v, %v; want 2, true", v, ok)
	}
	if v, ok := m.Delete("b"); ok || v != 0 {
		t.Errorf("second Delete(b) = %v, %v; want 0, false", v, ok)
	}
	if v, ok := m.Delete("missing"); ok || v != 0 {
		t.Errorf("Delete(missing) = %v, %v; want 0, false", v, ok)
	}
	if v, ok := mapLoad(&m, "b"); ok {
		t.Errorf("Load(b) after Delete = %v, true", v)
	}

	want := map[string]int{"a": 10, "c": 30, "d": 4}
	got := mapEntries(t, &m)
	if len(got) != len(want) {
		t.Errorf("Range yielded %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Range yielded %v, want %v", got, want)
			break
		}
	}
	if n := m.Len(); n != 3 {
		t.Errorf("Len = %d, want 3", n)
	}

	// Range stops when the loop body breaks.
	s := rcuapi.ReadLock()
	n := 0
	for range m.Range(s) {
		n++
		break
	}
	rcuapi.ReadUnlock(s)
	if n != 1 {
		t.Errorf("the loop body ran %d times after break", n)
	}
}

func TestMapSRCUSection(t *testing.T) {
	d := rcuapi.NewSRCU("maptest")
	var m rcuapi.Map[int, string]
	m.Store(1, "one")
	s := d.ReadLock()
	v, ok := m.Load(s, 1)
	n := 0
	for range m.Range(s) {
		n++
	}
	d.ReadUnlock(s)
	if !ok || v != "one" || n != 1 {
		t.Errorf("under SRCU: Load = %q, %v; Range yielded %d keys", v, ok, n)
	}
}

func TestMapZeroSectionPanics(t *testing.T) {
	var m rcuapi.Map[int, int]
	m.Store(1, 1)
	//rcuvet:ignore RCU1001 the zero Section on purpose: Map.Load must panic
	mustPanic(t, func() { m.Load(rcuapi.Section{}, 1) }, "Map.Load", "zero Section")
	//rcuvet:ignore RCU1001 the zero Section on purpose: Map.Range must panic
	mustPanic(t, func() { m.Range(rcuapi.Section{}) }, "Map.Range", "zero Section")
}

// TestMapRangeUpdatesInside updates the map from inside a Range loop, enough
// to replace the table several times while the loop is under way: the loop
// must still see every key that was never deleted exactly once, with a value
// stored for it, and no key twice.
func TestMapRangeUpdatesInside(t *testing.T) {
	const stable = 100
	var m rcuapi.Map[int, int]
	for k := range stable {
		m.Store(k, k)
	}
	for k := 1000; k < 1050; k++ {
		m.Store(k, k) // deleted inside the loop
	}
	before := rcuapi.MapResizes(&m)
	seen := make(map[int]int)
	// An SRCU section: the updates inside it may block on the map's mutex,
	// which a classic reader must not do.
	d := rcuapi.NewSRCU("maptest")
	s := d.ReadLock()
	for k, v := range m.Range(s) {
		if v != k && v != 10000+k {
			t.Errorf("key %d has value %d, never stored for it", k, v)
		}
		seen[k]++
		if len(seen) == 10 {
			for j := range 5000 {
				m.Store(10000+j, 10000+j) // grows the table many times
			}
			for j := range 5000 {
				m.Delete(10000 + j) // and shrinks it again
			}
			for k := 1000; k < 1050; k++ {
				m.Delete(k)
			}
			for k := range stable {
				m.Store(k, 10000+k) // overwrite
			}
		}
	}
	d.ReadUnlock(s)
	if n := rcuapi.MapResizes(&m) - before; n < 5 {
		t.Fatalf("only %d resizes during the loop; the test needs several", n)
	}
	for k, c := range seen {
		if c != 1 {
			t.Errorf("key %d seen %d times", k, c)
		}
	}
	for k := range stable {
		if seen[k] != 1 {
			t.Errorf("stable key %d seen %d times, want 1", k, seen[k])
		}
	}
}

// TestMapRangePaused pauses a Range after a few keys (with iter.Pull2), replaces
// the table several times and changes every key, then resumes: the paused
// loop must finish on the table it began with.
func TestMapRangePaused(t *testing.T) {
	const keys = 300
	var m rcuapi.Map[int, int]
	for k := range keys {
		m.Store(k, k)
	}
	d := rcuapi.NewSRCU("maptest") // the updates below may block
	s := d.ReadLock()
	defer d.ReadUnlock(s)
	next, stop := iter.Pull2(m.Range(s))
	defer stop()
	seen := make(map[int]int)
	for range 7 {
		k, v, ok := next()
		if !ok {
			t.Fatal("Range ended early")
		}
		seen[k] = v
	}
	// Store keys until the table is replaced: the keys stored up to then
	// are the ones the paused loop must see.
	before := rcuapi.MapResizes(&m)
	stored := keys
	for ; rcuapi.MapResizes(&m) == before; stored++ {
		m.Store(stored, stored)
	}
	for k := stored; k < 20*keys; k++ {
		m.Store(k, k) // the table grows further
	}
	for k := range keys {
		m.Store(k, -1) // every value changes, then every key goes
	}
	for k := range 20 * keys {
		m.Delete(k)
	}
	if n := rcuapi.MapResizes(&m) - before; n < 5 {
		t.Fatalf("only %d resizes while the loop was paused", n)
	}
	for {
		k, v, ok := next()
		if !ok {
			break
		}
		if _, dup := seen[k]; dup {
			t.Errorf("key %d seen twice", k)
		}
		seen[k] = v
	}
	// The loop finishes on the table it began with, as it was when it was
	// replaced: every key stored before the pause, each with the value first
	// stored; keys stored during the pause but before the table was replaced
	// may be seen (with their value); no key stored later.
	for k, v := range seen {
		if v != k || k >= stored {
			t.Errorf("the paused loop saw key %d with %d", k, v)
		}
	}
	for k := range keys {
		if _, ok := seen[k]; !ok {
			t.Errorf("the paused loop missed key %d", k)
		}
	}
	if n := m.Len(); n != 0 {
		t.Errorf("Len = %d after deleting every key", n)
	}
}

// mapFlavour is one way to enter and leave a read-side section.
type mapFlavour struct {
	name   string
	lock   func() rcuapi.Section
	unlock func(rcuapi.Section)
}

func mapFlavours() []mapFlavour {
	d := rcuapi.NewSRCU("maptest")
	return []mapFlavour{
		{"classic", rcuapi.ReadLock, rcuapi.ReadUnlock},
		{"srcu", d.ReadLock, d.ReadUnlock},
	}
}

// The concurrent tests encode the key in every value, so that a reader can
// tell a value that was never stored for the key it looked up.
func mapValue(k, gen int) int64 { return int64(k)<<20 | int64(gen) }
func mapKeyOf(v int64) int      { return int(v >> 20) }

// mapReaders starts readers (at least two, one per flavour, more on machines
// with more processors) that run body until stop is set and at least min
// times each, and returns a function that waits for them.
func mapReaders(stop *atomic.Bool, min int, body func(r *rand.Rand, f mapFlavour) bool) (wait func()) {
	var wg sync.WaitGroup
	fl := mapFlavours()
	n := max(2, runtime.GOMAXPROCS(0))
	for i := range n {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), 1))
			f := fl[i%len(fl)]
			for j := 0; j < min || !stop.Load(); j++ {
				if !body(r, f) {
					return // failed; the body reported it
				}
			}
		})
	}
	return wg.Wait
}

// TestMapGrowWithReaders grows the map from a few keys to thousands and
// shrinks it again, round after round, while readers look up keys that are
// never deleted (they must always be found) and keys that come and go (they
// may be missing, but a value found must be one stored for that key).
func TestMapGrowWithReaders(t *testing.T) {
	const (
		stable   = 64
		volatile = 4096
		rounds   = 5
	)
	var m rcuapi.Map[int, int64]
	for k := range stable {
		m.Store(k, mapValue(k, 0))
	}
	var stop atomic.Bool
	var reads atomic.Int64
	wait := mapReaders(&stop, 100, func(r *rand.Rand, f mapFlavour) bool {
		s := f.lock()
		defer f.unlock(s)
		reads.Add(1)
		for k := range stable {
			v, ok := m.Load(s, k)
			if !ok {
				t.Errorf("%s reader: stable key %d missing", f.name, k)
				return false
			}
			if mapKeyOf(v) != k {
				t.Errorf("%s reader: key %d has value %#x, stored for key %d", f.name, k, v, mapKeyOf(v))
				return false
			}
		}
		for range 16 {
			k := stable + r.IntN(volatile)
			if v, ok := m.Load(s, k); ok && mapKeyOf(v) != k {
				t.Errorf("%s reader: key %d has value %#x, stored for key %d", f.name, k, v, mapKeyOf(v))
				return false
			}
		}
		return true
	})
	before := rcuapi.MapResizes(&m)
	for gen := 1; gen <= rounds && !t.Failed(); gen++ {
		for k := stable; k < stable+volatile; k++ {
			m.Store(k, mapValue(k, gen))
			if k%32 == 0 {
				m.Store(k%stable, mapValue(k%stable, gen)) // overwrite a stable key
			}
			if k%128 == 0 {
				runtime.Gosched()
			}
		}
		for k := stable; k < stable+volatile; k++ {
			m.Delete(k)
			if k%128 == 0 {
				runtime.Gosched()
			}
		}
	}
	stop.Store(true)
	wait()
	resizes := rcuapi.MapResizes(&m) - before
	t.Logf("%d resizes, %d read sections", resizes, reads.Load())
	if resizes < 5*rounds {
		t.Errorf("only %d resizes; the test needs many", resizes)
	}
	if n := m.Len(); n != stable {
		t.Errorf("Len = %d, want %d", n, stable)
	}
}

// TestMapRangeWithUpdates runs Range loops while an updater grows and shrinks
// the map and overwrites keys: every key that is never deleted must be seen
// exactly once per loop, no key twice, and every value must be one stored
// for its key.
func TestMapRangeWithUpdates(t *testing.T) {
	const (
		stable = 128
		churn  = 2000
		rounds = 4
	)
	var m rcuapi.Map[int, int64]
	for k := range stable {
		m.Store(k, mapValue(k, 0))
	}
	var stop atomic.Bool
	var loops atomic.Int64
	wait := mapReaders(&stop, 20, func(r *rand.Rand, f mapFlavour) bool {
		seen := make([]uint8, stable+churn)
		s := f.lock()
		defer f.unlock(s)
		loops.Add(1)
		for k, v := range m.Range(s) {
			if mapKeyOf(v) != k {
				t.Errorf("%s Range: key %d has value %#x, stored for key %d", f.name, k, v, mapKeyOf(v))
				return false
			}
			if seen[k]++; seen[k] > 1 {
				t.Errorf("%s Range: key %d seen twice", f.name, k)
				return false
			}
		}
		if i := slices.Index(seen[:stable], 0); i >= 0 {
			t.Errorf("%s Range: stable key %d not seen", f.name, i)
			return false
		}
		return true
	})
	before := rcuapi.MapResizes(&m)
	for gen := 1; gen <= rounds && !t.Failed(); gen++ {
		for k := stable; k < stable+churn; k++ {
			m.Store(k, mapValue(k, gen))
			if k%16 == 0 {
				m.Store(k%stable, mapValue(k%stable, gen))
				if k > stable {
					m.Delete(k - 1) // a churn key, stored again in the next round
				}
			}
			if k%128 == 0 {
				runtime.Gosched()
			}
		}
		for k := stable; k < stable+churn; k++ {
			m.Delete(k)
			if k%16 == 0 && k+1 < stable+churn {
				m.Store(k+1, mapValue(k+1, gen)) // deleted again just after
			}
			if k%128 == 0 {
				runtime.Gosched()
			}
		}
	}
	stop.Store(true)
	wait()
	resizes := rcuapi.MapResizes(&m) - before
	t.Logf("%d resizes, %d Range loops", resizes, loops.Load())
	if resizes < 3*rounds {
		t.Errorf("only %d resizes; the test needs many", resizes)
	}
}

// mapObj is a value that its updater retires: once retired it is poisoned
// with a plain write, which a reader still looking at it would see (and the
// race detector would report).
type mapObj struct {
	key  int
	dead bool
}

// TestMapRetireAfterGracePeriod uses the map the way its documentation
// says: updaters replace and delete values, wait for a grace period, then
// retire the old ones. Readers inside their sections must never find a
// retired value, however long they look at it.
func TestMapRetireAfterGracePeriod(t *testing.T) {
	const (
		keys    = 64
		batches = 150
		batch   = 16
	)
	var m rcuapi.Map[int, *mapObj]
	for k := range keys {
		m.Store(k, &mapObj{key: k})
	}
	var stop atomic.Bool
	var seen atomic.Int64
	wait := mapReaders(&stop, 100, func(r *rand.Rand, _ mapFlavour) bool {
		s := rcuapi.ReadLock() // classic: the updater waits for classic grace periods
		defer rcuapi.ReadUnlock(s)
		var got []*mapObj
		for range 8 {
			if o, ok := m.Load(s, r.IntN(keys)); ok {
				got = append(got, o)
			}
		}
		runtime.Gosched() // let the updater run while the section holds the values
		for _, o := range got {
			if o.dead {
				t.Errorf("reader: the value of key %d was retired inside the section that loaded it", o.key)
				return false
			}
		}
		seen.Add(int64(len(got)))
		return true
	})
	r := rand.New(rand.NewPCG(9, 9))
	for range batches {
		var old []*mapObj
		for range batch {
			k := r.IntN(keys)
			if r.IntN(4) == 0 {
				if o, ok := m.Delete(k); ok {
					old = append(old, o)
				}
				m.Store(k, &mapObj{key: k})
				continue
			}
			if o, ok := m.Swap(k, &mapObj{key: k}); ok {
				old = append(old, o)
			}
		}
		rcuapi.Synchronize()
		for _, o := range old {
			o.dead = true // retire
		}
	}
	stop.Store(true)
	wait()
	t.Logf("%d values checked by readers", seen.Load())
}
