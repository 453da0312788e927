package leak

import "github.com/rcuvet/rcuvet/rcuapi"

type config struct{ port int }

var current rcuapi.Pointer[config]

// Port begins a section and never ends it (RCU1003); rcuvet -fix ends it
// with a deferred ReadUnlock right after the ReadLock.
func Port() int {
	s := rcuapi.ReadLock()
	return current.Dereference(s).port
}
