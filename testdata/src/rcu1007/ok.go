package rcu1007

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okComparedWithNil tests the result of Access against nil.
func okComparedWithNil() bool {
	return cfg.Access() != nil
}

// okComparedWithPointer tests the result of Access against another pointer.
func okComparedWithPointer(want *config) bool {
	return cfg.Access() == want
}

// okAccessThenDereference tests with Access and reads with Dereference inside a section.
func okAccessThenDereference() int {
	if cfg.Access() == nil {
		return 80
	}
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if c := cfg.Dereference(s); c != nil {
		return c.port
	}
	return 80
}

var mu sync.Mutex // serialises updaters of cfg

// okProtectedUnderLock reads as the updater, under the update lock.
func okProtectedUnderLock() int {
	mu.Lock()
	defer mu.Unlock()
	return cfg.Protected(&mu).port
}

// okCompareAndSwap uses the result of Access as the expected old value of a lock-free update.
func okCompareAndSwap(next *config) bool {
	old := cfg.Access()
	return cfg.CompareAndSwap(old, next)
}

// okIdentityKey uses the result of Access as a map key.
func okIdentityKey(seen map[*config]bool) {
	seen[cfg.Access()] = true
}

// okWrapperPeekCompared tests a wrapper's access getter against nil.
func okWrapperPeekCompared() bool {
	return wdom.Peek() == nil
}

// okWrapperReadInSection reads through a wrapper's deref getter inside the wrapper's section.
func okWrapperReadInSection() int {
	s := wdom.ReadLock()
	defer wdom.ReadUnlock(s)
	return wdom.Config(s).Port
}
