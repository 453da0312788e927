// Package updhelpers holds the cross-package helpers of the update-side
// fixtures (RCU2001, RCU2002, RCU2005): a store whose methods carry rcuapi's
// directives, and a helper without directives that the analyzer understands
// from its body. It holds correct code only: nothing may be reported here.
package updhelpers

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Config is the object a Store protects.
type Config struct {
	Port int
	Name string
	Tags map[string]string
}

// Store is a Config protected by RCU, updated under its own lock.
type Store struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[Config]
}

// Publish publishes c as the store's configuration.
//
//rcu:assign c
func (st *Store) Publish(c *Config) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.cur.Replace(c, &st.mu)
}

// Config loads the configuration for a reader inside section s.
//
//rcu:deref s
func (st *Store) Config(s rcuapi.Section) *Config { return st.cur.Dereference(s) }

// Current loads the configuration for an updater that holds held, the
// lock that serialises the caller's updates.
//
//rcu:protected held
func (st *Store) Current(held sync.Locker) *Config { return st.cur.Protected(held) }

// ConfigOf loads st's configuration under s. It carries no directive: the
// analyzer learns from its body that it returns a pointer obtained under s.
func ConfigOf(st *Store, s rcuapi.Section) *Config { return st.cur.Dereference(s) }

// Port reads st's port under a section of its own.
func (st *Store) Port() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if c := st.cur.Dereference(s); c != nil {
		return c.Port
	}
	return 0
}

// SetPort copies the current configuration, changes the copy and publishes it.
func (st *Store) SetPort(port int) {
	st.mu.Lock()
	defer st.mu.Unlock()
	next := Config{Port: port}
	if cur := st.cur.Protected(&st.mu); cur != nil {
		next = *cur
		next.Port = port
	}
	st.cur.Replace(&next, &st.mu)
}

// SetName changes c in place.
func (c *Config) SetName(name string) { c.Name = name }

// Describe reads c.
func (c *Config) Describe() string { return c.Name }
