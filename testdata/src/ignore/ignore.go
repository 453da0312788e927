// Package ignore checks //rcuvet:ignore directives.
package ignore

import "github.com/rcuvet/rcuvet/rcuapi"

type config struct{ port int }

var cfg rcuapi.Pointer[config]

// silencedTrailing: the directive trails the offending line.
func silencedTrailing() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port //rcuvet:ignore RCU1001 the test wants this on purpose
}

// silencedAbove: the directive stands on the line above.
func silencedAbove() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	//rcuvet:ignore RCU1001,RCU1002 deliberate, for the test
	return cfg.Dereference(s).port
}

// noReason: a directive without a reason silences nothing and is reported.
func noReason() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port //rcuvet:ignore RCU1001 // want `RCU1001: //rcuvet:ignore RCU1001 needs a reason after the ids` `RCU1001: Dereference under the section begun by ReadLock at ignore.go:\d+`
}

// stale: nothing to silence here.
func stale() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port //rcuvet:ignore RCU1001 used to be wrong // want `RCU1001: this //rcuvet:ignore directive silences no RCU1001 diagnostic`
}

// otherCheck: a directive for another check does not silence this one.
func otherCheck() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port //rcuvet:ignore RCU1007 not this one // want `RCU1001: Dereference under the section begun by ReadLock at ignore.go:\d+`
}

//rcuvet:ignore RCU9999 no such check // want `RCU1001: //rcuvet:ignore names RCU9999, which is not a check this rcuvet runs`
func unknown() {}

//rcuvet:ignore // want `RCU1001: //rcuvet:ignore needs the ids`
func empty() {}
