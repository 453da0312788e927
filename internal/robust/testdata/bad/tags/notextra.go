//go:build !extra

package tags

import "github.com/rcuvet/rcuvet/rcuapi"

// NotExtra is built without -tags=extra only.
func NotExtra() {
	s := rcuapi.ReadLock()
	if cfg.Dereference(s).port == 0 {
		return // want(!extra) RCU1003
	}
	rcuapi.ReadUnlock(s)
}
