package bad

import "github.com/rcuvet/rcuvet/rcuapi"

type plugin struct{ name string }

var (
	plugins rcuapi.SRCU
	active  rcuapi.Pointer[plugin]
)

// ActiveName ends an SRCU section with the classic ReadUnlock.
func ActiveName() string {
	s := plugins.ReadLock()
	defer rcuapi.ReadUnlock(s) // want RCU1004
	return active.Dereference(s).name
}
