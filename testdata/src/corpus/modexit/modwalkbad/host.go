// Case: plugin host walks the loaded modules, pins one with TryGet, ends the section around the module's blocking flush hook, re-enters, and keeps walking the ended section's iterator
// Source: Linux "module: Remove stop_machine from module unloading" (RCU-protected module list, try_module_get as the reference that outlives the section); list_for_each_entry_rcu() must stay inside rcu_read_lock(); rcuvet issue 13 item 7
// Kind: bad
// Pair: modwalkfixed

package modwalkbad

import (
	"errors"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Hook flushes a module's state to disk; it may take a while.
type Hook func(deadline time.Time) error

// FlushAll calls the flush hook of every loaded module that has one. A hook
// can block, so the section is left around it; the module itself is pinned
// by the reference TryGet took.
func FlushAll(hooks map[string]Hook, timeout time.Duration) error {
	var errs []error
	deadline := time.Now().Add(timeout)
	s := rcuapi.ReadLock()
	for m := range rcuapi.Modules(s) {
		h := hooks[m.Name]
		if h == nil || !m.TryGet() {
			continue
		}
		rcuapi.ReadUnlock(s) // expect RCU1001
		if err := h(deadline); err != nil {
			errs = append(errs, err)
		}
		m.Put()
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
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
