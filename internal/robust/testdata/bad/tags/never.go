//go:build never

package tags

import "github.com/rcuvet/rcuvet/rcuapi"

// Never is excluded by its build constraint: its bug must not be reported.
func Never() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port // excluded: RCU1001
}
