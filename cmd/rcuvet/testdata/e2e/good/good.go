// Package good uses rcuapi only in correct ways: rcuvet must report nothing.
package good

import (
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct{ port int }

type backend struct{ conn net.Conn }

type plugin struct{ name string }

var (
	mu       sync.Mutex // serialises the updaters of current
	current  rcuapi.Pointer[config]
	backends rcuapi.SRCU
	primary  rcuapi.Pointer[backend]
	plugins  rcuapi.SRCU
	active   rcuapi.Pointer[plugin]
	names    rcuapi.List[string]
)

// Port reads under a section ended by defer on every path.
func Port() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if cfg := current.Dereference(s); cfg != nil {
		return cfg.port
	}
	return 80
}

// PortCopy copies what it needs out before the section ends.
func PortCopy() int {
	s := rcuapi.ReadLock()
	port := current.Dereference(s).port
	rcuapi.ReadUnlock(s)
	return port
}

// Send blocks inside an SRCU section, which SRCU allows.
func Send(msg []byte) error {
	s := backends.ReadLock()
	defer backends.ReadUnlock(s)
	_, err := primary.Dereference(s).conn.Write(msg)
	return err
}

// ActiveName ends its section on the domain that began it.
func ActiveName() string {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	return active.Dereference(s).name
}

// Count walks a list under a section it passes down.
func Count() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return count(s)
}

func count(s rcuapi.Section) int {
	n := 0
	for range names.All(s) {
		n++
	}
	return n
}

// SetPort is the update side: copy, change the copy, publish, wait.
func SetPort(port int) {
	mu.Lock()
	next := *current.Protected(&mu)
	next.port = port
	current.Assign(&next)
	mu.Unlock()
	rcuapi.Synchronize()
}

// Changed only compares what Access returns.
func Changed(old *config) bool {
	return current.Access() != old
}
