package rcu1003

import "github.com/rcuvet/rcuvet/rcuapi"

// Wrappers declared in the package that calls them: their directives say
// what they do, whatever their bodies look like (here they go through
// function values the analyzer cannot follow).

var (
	lockFn   = rcuapi.ReadLock
	unlockFn = rcuapi.ReadUnlock
)

// enter begins a classic section.
//
//rcu:acquire classic
func enter() rcuapi.Section { return lockFn() }

// leave ends it.
//
//rcu:release classic s
func leave(s rcuapi.Section) { unlockFn(s) }

func wrapperNeverLeft() int {
	s := enter()
	return len(tbl.Dereference(s).addrs) // want `RCU1003: function returns with the section begun by enter at samepkgwrapper\.go:\d+ still open`
}

func okWrapperPaired() int {
	s := enter()
	defer leave(s)
	return len(tbl.Dereference(s).addrs)
}
