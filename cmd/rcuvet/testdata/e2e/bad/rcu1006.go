package bad

import (
	"os"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type logger struct{ f *os.File }

var currentLogger rcuapi.Pointer[logger]

// Rotate publishes next lock-free, then waits for a grace period while its
// own section is still open.
func Rotate(next *logger) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	old := currentLogger.Dereference(s)
	if old == next || !currentLogger.CompareAndSwap(old, next) {
		return
	}
	rcuapi.Synchronize() // want RCU1006
	old.f.Close()
}
