package rcuapi_test

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

func TestSRCUZeroValue(t *testing.T) {
	var d rcuapi.SRCU
	s := d.ReadLock()
	returned, wait := returnsWithin(blocked, d.Synchronize)
	if returned {
		t.Fatal("Synchronize returned while a reader was inside")
	}
	d.ReadUnlock(s)
	wait()
	//rcuvet:ignore RCU1004 the wrong domain on purpose: ReadUnlock must panic
	mustPanic(t, func() { rcuapi.ReadUnlock(d.ReadLock()) }, `domain "srcu#`)
}

func TestSRCUDomainsAreIndependent(t *testing.T) {
	var a, b rcuapi.SRCU
	sa := a.ReadLock()
	sc := rcuapi.ReadLock()
	// Neither a's reader nor a classic reader holds up b's grace period.
	//rcuvet:ignore RCU1005 the test holds a classic reader on purpose while it checks what waits for it
	if returned, wait := returnsWithin(5*time.Second, b.Synchronize); !returned {
		a.ReadUnlock(sa)
		rcuapi.ReadUnlock(sc)
		wait()
		t.Fatal("b.Synchronize waited for readers of other domains")
	}
	// A's reader does not hold up classic grace periods either.
	rcuapi.ReadUnlock(sc)
	if returned, wait := returnsWithin(5*time.Second, rcuapi.Synchronize); !returned {
		a.ReadUnlock(sa)
		wait()
		t.Fatal("Synchronize waited for an SRCU reader")
	}
	a.ReadUnlock(sa)
}

func TestSRCUReaderMayBlock(t *testing.T) {
	d := rcuapi.NewSRCU("sleepy")
	var p rcuapi.Pointer[int]
	v := 1
	p.Assign(&v)
	s := d.ReadLock()
	got := p.Dereference(s)
	time.Sleep(10 * time.Millisecond) // allowed in an SRCU section
	if *got != 1 {
		t.Fatal("lost the value")
	}
	d.ReadUnlock(s)
	d.SynchronizeExpedited()
}

func TestSRCUCallBarrierPending(t *testing.T) {
	d := rcuapi.NewSRCU("cb")
	s := d.ReadLock()
	var ran atomic.Int64
	for range 10 {
		d.Call(func() { ran.Add(1) })
	}
	if n := d.Pending(); n != 10 {
		t.Errorf("Pending() = %d, want 10", n)
	}
	time.Sleep(blocked)
	if ran.Load() != 0 {
		t.Fatal("callbacks ran while a reader that predates them was inside")
	}
	d.ReadUnlock(s)
	d.Barrier()
	if ran.Load() != 10 || d.Pending() != 0 {
		t.Fatalf("after Barrier: %d ran, %d pending; want 10 and 0", ran.Load(), d.Pending())
	}
}

func TestSRCUCleanup(t *testing.T) {
	d := rcuapi.NewSRCU("gone")
	d.Call(func() {})
	d.Barrier()
	if err := d.Cleanup(); err != nil {
		t.Fatalf("Cleanup after Barrier: %v", err)
	}
	uses := map[string]func(){
		//rcuvet:ignore RCU1003 ReadLock after Cleanup must panic before it begins a section
		"ReadLock":             func() { d.ReadLock() },
		"Synchronize":          d.Synchronize,
		"SynchronizeExpedited": d.SynchronizeExpedited,
		"Call":                 func() { d.Call(func() {}) },
		"Barrier":              d.Barrier,
		"Pending":              func() { d.Pending() },
		"Cleanup":              func() { d.Cleanup() },
	}
	for op, use := range uses {
		mustPanic(t, use, op, `"gone"`, "after its Cleanup")
	}
}

func TestSRCUCleanupZeroValue(t *testing.T) {
	var d rcuapi.SRCU
	if err := d.Cleanup(); err != nil {
		t.Fatalf("Cleanup of an unused SRCU: %v", err)
	}
	//rcuvet:ignore RCU1003 ReadLock after Cleanup must panic before it begins a section
	mustPanic(t, func() { d.ReadLock() }, "after its Cleanup")
}

func TestSRCUCleanupWithReadersAndCallbacks(t *testing.T) {
	d := rcuapi.NewSRCU("busy")
	s := d.ReadLock() // keeps the callback's grace period from ending
	var ran atomic.Bool
	d.Call(func() { ran.Store(true) })

	err := d.Cleanup()
	if !errors.Is(err, rcuapi.ErrActiveReaders) {
		t.Errorf("Cleanup with a reader inside: %v; want ErrActiveReaders", err)
	}
	var pce *rcuapi.PendingCallbacksError
	if !errors.Is(err, rcuapi.ErrPendingCallbacks) || !errors.As(err, &pce) {
		t.Fatalf("Cleanup with a callback queued: %v; want a PendingCallbacksError", err)
	}
	if pce.Domain != "busy" || len(pce.Callbacks) != 1 {
		t.Errorf("PendingCallbacksError = %+v; want domain busy and one callback", pce)
	}

	d.ReadUnlock(s) // a reader that was inside may still leave
	eventually(t, "the dropped batch is retired", func() bool { return rcuapi.BatchesInFlight(d) == 0 })
	if ran.Load() {
		t.Error("a callback dropped by Cleanup ran")
	}
}
