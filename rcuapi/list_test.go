package rcuapi_test

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

func values(l *rcuapi.List[int]) []int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var vs []int
	for e := range l.All(s) {
		vs = append(vs, e.Value)
	}
	return vs
}

func TestListOperations(t *testing.T) {
	var l rcuapi.List[int]
	if got := values(&l); len(got) != 0 || l.Len() != 0 {
		t.Fatalf("zero List holds %v", got)
	}
	two := l.PushBack(2)
	l.PushFront(1)
	three := l.PushBack(3)
	if got := values(&l); !slices.Equal(got, []int{1, 2, 3}) {
		t.Fatalf("after pushes: %v, want [1 2 3]", got)
	}
	twenty := l.Replace(two, 20)
	if twenty == nil || twenty.Value != 20 {
		t.Fatalf("Replace returned %v", twenty)
	}
	if got := values(&l); !slices.Equal(got, []int{1, 20, 3}) {
		t.Fatalf("after Replace: %v, want [1 20 3]", got)
	}
	if l.Replace(two, 99) != nil {
		t.Error("Replace of an element no longer in the list did something")
	}
	l.Remove(three)
	l.Remove(three) // not in the list any more: nothing happens
	l.Remove(two)
	if got := values(&l); !slices.Equal(got, []int{1, 20}) || l.Len() != 2 {
		t.Fatalf("after Remove: %v (Len %d), want [1 20]", got, l.Len())
	}
	var other rcuapi.List[int]
	other.Remove(twenty) // an element of another list: nothing happens
	if l.Len() != 2 {
		t.Error("Remove on another list changed this one")
	}
}

func TestListReaderKeepsGoingPastRemoved(t *testing.T) {
	// A reader standing on an element that is removed still reaches the
	// rest of the list through it.
	var l rcuapi.List[int]
	for i := range 5 {
		l.PushBack(i)
	}
	s := rcuapi.ReadLock()
	var seen []int
	for e := range l.All(s) {
		seen = append(seen, e.Value)
		if e.Value == 1 {
			l.Remove(e)
		}
	}
	rcuapi.ReadUnlock(s)
	if !slices.Equal(seen, []int{0, 1, 2, 3, 4}) {
		t.Errorf("reader saw %v, want [0 1 2 3 4]", seen)
	}
	if got := values(&l); !slices.Equal(got, []int{0, 2, 3, 4}) {
		t.Errorf("list is %v, want [0 2 3 4]", got)
	}
}

func TestListAllProtectedRemoves(t *testing.T) {
	var mu sync.Mutex
	var l rcuapi.List[int]
	for i := range 6 {
		l.PushBack(i)
	}
	mu.Lock()
	for e := range l.AllProtected(&mu) {
		if e.Value%2 == 1 {
			l.Remove(e)
		}
	}
	mu.Unlock()
	if got := values(&l); !slices.Equal(got, []int{0, 2, 4}) {
		t.Errorf("after removing odd values: %v", got)
	}
	mustPanic(t, func() { l.AllProtected(&mu) }, "not held")
	//rcuvet:ignore RCU1001 the zero Section on purpose: List.All must panic
	mustPanic(t, func() { l.All(rcuapi.Section{}) }, "zero Section")
}

func TestListBreakEndsIteration(t *testing.T) {
	var l rcuapi.List[int]
	for i := range 5 {
		l.PushBack(i)
	}
	s := rcuapi.ReadLock()
	n := 0
	for range l.All(s) {
		n++
		if n == 2 {
			break
		}
	}
	rcuapi.ReadUnlock(s)
	if n != 2 {
		t.Errorf("iterated %d times after break at 2", n)
	}
}

// TestListConcurrentReaders runs readers against an updater that keeps
// adding, replacing and removing. Every element a reader sees was fully
// built before it was published, and the list's order is always ascending.
func TestListConcurrentReaders(t *testing.T) {
	type item struct{ key, check int }
	var l rcuapi.List[*item]
	var mu sync.Mutex
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var reads atomic.Int64
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				s := rcuapi.ReadLock()
				last := -1
				for e := range l.All(s) {
					it := e.Value
					if it.check != it.key*7 {
						t.Errorf("reader saw a half-built item %+v", *it)
					}
					if it.key <= last {
						t.Errorf("reader saw key %d after %d", it.key, last)
					}
					last = it.key
				}
				rcuapi.ReadUnlock(s)
				reads.Add(1)
			}
		})
	}
	deadline := time.Now().Add(200 * time.Millisecond)
	for key := 0; time.Now().Before(deadline) || reads.Load() < 100; key++ {
		mu.Lock()
		e := l.PushBack(&item{key: key, check: key * 7})
		if key%3 == 0 {
			l.Replace(e, &item{key: key, check: key * 7})
		}
		if l.Len() > 16 {
			for first := range l.AllProtected(&mu) {
				l.Remove(first)
				break
			}
		}
		mu.Unlock()
	}
	close(stop)
	wg.Wait()
}
