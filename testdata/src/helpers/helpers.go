// Package helpers holds correct read-side helpers that the fixtures of
// several checks call across a package boundary. Each helper that takes a
// Section dereferences under it (or ends it, or begins one), so that its
// callers are checked through the helper's summary fact.
package helpers

import "github.com/rcuvet/rcuvet/rcuapi"

// Config is the object the helpers read.
type Config struct {
	Port  int
	Name  string
	Peers []string
}

// Current is the configuration, protected by classic RCU.
var Current rcuapi.Pointer[Config]

// Port dereferences under the Section it is given.
func Port(s rcuapi.Section) int { return Current.Dereference(s).Port }

// PortVia passes its Section one step further down the call chain.
func PortVia(s rcuapi.Section) int { return Port(s) + 0 }

// Get returns the configuration loaded under s: it may be used only while s
// is live.
func Get(s rcuapi.Section) *Config { return Current.Dereference(s) }

// Begin begins a classic section and hands it to its caller, who must end
// it.
func Begin() rcuapi.Section { return rcuapi.ReadLock() }

// End ends the classic section it is given.
func End(s rcuapi.Section) { rcuapi.ReadUnlock(s) }

// Show reads the fields of c: it must be given a pointer its caller may
// still use.
func Show(c *Config) string { return c.Name }

// PortInSection reads under a section of its own.
func PortInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return Port(s)
}
