package rcuapi_test

import (
	"sync"
	"testing"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct{ port int }

func TestPointer(t *testing.T) {
	var mu sync.Mutex
	var p rcuapi.Pointer[config]
	if p.Access() != nil {
		t.Fatal("zero Pointer is not nil")
	}
	a, b, c := &config{1}, &config{2}, &config{3}
	p.Init(a)

	s := rcuapi.ReadLock()
	if got := p.Dereference(s); got != a {
		t.Errorf("Dereference = %v, want a", got)
	}
	rcuapi.ReadUnlock(s)

	mu.Lock()
	if got := p.Protected(&mu); got != a {
		t.Errorf("Protected = %v, want a", got)
	}
	if old := p.Replace(b, &mu); old != a {
		t.Errorf("Replace returned %v, want a", old)
	}
	mu.Unlock()
	if p.Access() != b {
		t.Error("Access does not see the replacement")
	}
	if p.CompareAndSwap(a, c) {
		t.Error("CompareAndSwap succeeded with a stale old value")
	}
	if !p.CompareAndSwap(b, c) || p.Access() != c {
		t.Error("CompareAndSwap failed with the current value")
	}
	p.Assign(nil)
	if p.Access() != nil {
		t.Error("Assign(nil) did not clear the pointer")
	}
}

func TestPointerUpdateLockChecks(t *testing.T) {
	var p rcuapi.Pointer[config]
	var mu sync.Mutex
	var rw sync.RWMutex
	mustPanic(t, func() { p.Protected(nil) }, "Protected", "nil lock")
	mustPanic(t, func() { p.Protected(&mu) }, "Protected", "not held")
	mustPanic(t, func() { p.Replace(&config{}, &rw) }, "Replace", "not held")

	rw.RLock()
	p.Protected(rw.RLocker()) // a reader-held RWMutex, named the documented way
	p.Protected(&rw)          // held for reading: TryLock fails, so it counts as held
	rw.RUnlock()

	mu.Lock()
	p.Replace(&config{}, &mu)
	mu.Unlock()
	if mu.TryLock() {
		mu.Unlock() // the checks left the lock as they found it
	} else {
		t.Error("the lock check left the mutex locked")
	}
}

// A single updater reads and replaces the current value naming
// SingleUpdater, which no check rejects, while readers run.
func TestPointerSingleUpdater(t *testing.T) {
	var p rcuapi.Pointer[config]
	p.Init(&config{0})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 1000 {
			s := rcuapi.ReadLock()
			if c := p.Dereference(s); c == nil {
				t.Error("reader saw nil")
			}
			rcuapi.ReadUnlock(s)
		}
	}()
	for i := 1; i <= 100; i++ {
		cur := p.Protected(rcuapi.SingleUpdater)
		old := p.Replace(&config{cur.port + 1}, rcuapi.SingleUpdater)
		if old != cur {
			t.Fatalf("Replace returned %v, want the value Protected read", old)
		}
	}
	<-done
	if got := p.Access(); got == nil || p.Protected(rcuapi.SingleUpdater).port != 100 {
		t.Errorf("after 100 updates port = %d, want 100", p.Protected(rcuapi.SingleUpdater).port)
	}
}
