// Package wrapped hands its callbacks, closures, to modhelpers.RetireCounted,
// which wraps each in a closure of its own before queueing it: rcuapi's
// Unload cannot tell that they call into this package. The Exit, a function
// literal, does not wait for them.
package wrapped

import (
	"os"
	"sync"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type session struct{ id string }

var (
	mu      sync.Mutex
	current rcuapi.Pointer[session]
	audit   *os.File
)

// Expire replaces the session and logs the old one once readers are done.
func Expire(next *session) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	modhelpers.RetireCounted(func() { audit.WriteString(old.id + " expired\n") })
}

var Module = &rcuapi.Module{
	Name: "sessions",
	Exit: func() { // want `^RCU6001: the Exit function literal, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU \(at wrapped.go:\d+\): they could run after the module is gone; stop queueing them, then call rcuapi\.Barrier\(\) before Exit returns$`
		audit.Close()
	},
}
