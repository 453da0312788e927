package rcuapi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

func TestStallWarning(t *testing.T) {
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

	d := rcuapi.NewSRCU("stuck")
	s := d.ReadLock()
	done := make(chan struct{})
	go func() { d.Synchronize(); close(done) }()
	var first rcuapi.Stall
	select {
	case first = <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("no stall reported for a reader holding up a grace period")
	}
	d.ReadUnlock(s)
	<-done
	if first.Domain != "stuck" || first.Duration < 20*time.Millisecond {
		t.Errorf("stall = %+v; want domain stuck and at least 20ms", first)
	}
	if msg := first.String(); !strings.Contains(msg, `"stuck"`) || !strings.Contains(msg, "held up a grace period") {
		t.Errorf("stall line %q does not say what happened", msg)
	}
}

func TestStallTimeoutOff(t *testing.T) {
	reported := make(chan rcuapi.Stall, 1)
	rcuapi.SetStallHandler(func(s rcuapi.Stall) { reported <- s })
	defer rcuapi.SetStallHandler(nil)
	prev := rcuapi.SetStallTimeout(0)
	defer rcuapi.SetStallTimeout(prev)
	if got := rcuapi.SetStallTimeout(-time.Second); got != 0 {
		t.Errorf("SetStallTimeout returned %v, want the previous 0", got)
	}

	d := rcuapi.NewSRCU("patient")
	s := d.ReadLock()
	done := make(chan struct{})
	go func() { d.Synchronize(); close(done) }()
	time.Sleep(50 * time.Millisecond)
	d.ReadUnlock(s)
	<-done
	select {
	case st := <-reported:
		t.Errorf("stall reported with warnings off: %v", st)
	default:
	}
}
