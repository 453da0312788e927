package rcu1001

import "github.com/rcuvet/rcuvet/rcuapi"

// A Section taken only when the caller holds none, and a fast path that
// forgets to use the caller's: the Dereference gets the zero Section.
type limits struct{ burst int }

var lim rcuapi.Pointer[limits]

func burst(in *rcuapi.Section) int {
	var s rcuapi.Section
	if in == nil {
		s = rcuapi.ReadLock()
		defer rcuapi.ReadUnlock(s)
	}
	return lim.Dereference(s).burst // want `RCU1001: Dereference with a Section that is the zero value on the paths that skip the ReadLock at zeropath\.go:\d+`
}

func okBurstCallers(in *rcuapi.Section) int {
	var s rcuapi.Section
	if in == nil {
		s = rcuapi.ReadLock()
		defer rcuapi.ReadUnlock(s)
	} else {
		s = *in
	}
	return lim.Dereference(s).burst
}

// okBurstCorrelated reads only on the branch that took the section.
func okBurstCorrelated(fast bool) int {
	var s rcuapi.Section
	if !fast {
		s = rcuapi.ReadLock()
	}
	n := 0
	if !fast {
		n = lim.Dereference(s).burst
		rcuapi.ReadUnlock(s)
	}
	return n
}
