// Case: dispatcher finds a loaded module by name inside a classic section, pins it with TryGet there, and uses it after the section until Put
// Source: idiom: try_module_get() under rcu_read_lock() on the RCU-protected module list, then module_put() when done ("module: Remove stop_machine from module unloading"); rcuvet issue 13 item 2
// Kind: idiom

package modtryget

import (
	"errors"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// ErrNoModule is returned when no loaded module has the name.
var ErrNoModule = errors.New("dispatch: no such module")

// Handler is a module's entry point, registered by name.
type Handler func(req []byte) ([]byte, error)

// acquire returns the loaded module called name with a reference held.
// The caller must Put it.
func acquire(name string) (*rcuapi.Module, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for m := range rcuapi.Modules(s) {
		if m.Name == name && m.TryGet() {
			return m, true
		}
	}
	return nil, false
}

// Dispatch runs req through the named module's handler. The module cannot
// be unloaded while the handler runs: Unload returns ErrBusy until Put.
func Dispatch(name string, handlers map[string]Handler, req []byte) ([]byte, error) {
	m, ok := acquire(name)
	if !ok {
		return nil, ErrNoModule
	}
	defer m.Put()
	h := handlers[m.Name]
	if h == nil {
		return nil, ErrNoModule
	}
	return h(req)
}

// Busy reports how many dispatches hold the named module.
func Busy(name string) int {
	m, ok := acquire(name)
	if !ok {
		return 0
	}
	n := m.Refcount() - 1 // not counting our own reference
	m.Put()
	return n
}
