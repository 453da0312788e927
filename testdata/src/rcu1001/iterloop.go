package rcu1001

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// A loop over an RCU iterator whose body ends the section the iterator
// walks under, to block, and begins another: the iterator goes on under
// the ended section. The kernel has fixed this shape in
// list_for_each_entry_rcu loops more than once.

var (
	table rcuapi.Map[string, *route]
	mdom  rcuapi.SRCU
)

func slow(string) { time.Sleep(time.Millisecond) }

func unlockInListLoop() {
	s := rcuapi.ReadLock()
	for e := range routes.All(s) {
		p := e.Value.prefix
		rcuapi.ReadUnlock(s) // want `RCU1001: ReadUnlock ends the section begun by ReadLock at iterloop.go:\d+ inside a loop whose iterator \(at iterloop.go:\d+\) walks under it`
		slow(p)
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
}

func unlockInMapLoop() {
	s := mdom.ReadLock()
	for k := range table.Range(s) {
		mdom.ReadUnlock(s) // want `RCU1001: ReadUnlock ends the section begun by ReadLock at iterloop.go:\d+ inside a loop whose iterator`
		slow(k)
		s = mdom.ReadLock()
	}
	mdom.ReadUnlock(s)
}

func unlockInModuleLoop() {
	s := rcuapi.ReadLock()
	for m := range rcuapi.Modules(s) {
		name := m.Name
		rcuapi.ReadUnlock(s) // want `RCU1001: ReadUnlock ends the section begun by ReadLock at iterloop.go:\d+ inside a loop whose iterator`
		slow(name)
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
}

// unlockThenLeave ends the section only on its way out of the loop: the
// iterator stops there. Correct.
func unlockThenLeave(want string) string {
	s := rcuapi.ReadLock()
	for e := range routes.All(s) {
		if e.Value.prefix == want {
			p := e.Value.prefix
			rcuapi.ReadUnlock(s)
			slow(p)
			return p
		}
	}
	rcuapi.ReadUnlock(s)
	return ""
}

// collectThenBlock copies what it needs inside the section and blocks
// after it. Correct.
func collectThenBlock() {
	var prefixes []string
	s := rcuapi.ReadLock()
	for e := range routes.All(s) {
		prefixes = append(prefixes, e.Value.prefix)
	}
	rcuapi.ReadUnlock(s)
	for _, p := range prefixes {
		slow(p)
	}
}
