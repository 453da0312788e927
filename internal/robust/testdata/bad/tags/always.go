//go:build linux || !linux

package tags

import "github.com/rcuvet/rcuvet/rcuapi"

// Always has a build constraint that every build satisfies.
func Always() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port // want RCU1001
}
