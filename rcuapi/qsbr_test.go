package rcuapi_test

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// qsbrSyncAsync starts q.Synchronize on a goroutine of its own (a goroutine
// that holds no handle of q) and returns a channel closed when it returns.
func qsbrSyncAsync(q *rcuapi.QSBR) <-chan struct{} {
	done := make(chan struct{})
	go func() { q.Synchronize(); close(done) }()
	return done
}

// qsbrMustBeHeldUp waits until the grace period that synced waits for has
// parked waiting for a handle, and fails if synced returned instead. Once
// parked, a correct runtime cannot end that grace period until a handle it
// waits for quiesces, goes offline or unregisters, so the check does not
// depend on timing.
func qsbrMustBeHeldUp(t *testing.T, q *rcuapi.QSBR, synced <-chan struct{}, what string) {
	t.Helper()
	returned := func() bool {
		select {
		case <-synced:
			return true
		default:
			return false
		}
	}
	eventually(t, "the grace period parks waiting for a handle", func() bool {
		return returned() || rcuapi.QSBRParked(q)
	})
	if returned() {
		t.Fatalf("Synchronize returned while %s", what)
	}
}

// qsbrMustReturn fails unless synced is closed within the drain timeout.
func qsbrMustReturn(t *testing.T, synced <-chan struct{}, after string) {
	t.Helper()
	if !tortWithin(tortDrainTimeout, func() { <-synced }) {
		t.Fatalf("Synchronize did not return within %v after %s\n%s", tortDrainTimeout, after, tortStacks())
	}
}

// TestQSBRSynchronizeWaitsForReader: a handle inside a section that began
// before Synchronize holds it up until the handle quiesces, goes offline or
// unregisters, and the reader keeps seeing the old value meanwhile.
func TestQSBRSynchronizeWaitsForReader(t *testing.T) {
	for _, how := range []string{"quiescent", "offline", "unregister"} {
		t.Run(how, func(t *testing.T) {
			q := rcuapi.NewQSBR("wait-" + how)
			var p rcuapi.Pointer[int]
			old, next := new(int), new(int)
			*old, *next = 1, 2
			p.Assign(old)

			inside := make(chan struct{})
			release := make(chan struct{})
			readerDone := make(chan int, 1)
			finished := make(chan struct{})
			var once sync.Once
			stop := func() { once.Do(func() { close(release) }) }
			defer func() { stop(); <-finished }() // also after a failure: the reader must not be left waiting
			go func() {
				defer close(finished)
				r := q.Register()
				s := r.ReadLock()
				v := p.Dereference(s)
				close(inside)
				<-release
				seen := *v // still protected: the section has not ended
				r.ReadUnlock(s)
				switch how {
				case "quiescent":
					r.Quiescent()
				case "offline":
					r.Offline()
				}
				readerDone <- seen
				<-release // stays registered until the test ends
				r.Unregister()
			}()
			<-inside
			p.Assign(next)
			synced := qsbrSyncAsync(q)
			qsbrMustBeHeldUp(t, q, synced, "a handle that had not quiesced was inside a section that began before it")
			release <- struct{}{}
			if seen := <-readerDone; seen != 1 {
				t.Errorf("reader saw %d, want the old value 1", seen)
			}
			if how == "unregister" {
				stop()
				qsbrMustReturn(t, synced, "the handle unregistered")
				return
			}
			qsbrMustReturn(t, synced, "the handle went "+how)
		})
	}
}

// TestQSBROnlineHandleHoldsUpGracePeriods: outside any section, an online
// handle that has not announced a quiescent state still holds up grace
// periods (QSBR cannot tell that it is between sections).
func TestQSBROnlineHandleHoldsUpGracePeriods(t *testing.T) {
	q := rcuapi.NewQSBR("online")
	r := q.Register()
	defer r.Unregister()
	synced := qsbrSyncAsync(q)
	qsbrMustBeHeldUp(t, q, synced, "an online handle had not quiesced")
	r.Quiescent()
	qsbrMustReturn(t, synced, "Quiescent")

	// Having quiesced for that grace period, the handle holds up the next.
	synced = qsbrSyncAsync(q)
	qsbrMustBeHeldUp(t, q, synced, "an online handle had not quiesced since the previous grace period")
	r.Quiescent()
	qsbrMustReturn(t, synced, "the second Quiescent")
}

