package rcu1003

import (
	"slices"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Loops that end the section around a blocking call and begin it again
// are balanced: the section variable holds one section at a time, and the
// end after the loop ends the one it holds.

var names rcuapi.Pointer[[]string]

func ping(string) { time.Sleep(time.Millisecond) }

func lookup(s rcuapi.Section, n string) (string, bool) {
	if p := names.Dereference(s); p != nil && slices.Contains(*p, n) {
		return n, true
	}
	return "", false
}

func relockPlainLoop(ns []string) {
	s := rcuapi.ReadLock()
	for i := range ns {
		addr, ok := lookup(s, ns[i])
		rcuapi.ReadUnlock(s)
		if ok {
			ping(addr)
		}
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
}

func relockRangeFunc(ns []string) {
	s := rcuapi.ReadLock()
	for n := range slices.Values(ns) {
		addr, ok := lookup(s, n)
		rcuapi.ReadUnlock(s)
		if ok {
			ping(addr)
		}
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
}

func relockRangeFuncEarlyExit(ns []string) bool {
	s := rcuapi.ReadLock()
	for n := range slices.Values(ns) {
		_, ok := lookup(s, n)
		rcuapi.ReadUnlock(s)
		if !ok {
			return false
		}
		ping(n)
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
	return true
}
