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

// A return from inside a range-over-func loop leaves the function: the
// section must be ended on that path too, whatever the loop's other
// exits do.
func returnInsideIterator(x string) (string, bool) {
	s := rcuapi.ReadLock()
	for e := range nameList.All(s) {
		if e.Value == x {
			return e.Value, false // want `RCU1003: function returns with the section begun by ReadLock at relock\.go:\d+ still open`
		}
		if len(e.Value) > len(x) {
			v := e.Value
			rcuapi.ReadUnlock(s)
			return v, true
		}
	}
	rcuapi.ReadUnlock(s)
	return "", false
}

func okReturnInsideIterator(x string) (string, bool) {
	s := rcuapi.ReadLock()
	for e := range nameList.All(s) {
		if e.Value == x {
			rcuapi.ReadUnlock(s)
			return e.Value, false
		}
		if len(e.Value) > len(x) {
			v := e.Value
			rcuapi.ReadUnlock(s)
			return v, true
		}
	}
	rcuapi.ReadUnlock(s)
	return "", false
}

var nameList rcuapi.List[string] // classic RCU
