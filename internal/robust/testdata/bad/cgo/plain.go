package cgo

import "github.com/rcuvet/rcuvet/rcuapi"

// Kept keeps a pointer past its section, in a file of the package without
// cgo.
func Kept() *config {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	rcuapi.ReadUnlock(s)
	return c // want RCU1002
}
