// Package wrapper is a user's wrapper around rcuapi. Its functions carry the
// same //rcu: directives as rcuapi's, so that the checks understand them as
// they understand rcuapi itself.
package wrapper

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Config is the object a Domain protects.
type Config struct {
	Port int
	Name string
}

// Describe reads through c.
func (c *Config) Describe() string { return c.Name }

// A Domain is an SRCU domain together with the configuration it protects.
type Domain struct {
	srcu *rcuapi.SRCU
	mu   sync.Mutex // serialises updaters
	cfg  rcuapi.Pointer[Config]
}

// New returns a Domain whose SRCU domain is called name.
func New(name string) *Domain { return &Domain{srcu: rcuapi.NewSRCU(name)} }

// ReadLock begins a read-side section of d.
//
//rcu:acquire d
func (d *Domain) ReadLock() rcuapi.Section { return d.srcu.ReadLock() }

// ReadUnlock ends a section begun by d.ReadLock.
//
//rcu:release d s
func (d *Domain) ReadUnlock(s rcuapi.Section) { d.srcu.ReadUnlock(s) }

// Config loads d's configuration for a reader inside section s.
//
//rcu:deref s
func (d *Domain) Config(s rcuapi.Section) *Config { return d.cfg.Dereference(s) }

// Peek loads d's configuration for comparison only.
//
//rcu:access
func (d *Domain) Peek() *Config { return d.cfg.Access() }

// Publish replaces d's configuration and waits until no reader can see the
// old one.
func (d *Domain) Publish(c *Config) {
	d.mu.Lock()
	d.cfg.Replace(c, &d.mu)
	d.mu.Unlock()
	d.srcu.Synchronize()
}

// Port reads d's port under a section of its own, through d's own wrapper
// functions.
func (d *Domain) Port() int {
	s := d.ReadLock()
	defer d.ReadUnlock(s)
	if c := d.Config(s); c != nil {
		return c.Port
	}
	return 0
}

// Enter begins a classic read-side section.
//
//rcu:acquire classic
func Enter() rcuapi.Section { return rcuapi.ReadLock() }

// Exit ends a section begun by Enter.
//
//rcu:release classic s
func Exit(s rcuapi.Section) { rcuapi.ReadUnlock(s) }
