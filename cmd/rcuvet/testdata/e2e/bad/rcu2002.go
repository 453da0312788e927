package bad

import "github.com/rcuvet/rcuvet/rcuapi"

type quotaTable struct{ max int }

var quotas rcuapi.Pointer[quotaTable]

// Raise changes the published table in place, under readers' feet.
func Raise() {
	s := rcuapi.ReadLock()
	q := quotas.Dereference(s)
	q.max++ // want RCU2002
	rcuapi.ReadUnlock(s)
}
