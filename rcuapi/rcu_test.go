package rcuapi_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// blocked is how long a test waits to conclude that a call is blocked.
const blocked = 50 * time.Millisecond

func TestSynchronizeWaitsForReader(t *testing.T) {
	for _, exp := range []bool{false, true} {
		sync := rcuapi.Synchronize
		if exp {
			sync = rcuapi.SynchronizeExpedited
		}
		s := rcuapi.ReadLock()
		//rcuvet:ignore RCU1005 the test holds a classic reader on purpose while it checks what waits for it
		returned, wait := returnsWithin(blocked, sync)
		if returned {
			t.Fatalf("expedited=%v: Synchronize returned while a reader was inside", exp)
		}
		rcuapi.ReadUnlock(s)
		wait()
	}
}

func TestSynchronizeIgnoresLaterReaders(t *testing.T) {
	// Readers that begin and end while a grace period waits do not keep it
	// waiting: only the reader that was inside at the start does.
	first := rcuapi.ReadLock()
	done := make(chan struct{})
	go func() { rcuapi.Synchronize(); close(done) }()
	stop := make(chan struct{})
	var churn atomic.Int64
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			s := rcuapi.ReadLock()
			churn.Add(1)
			rcuapi.ReadUnlock(s)
		}
	}()
	//rcuvet:ignore RCU1005 the test holds a classic reader on purpose while it checks what waits for it
	eventually(t, "readers churn", func() bool { return churn.Load() > 1000 })
	rcuapi.ReadUnlock(first)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Synchronize did not return after the only old reader left")
	}
	close(stop)
}

func TestNestedSections(t *testing.T) {
	outer := rcuapi.ReadLock()
	inner := rcuapi.ReadLock()
	rcuapi.ReadUnlock(inner)
	//rcuvet:ignore RCU1005 the test holds a classic reader on purpose while it checks what waits for it
	returned, wait := returnsWithin(blocked, rcuapi.Synchronize)
	if returned {
		t.Fatal("Synchronize returned while the outer section was live")
	}
	rcuapi.ReadUnlock(outer)
	wait()
}

func TestReadUnlockMisuse(t *testing.T) {
	//rcuvet:ignore RCU1003 the zero Section on purpose: ReadUnlock must panic
	mustPanic(t, func() { rcuapi.ReadUnlock(rcuapi.Section{}) }, "ReadUnlock", "zero Section")

	d := rcuapi.NewSRCU("other")
	s := d.ReadLock()
	mustPanic(t, func() { rcuapi.ReadUnlock(s) }, `domain "rcu"`, `domain "other"`)
	d.ReadUnlock(s)

	c := rcuapi.ReadLock()
	mustPanic(t, func() { d.ReadUnlock(c) }, `domain "other"`, `domain "rcu"`)
	rcuapi.ReadUnlock(c)
}

// TestReadUnlockTwice: on the atomic path the second ReadUnlock panics at
// the call. On the memb path (memb.go) nothing at the call can see it; the
// next grace period finds more unlocks than locks, and the Synchronize that
// waited for it panics. The domain keeps working afterwards.
func TestReadUnlockTwice(t *testing.T) {
	d := rcuapi.NewSRCU("twice")
	s := d.ReadLock()
	d.ReadUnlock(s)
	if !rcuapi.MembOn() {
		mustPanic(t, func() { d.ReadUnlock(s) }, "already ended")
		return
	}
	//rcuvet:ignore RCU1003 the second ReadUnlock is the misuse under test
	d.ReadUnlock(s)
	mustPanic(t, d.Synchronize, `ReadUnlock (found by a grace period) on domain "twice"`, "already ended")
	// Reported once; the count is repaired and grace periods work again,
	// waiting for readers as before.
	d.Synchronize()
	s = d.ReadLock()
	returned, wait := returnsWithin(blocked, d.Synchronize)
	if returned {
		t.Fatal("Synchronize returned while a section was live after the repaired misuse")
	}
	d.ReadUnlock(s)
	wait()
}

func TestCallRunsAfterGracePeriod(t *testing.T) {
	s := rcuapi.ReadLock()
	var ran atomic.Bool
	rcuapi.Call(func() { ran.Store(true) })
	if n := rcuapi.Pending(); n < 1 {
		t.Errorf("Pending() = %d with a callback queued", n)
	}
	//rcuvet:ignore RCU1005 the test holds a classic reader on purpose while it checks what waits for it
	time.Sleep(blocked)
	if ran.Load() {
		t.Fatal("callback ran while a reader that predates it was inside")
	}
	rcuapi.ReadUnlock(s)
	rcuapi.Barrier()
	if !ran.Load() {
		t.Fatal("callback had not run when Barrier returned")
	}
}