// TestQSBRSynchronizeSkips: offline and unregistered handles, and handles
// registered after the grace period began, do not hold it up; several
// Synchronize callers waiting at once all return once the handles they wait
// for have gone offline.
func TestQSBRSynchronizeSkips(t *testing.T) {
	q := rcuapi.NewQSBR("skips")
	q.Synchronize() // no handles at all

	off := q.Register()
	off.Offline()
	gone := q.Register()
	gone.Unregister()
	if !tortWithin(tortDrainTimeout, q.Synchronize) {
		t.Fatal("Synchronize waited for an offline or unregistered handle")
	}

	// Three handles; unregistering the first moves the last one in the
	// domain's table: the grace period must still wait for it.
	h1, h2, h3 := q.Register(), q.Register(), q.Register()
	h1.Unregister()
	h2.Offline()
	s := h3.ReadLock()
	var syncs [3]<-chan struct{}
	for i := range syncs {
		syncs[i] = qsbrSyncAsync(q)
	}
	qsbrMustBeHeldUp(t, q, syncs[0], "the last registered handle was inside a section")
	late := q.Register() // registered after the grace period began: not waited for
	h3.ReadUnlock(s)
	h3.Quiescent()
	// The caller that started the grace period returns; the others may
	// have asked for the next one, which waits for h3 and late again.
	anyReturned := func() {
		select {
		case <-syncs[0]:
		case <-syncs[1]:
		case <-syncs[2]:
		}
	}
	if !tortWithin(tortDrainTimeout, anyReturned) {
		t.Fatalf("no Synchronize returned within %v after the only handle the grace period waited for quiesced\n%s", tortDrainTimeout, tortStacks())
	}
	h3.Offline()
	late.Offline()
	for _, synced := range syncs {
		qsbrMustReturn(t, synced, "every online handle went offline")
	}
	late.Unregister()
	h2.Online()
	h2.Unregister()
	h3.Unregister()
	off.Online()
	off.Unregister()
}

func TestQSBRZeroValue(t *testing.T) {
	var q rcuapi.QSBR // the zero value is ready to use
	var p rcuapi.Pointer[int]
	v := 7
	p.Assign(&v)
	r := q.Register()
	s := r.ReadLock()
	if got := *p.Dereference(s); got != 7 {
		t.Errorf("Dereference = %d, want 7", got)
	}
	r.ReadUnlock(s)
	r.Quiescent()
	r.Offline()
	q.Synchronize()
	mustPanic(t, r.Offline, `QSBR domain "qsbr#`, "offline")
	r.Online()
	r.Unregister()
	q.Synchronize()
	if n := q.Pending(); n != 0 {
		t.Errorf("Pending() = %d on a fresh domain", n)
	}
}

func TestQSBRSectionWithListAndNesting(t *testing.T) {
	q := rcuapi.NewQSBR("list")
	var l rcuapi.List[int]
	for i := range 3 {
		l.PushBack(i)
	}
	r := q.Register()
	defer r.Unregister()
	outer := r.ReadLock()
	inner := r.ReadLock()
	sum := 0
	for e := range l.All(inner) {
		sum += e.Value
	}
	r.ReadUnlock(inner)
	mustPanic(t, r.Quiescent, "Quiescent inside a read-side section")
	for e := range l.All(outer) {
		sum += e.Value
	}
	r.ReadUnlock(outer)
	if sum != 6 {
		t.Errorf("sum over the list twice = %d, want 6", sum)
	}
	r.Quiescent()
}

