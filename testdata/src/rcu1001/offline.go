package rcu1001

import "github.com/rcuvet/rcuvet/rcuapi"

// A section of a QSBR handle that is offline holds up no grace period:
// reading under it reads under no section at all.

var oq rcuapi.QSBR

func readWhileOffline(r *rcuapi.QSBRReader, n int) int {
	sum := 0
	for range n {
		s := r.ReadLock()
		sum += cfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at offline.go:\d+ while its QSBR reader was offline`
		r.ReadUnlock(s)
		r.Offline()
	}
	r.Online()
	return sum
}

// readOnline goes online before each section: correct.
func readOnline(r *rcuapi.QSBRReader, n int) int {
	sum := 0
	for range n {
		r.Online()
		s := r.ReadLock()
		sum += cfg.Dereference(s).port
		r.ReadUnlock(s)
		r.Offline()
	}
	return sum
}
