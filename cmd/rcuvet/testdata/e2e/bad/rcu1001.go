// Package bad has exactly one bug per check that rcuvet runs, one file per
// check. A comment "want RCUxxxx" at the end of a line names the check that
// must report a diagnostic on that line.
package bad

import "github.com/rcuvet/rcuvet/rcuapi"

type config struct{ port int }

var current rcuapi.Pointer[config]

// Port dereferences under a section that has already ended.
func Port() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return current.Dereference(s).port // want RCU1001
}