// TestQSBRMisuse checks every misuse panic of a handle.
func TestQSBRMisuse(t *testing.T) {
	q := rcuapi.NewQSBR("misused")
	other := rcuapi.NewQSBR("other")
	dom := `QSBR domain "misused"`

	t.Run("offline", func(t *testing.T) {
		r := q.Register()
		defer r.Unregister()
		r.Offline()
		//rcuvet:ignore RCU1003 the section is never begun: ReadLock on an offline handle must panic
		mustPanic(t, func() { r.ReadLock() }, "ReadLock on an offline reader handle", dom, "call Online first")
		mustPanic(t, r.Quiescent, "Quiescent on an offline reader handle", dom)
		mustPanic(t, r.Offline, "Offline on an offline reader handle", dom)
		r.Online()
		mustPanic(t, r.Online, "Online on a reader handle", dom, "already online")
	})
	t.Run("inside a section", func(t *testing.T) {
		r := q.Register()
		defer r.Unregister()
		s := r.ReadLock()
		for name, f := range map[string]func(){"Quiescent": r.Quiescent, "Offline": r.Offline, "Unregister": r.Unregister} {
			mustPanic(t, f, name+" inside a read-side section of the same reader handle", dom, "call ReadUnlock first")
		}
		mustPanic(t, r.Online, "Online on a reader handle", "already online")
		r.ReadUnlock(s)
	})
	t.Run("after Unregister", func(t *testing.T) {
		r := q.Register()
		r.Unregister()
		for name, f := range map[string]func(){
			//rcuvet:ignore RCU1003 ReadLock after Unregister must panic; no section begins
			"ReadLock": func() { r.ReadLock() },
			//rcuvet:ignore RCU1003 the zero Section on purpose: ReadUnlock must panic
			"ReadUnlock": func() { r.ReadUnlock(rcuapi.Section{}) },
			"Quiescent":  r.Quiescent,
			"Offline":    r.Offline,
			"Online":     r.Online,
			"Unregister": r.Unregister,
		} {
			want := name + " on a reader handle of " + dom + " after its Unregister"
			if name == "ReadUnlock" {
				want = "ReadUnlock on domain" // the zero Section is checked first
			}
			mustPanic(t, f, want)
		}
		r2 := q.Register()
		s := r2.ReadLock()
		r2.ReadUnlock(s)
		r2.Unregister()
		mustPanic(t, func() { r2.ReadUnlock(s) }, "ReadUnlock on a reader handle of "+dom+" after its Unregister")
	})
	t.Run("ReadUnlock", func(t *testing.T) {
		r, r2 := q.Register(), q.Register()
		defer r.Unregister()
		defer r2.Unregister()
		//rcuvet:ignore RCU1003 the zero Section on purpose: ReadUnlock must panic
		mustPanic(t, func() { r.ReadUnlock(rcuapi.Section{}) }, "ReadUnlock on domain", "of the zero Section")

		s := r.ReadLock()
		mustPanic(t, func() { r2.ReadUnlock(s) }, "another handle of that domain", "end a section with the handle that began it")
		ro := other.Register()
		mustPanic(t, func() { ro.ReadUnlock(s) }, `ReadUnlock on domain "other" of a Section of domain "misused"`)
		ro.Unregister()
		mustPanic(t, func() { rcuapi.ReadUnlock(s) }, `ReadUnlock on domain "rcu" of a Section of domain "misused"`)
		cs := rcuapi.ReadLock()
		mustPanic(t, func() { r.ReadUnlock(cs) }, `ReadUnlock on domain "misused" of a Section of domain "rcu"`)
		rcuapi.ReadUnlock(cs)

		inner := r.ReadLock()
		mustPanic(t, func() { r.ReadUnlock(s) }, "not the innermost one open", "reverse order")
		r.ReadUnlock(inner)
		r.ReadUnlock(s)
		mustPanic(t, func() { r.ReadUnlock(s) }, "of a Section that already ended")
		r.Offline()
		mustPanic(t, func() { r.ReadUnlock(s) }, "of a Section that already ended")
		r.Online()
	})
	t.Run("Call nil", func(t *testing.T) {
		mustPanic(t, func() { q.Call(nil) }, "Call with a nil function")
	})
}

// TestQSBRCallBarrier: a callback does not run while a handle that was
// inside a section when it was queued has not quiesced; it runs exactly once
// after that, and Barrier waits for it.
func TestQSBRCallBarrier(t *testing.T) {
	for _, m := range tortModes {
		t.Run(m.name, func(t *testing.T) {
			tortSetMode(t, m.mode)
			q := rcuapi.NewQSBR("call")
			r := q.Register() // owned by this goroutine, which calls Barrier only offline
			s := r.ReadLock()
			var ran atomic.Int32
			var order []int
			var mu sync.Mutex
			for i := range 3 {
				//rcuvet:ignore RCU3001 the test's callbacks take a mutex for a moment to record their order
				q.Call(func() {
					ran.Add(1)
					mu.Lock()
					order = append(order, i)
					mu.Unlock()
				})
			}
			if n := q.Pending(); n != 3 {
				t.Errorf("Pending() = %d with three callbacks queued, want 3", n)
			}
			eventually(t, "the callbacks' grace period parks", func() bool { return ran.Load() != 0 || rcuapi.QSBRParked(q) })
			if n := ran.Load(); n != 0 {
				t.Fatalf("%d callbacks ran while a handle inside a section that began before them had not quiesced", n)
			}
			r.ReadUnlock(s)
			r.Offline() // before Barrier: an online handle would hold it up
			if !tortWithin(tortDrainTimeout, q.Barrier) {
				t.Fatalf("Barrier did not return within %v\n%s", tortDrainTimeout, tortStacks())
			}
			if n := ran.Load(); n != 3 {
				t.Fatalf("%d callbacks had run when Barrier returned, want 3", n)
			}
			if n := q.Pending(); n != 0 {
				t.Errorf("Pending() = %d after Barrier, want 0", n)
			}
			r.Online()
			r.Quiescent()
			r.Offline()
			q.Synchronize()
			q.Barrier()
			if n := ran.Load(); n != 3 {
				t.Errorf("callbacks ran %d times in all after a further grace period, want 3", n)
			}
			mu.Lock()
			if len(order) != 3 || order[0]+order[1]+order[2] != 3 || order[0]*order[1]*order[2] != 0 {
				t.Errorf("mode %s: callbacks ran as %v, want 0, 1 and 2 once each in any order", m.name, order)
			}
			mu.Unlock()
			r.Unregister()
		})
	}
}

