// Package ptrhelpers holds the cross-package side of the RCU2003 and
// RCU5001 fixtures: exported Pointers that this package updates or reads,
// and that the fixture packages, which import it, read or update too. It
// holds correct code only: nothing may be reported here.
package ptrhelpers

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Config is what the pointers below point to.
type Config struct {
	Addr string
	Port int
}

var (
	mu sync.Mutex // serialises the updates of Current

	// Current is updated by Set under mu.
	Current rcuapi.Pointer[Config]

	// Dom is the SRCU domain whose readers read Shared.
	Dom rcuapi.SRCU
	// Shared is read by AddrOf under Dom.
	Shared rcuapi.Pointer[Config]

	// Table is updated by SetTable, which waits for classic readers.
	Table rcuapi.Pointer[Config]

	// Mu is an exported lock: callers of other packages can hold it.
	Mu sync.Mutex
	// Exposed is updated by SetExposed under Mu.
	Exposed rcuapi.Pointer[Config]

	// Ports is read by PortOf under the Section its caller gives it.
	Ports rcuapi.Pointer[Config]
)

// PortOf reads Ports under s, a section of its caller's domain.
func PortOf(s rcuapi.Section) int {
	if c := Ports.Dereference(s); c != nil {
		return c.Port
	}
	return 0
}

// Set publishes c under mu.
func Set(c *Config) {
	mu.Lock()
	defer mu.Unlock()
	Current.Assign(c)
}

// SetExposed publishes c under Mu.
func SetExposed(c *Config) {
	Mu.Lock()
	defer Mu.Unlock()
	Exposed.Assign(c)
}

// AddrOf reads Shared under an SRCU section of Dom.
func AddrOf() string {
	s := Dom.ReadLock()
	defer Dom.ReadUnlock(s)
	if c := Shared.Dereference(s); c != nil {
		return c.Addr
	}
	return ""
}

// SetTable replaces Table and waits for classic readers before returning.
func SetTable(c *Config) *Config {
	mu.Lock()
	old := Table.Replace(c, &mu)
	mu.Unlock()
	rcuapi.Synchronize()
	return old
}
