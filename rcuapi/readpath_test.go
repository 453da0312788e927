package rcuapi_test

import (
	"sync"
	"testing"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// The read paths allocate nothing: a section of every flavour, with the
// loads it protects. testing.AllocsPerRun runs each once before counting;
// a zero SRCU allocates nothing even then (its domain and slots are part of
// it), a zero QSBR makes its domain at Register, before the test.
func TestReadPathsDoNotAllocate(t *testing.T) {
	type config struct{ port int }
	var p rcuapi.Pointer[config]
	p.Assign(&config{port: 8080})
	var l rcuapi.List[int]
	var mu sync.Mutex
	mu.Lock()
	l.PushBack(1)
	l.PushBack(2)
	mu.Unlock()
	var m rcuapi.Map[int, int]
	m.Store(1, 1)

	var zero rcuapi.SRCU
	named := rcuapi.NewSRCU("allocs")
	var q rcuapi.QSBR
	r := q.Register()
	defer r.Unregister()

	n := 0
	paths := []struct {
		name string
		read func()
	}{
		{"classic", func() {
			s := rcuapi.ReadLock()
			n += p.Dereference(s).port
			rcuapi.ReadUnlock(s)
		}},
		{"classic nested", func() {
			s := rcuapi.ReadLock()
			s2 := rcuapi.ReadLock()
			n += p.Dereference(s2).port
			rcuapi.ReadUnlock(s2)
			rcuapi.ReadUnlock(s)
		}},
		{"classic List.All", func() {
			s := rcuapi.ReadLock()
			for e := range l.All(s) {
				n += e.Value
			}
			rcuapi.ReadUnlock(s)
		}},
		{"classic Map.Load", func() {
			s := rcuapi.ReadLock()
			v, _ := m.Load(s, 1)
			n += v
			rcuapi.ReadUnlock(s)
		}},
		{"srcu zero value", func() {
			s := zero.ReadLock()
			n += p.Dereference(s).port
			zero.ReadUnlock(s)
		}},
		{"srcu NewSRCU", func() {
			s := named.ReadLock()
			n += p.Dereference(s).port
			named.ReadUnlock(s)
		}},
		{"qsbr", func() {
			s := r.ReadLock()
			n += p.Dereference(s).port
			r.ReadUnlock(s)
			r.Quiescent()
		}},
		{"qsbr nested", func() {
			s := r.ReadLock()
			s2 := r.ReadLock()
			n += p.Dereference(s2).port
			r.ReadUnlock(s2)
			r.ReadUnlock(s)
			r.Quiescent()
		}},
	}
	for _, path := range paths {
		if a := testing.AllocsPerRun(1000, path.read); a != 0 {
			t.Errorf("%s: %v allocations per section, want 0", path.name, a)
		}
	}
	if n == 0 {
		t.Fatal("the sections read nothing")
	}
}

// Readers pick their slot from the address of a variable on their stack.
// If that address were the same for every goroutine (a zero-size variable
// may share its address with others), every reader would count in one slot
// and readers on different processors would contend for it. Sections held
// at once by many goroutines must land in more than one slot.
func TestConcurrentReadersSpreadOverSlots(t *testing.T) {
	if rcuapi.MembOn() {
		t.Skip("memb path: readers count in the slot of their P, not one picked by the stack address (the atomic path, tested under -race)")
	}
	const readers = 64
	var zero rcuapi.SRCU
	for _, fl := range []struct {
		name         string
		lock         func() rcuapi.Section
		unlock       func(rcuapi.Section)
		minDifferent int
	}{
		{"classic", rcuapi.ReadLock, rcuapi.ReadUnlock, 4},
		{"srcu", zero.ReadLock, zero.ReadUnlock, 4},
	} {
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			counters = map[uintptr]bool{}
			release  = make(chan struct{})
			inside   sync.WaitGroup
		)
		inside.Add(readers)
		for range readers {
			wg.Go(func() {
				s := fl.lock()
				mu.Lock()
				counters[rcuapi.SectionCounter(s)] = true
				mu.Unlock()
				inside.Done()
				<-release // every reader is inside at once: distinct stacks
				fl.unlock(s)
			})
		}
		inside.Wait()
		close(release)
		wg.Wait()
		if len(counters) < fl.minDifferent {
			t.Errorf("%s: %d readers inside at once counted in %d slots, want at least %d",
				fl.name, readers, len(counters), fl.minDifferent)
		}
	}
}
