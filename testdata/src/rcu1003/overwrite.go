package rcu1003

import "github.com/rcuvet/rcuvet/rcuapi"

// A section variable overwritten while its section is open leaks that
// section; ending a section that one path already ended ends it twice.

var odom rcuapi.SRCU

func retryOverwrites(tenant string) bool {
	s := rcuapi.ReadLock()
	for attempt := 0; attempt < 3; attempt++ {
		if _, ok := tbl.Dereference(s).addrs[tenant]; ok {
			rcuapi.ReadUnlock(s)
			return true
		}
		s = rcuapi.ReadLock() // want `RCU1003: ReadLock begins a new section in the variable that holds the section begun by ReadLock at overwrite.go:\d+, which is still open`
	}
	rcuapi.ReadUnlock(s)
	return false
}

func refreshOverwrites(stale bool) int {
	idx := odom.ReadLock()
	n := len(tbl.Dereference(idx).addrs)
	if stale {
		idx = odom.ReadLock() // want `RCU1003: ReadLock begins a new section in the variable that holds the section begun by ReadLock at overwrite.go:\d+, which is still open`
		n = len(tbl.Dereference(idx).addrs)
	}
	odom.ReadUnlock(idx)
	return n
}

func endedOnOnePathThenAgain(name string) int {
	s := rcuapi.ReadLock()
	n := len(tbl.Dereference(s).addrs[name])
	if n == 0 {
		rcuapi.ReadUnlock(s)
		n = 1
	}
	rcuapi.ReadUnlock(s) // want `RCU1003: ReadUnlock ends the section begun by ReadLock at overwrite.go:\d+, which has already ended on some paths`
	return n
}

// refreshAfterEnd ends the section before it begins the next: correct.
func refreshAfterEnd(stale bool) int {
	idx := odom.ReadLock()
	n := len(tbl.Dereference(idx).addrs)
	if stale {
		odom.ReadUnlock(idx)
		idx = odom.ReadLock()
		n = len(tbl.Dereference(idx).addrs)
	}
	odom.ReadUnlock(idx)
	return n
}
