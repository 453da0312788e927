// Package tags has files that build constraints include and exclude.
package tags

import "github.com/rcuvet/rcuvet/rcuapi"

type config struct{ port int }

var cfg rcuapi.Pointer[config] // classic RCU

// Port is correct.
func Port() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port
}
