package rcu1003fix

import "github.com/rcuvet/rcuvet/rcuapi"

type config struct{ port int }

var (
	cfg rcuapi.Pointer[config]
	dom rcuapi.SRCU
)

// neverEnded begins a section and never ends it: the fix defers the end.
func neverEnded() int {
	s := rcuapi.ReadLock()
	return cfg.Dereference(s).port // want `RCU1003: function returns with the section begun by ReadLock at fix.go:\d+ still open`
}

// neverEndedSRCU is the same on an SRCU domain.
func neverEndedSRCU(x int) int {
	if x > 0 {
		s := dom.ReadLock()
		return cfg.Dereference(s).port + x // want `RCU1003: function returns with the section begun by ReadLock at fix.go:\d+ still open`
	}
	return x
}

// endedOnOnePath ends the section on one path only: no mechanical fix
// (a deferred end would end it twice on that path).
func endedOnOnePath(x int) int {
	s := rcuapi.ReadLock()
	if x > 0 {
		return x // want `RCU1003: function returns with the section begun by ReadLock at fix.go:\d+ still open`
	}
	rcuapi.ReadUnlock(s)
	return 0
}
