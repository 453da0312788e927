//go:build extra

package tags

import "github.com/rcuvet/rcuvet/rcuapi"

// Extra is built with -tags=extra only.
func Extra() int {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	rcuapi.ReadUnlock(s)
	return c.port // want(extra) RCU1002
}
