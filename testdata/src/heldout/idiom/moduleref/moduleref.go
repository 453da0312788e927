// Case: dispatcher finds a loaded module under the module list's section, pins it with TryGet, and calls it after the section
// Source: idiom: try_module_get() inside rcu_read_lock() then module_put() after use, the scheme that replaced stop_machine at module unload (kernel commit "module: Remove stop_machine from module unloading", 2014)
// Kind: idiom

package moduleref

import (
	"errors"
	"strings"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoHandler = errors.New("no module handles this path")

// handlers maps a module name to its entry point; filled at Init.
var handlers = map[string]func(path string) (string, error){}

// find returns the first loaded module whose name prefixes path, with a
// reference held.
func find(path string) *rcuapi.Module {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for m := range rcuapi.Modules(s) {
		if strings.HasPrefix(path, "/"+m.Name+"/") && m.TryGet() {
			return m
		}
	}
	return nil
}

// Dispatch runs the module's handler, which may block: it holds a module
// reference, not a section.
func Dispatch(path string) (string, error) {
	m := find(path)
	if m == nil {
		return "", ErrNoHandler
	}
	defer m.Put()
	h := handlers[m.Name]
	if h == nil {
		return "", ErrNoHandler
	}
	return h(path)
}

// Busy reports which modules are in use right now.
func Busy() []string {
	var names []string
	s := rcuapi.ReadLock()
	for m := range rcuapi.Modules(s) {
		if m.Refcount() > 0 {
			names = append(names, m.Name)
		}
	}
	rcuapi.ReadUnlock(s)
	return names
}
