package tags

import "github.com/rcuvet/rcuvet/rcuapi"

// Plan9 is excluded by its file name on any other system.
func Plan9() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port // excluded: RCU1001
}
