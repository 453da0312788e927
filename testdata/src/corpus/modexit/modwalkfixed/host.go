// Case: plugin host pins every module that has a flush hook with TryGet inside the section, ends the walk and the section, then runs the blocking hooks
// Source: Linux "module: Remove stop_machine from module unloading" (RCU-protected module list, try_module_get as the reference that outlives the section); list_for_each_entry_rcu() must stay inside rcu_read_lock(); rcuvet issue 13 item 7
// Kind: fixed
// Pair: modwalkbad

package modwalkfixed

import (
	"errors"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Hook flushes a module's state to disk; it may take a while.
type Hook func(deadline time.Time) error

// FlushAll calls the flush hook of every loaded module that has one. The
// modules are pinned with TryGet inside the section; the hooks, which can
// block, run after it.
func FlushAll(hooks map[string]Hook, timeout time.Duration) error {
	type pinned struct {
		m *rcuapi.Module
		h Hook
	}
	var todo []pinned
	s := rcuapi.ReadLock()
	for m := range rcuapi.Modules(s) {
		if h := hooks[m.Name]; h != nil && m.TryGet() {
			todo = append(todo, pinned{m, h})
		}
	}
	rcuapi.ReadUnlock(s)

	var errs []error
	deadline := time.Now().Add(timeout)
	for _, p := range todo {
		if err := p.h(deadline); err != nil {
			errs = append(errs, err)
		}
		p.m.Put()
	}
	return errors.Join(errs...)
}

// Loaded returns the names of the loaded modules.
func Loaded() []string {
	var names []string
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for m := range rcuapi.Modules(s) {
		names = append(names, m.Name)
	}
	return names
}