// TestQSBRStall: a handle that stays online without quiescing is reported,
// by where it was registered, with a hint at the self-wait mistake.
func TestQSBRStall(t *testing.T) {
	got := make(chan rcuapi.Stall, 16)
	rcuapi.SetStallHandler(func(s rcuapi.Stall) {
		select {
		case got <- s:
		default:
		}
	})
	defer rcuapi.SetStallHandler(nil)
	prev := rcuapi.SetStallTimeout(20 * time.Millisecond)
	defer rcuapi.SetStallTimeout(prev)

	q := rcuapi.NewQSBR("stuck-qsbr")
	r := q.Register()
	quiet := q.Register()
	quiet.Offline()
	synced := qsbrSyncAsync(q)
	var first rcuapi.Stall
	select {
	case first = <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("no stall reported for a handle holding up a grace period")
	}
	r.Quiescent()
	qsbrMustReturn(t, synced, "the stalled handle quiesced")
	r.Unregister()
	quiet.Unregister()
	if first.Domain != "stuck-qsbr" || len(first.Holders) != 1 || !strings.HasPrefix(first.Holders[0], "qsbr_test.go:") {
		t.Errorf("stall = %+v; want domain stuck-qsbr and one holder registered in qsbr_test.go", first)
	}
	msg := first.String()
	for _, w := range []string{`"stuck-qsbr"`, "1 online reader handle(s) without a quiescent state", "qsbr_test.go:", "waits for itself"} {
		if !strings.Contains(msg, w) {
			t.Errorf("stall line %q does not mention %q", msg, w)
		}
	}
	// Many holders are cut short in the line.
	many := rcuapi.Stall{Domain: "d", Holders: strings.Split("a b c d e f g h i j", " ")}
	if msg := many.String(); !strings.Contains(msg, "10 online") || !strings.Contains(msg, "h and 2 more") {
		t.Errorf("stall line for ten holders: %q", msg)
	}
}

// TestQSBRUnloadDropsCallbacks: Unload finds the callbacks a module left
// queued on a QSBR domain, as it does on classic RCU and SRCU.
func TestQSBRUnloadDropsCallbacks(t *testing.T) {
	q := rcuapi.NewQSBR("module-qsbr")
	exited := make(chan struct{})
	//rcuvet:ignore RCU6001 a test module that forgets its Barrier on purpose: Unload must find the callback
	m := &rcuapi.Module{Name: "forgetful-qsbr", Exit: func() { close(exited) }}
	if err := rcuapi.Load(m); err != nil {
		t.Fatal(err)
	}
	r := q.Register() // online without quiescing: the callback's grace period cannot end
	var ran atomic.Int64
	q.Call(func() { ran.Add(1) }) // a closure of the module's package (this test package)
	err := rcuapi.Unload(m)
	<-exited
	var pce *rcuapi.PendingCallbacksError
	if !errors.As(err, &pce) || pce.Module != "forgetful-qsbr" || len(pce.Callbacks) != 1 {
		t.Fatalf("Unload = %v; want a PendingCallbacksError naming one dropped callback", err)
	}
	r.Offline()
	if !tortWithin(tortDrainTimeout, q.Barrier) {
		t.Fatalf("Barrier did not return within %v", tortDrainTimeout)
	}
	if n := ran.Load(); n != 0 {
		t.Errorf("a dropped callback ran %d times", n)
	}
	if n := q.Pending(); n != 0 {
		t.Errorf("Pending() = %d after the callback was dropped", n)
	}
	r.Unregister()
}