func TestCallNil(t *testing.T) {
	mustPanic(t, func() { rcuapi.Call(nil) }, "nil")
}

func TestBarrierDoesNotWaitForGracePeriod(t *testing.T) {
	rcuapi.Barrier() // drain what other tests queued
	s := rcuapi.ReadLock()
	//rcuvet:ignore RCU1005 the test holds a classic reader on purpose while it checks what waits for it
	returned, wait := returnsWithin(5*time.Second, rcuapi.Barrier)
	rcuapi.ReadUnlock(s)
	wait()
	if !returned {
		t.Error("Barrier with nothing queued waited for a reader")
	}
}

func TestPendingDrains(t *testing.T) {
	for range 100 {
		rcuapi.Call(func() {})
	}
	rcuapi.Barrier()
	if n := rcuapi.Pending(); n != 0 {
		t.Errorf("Pending() = %d after Barrier", n)
	}
}

func TestCallbackPanicHandler(t *testing.T) {
	got := make(chan rcuapi.CallbackPanic, 1)
	rcuapi.SetCallbackPanicHandler(func(p rcuapi.CallbackPanic) { got <- p })
	defer rcuapi.SetCallbackPanicHandler(nil)

	var after atomic.Bool
	rcuapi.Call(func() { panic("boom") })
	rcuapi.Call(func() { after.Store(true) })
	rcuapi.Barrier()
	select {
	case p := <-got:
		if p.Value != "boom" || p.Domain != "rcu" || len(p.Stack) == 0 {
			t.Errorf("handler got %+v; want value boom, domain rcu and a stack", p)
		}
	default:
		t.Fatal("the panic was not reported to the handler")
	}
	if !after.Load() {
		t.Error("a callback after the panicking one did not run")
	}
}

func TestSetCallbackMode(t *testing.T) {
	prev := rcuapi.SetCallbackMode(rcuapi.CallbackShuffled)
	defer rcuapi.SetCallbackMode(prev)
	if got := rcuapi.SetCallbackMode(rcuapi.CallbackParallel); got != rcuapi.CallbackShuffled {
		t.Errorf("SetCallbackMode returned %v, want the previous mode shuffled", got)
	}
	mustPanic(t, func() { rcuapi.SetCallbackMode(rcuapi.CallbackMode(42)) }, "unknown mode")
}

func TestPolledGracePeriods(t *testing.T) {
	if !rcuapi.PollState(rcuapi.GPState{}) {
		t.Error("the zero GPState has not completed")
	}
	st := rcuapi.GetState()
	if rcuapi.PollState(st) {
		t.Fatal("PollState true before any grace period")
	}
	rcuapi.Synchronize()
	if !rcuapi.PollState(st) {
		t.Fatal("PollState false after Synchronize")
	}

	// CondSynchronize waits only if the grace period has not elapsed.
	s := rcuapi.ReadLock()
	//rcuvet:ignore RCU1005 the test holds a classic reader on purpose while it checks what waits for it
	returned, wait := returnsWithin(blocked, func() { rcuapi.CondSynchronize(st) })
	if !returned {
		t.Error("CondSynchronize waited for a grace period that had completed")
	}
	st2 := rcuapi.GetState()
	returned, wait2 := returnsWithin(blocked, func() { rcuapi.CondSynchronize(st2) })
	if returned {
		t.Error("CondSynchronize returned while a reader predating its state was inside")
	}
	rcuapi.ReadUnlock(s)
	wait()
	wait2()
	if !rcuapi.PollState(st2) {
		t.Error("PollState false after CondSynchronize")
	}
}

func TestStartPoll(t *testing.T) {
	s := rcuapi.ReadLock()
	st := rcuapi.StartPoll()
	//rcuvet:ignore RCU1005 the test holds a classic reader on purpose while it checks what waits for it
	time.Sleep(blocked)
	if rcuapi.PollState(st) {
		t.Fatal("grace period completed while a reader predating it was inside")
	}
	rcuapi.ReadUnlock(s)
	// Nobody calls Synchronize: StartPoll alone must get the grace period done.
	eventually(t, "the polled grace period completes", func() bool { return rcuapi.PollState(st) })
}

func TestDereferenceZeroSection(t *testing.T) {
	var p rcuapi.Pointer[int]
	//rcuvet:ignore RCU1001 the zero Section on purpose: Dereference must panic
	mustPanic(t, func() { p.Dereference(rcuapi.Section{}) }, "Dereference", "zero Section")
}
