package rcuapi

import (
	"sync"
	"sync/atomic"
)

// Pointer is an RCU-protected pointer to a T (a __rcu pointer). Readers load
// it with Dereference inside a section; updaters publish a new, fully
// initialised T with Assign or Replace while holding their update lock, and
// retire the old one only after a grace period. The zero value holds nil.
// A Pointer must not be copied after first use.
type Pointer[T any] struct {
	p atomic.Pointer[T]
}

// Dereference loads the pointer for a reader inside section s
// (rcu_dereference, srcu_dereference). The result, and everything reached
// through it, may be used only until s ends; copy out what you need, or
// take a reference, before ReadUnlock. It panics if s is the zero Section.
//
//rcu:deref s
func (p *Pointer[T]) Dereference(s Section) *T {
	s.mustBeLive("Dereference")
	return p.p.Load()
}

// Protected loads the pointer for an updater that holds the update lock
// named by held (rcu_dereference_protected). For a sync.RWMutex held for
// reading, pass rw.RLocker(); for a single updater, SingleUpdater. It
// panics if held is nil, or is a *sync.Mutex or *sync.RWMutex that nobody
// holds.
//
//rcu:protected held
func (p *Pointer[T]) Protected(held sync.Locker) *T {
	mustBeHeld(held, "Protected")
	return p.p.Load()
}

// Access loads the pointer's value for comparison, never for dereferencing
// (rcu_access_pointer): testing it against nil or against another pointer
// needs no section.
//
//rcu:access
func (p *Pointer[T]) Access() *T { return p.p.Load() }

// Assign publishes v (rcu_assign_pointer): every write that initialised v
// happens before a reader that loads v can see it. Do not write to v after
// Assign; readers may already be looking at it.
//
//rcu:assign v
func (p *Pointer[T]) Assign(v *T) { p.p.Store(v) }

// Replace publishes v and returns the previous value (rcu_replace_pointer),
// for an updater that holds the update lock named by held. Retire the
// returned value only after a grace period.
//
//rcu:assign v
//rcu:protected held
func (p *Pointer[T]) Replace(v *T, held sync.Locker) *T {
	mustBeHeld(held, "Replace")
	return p.p.Swap(v)
}

// Init sets the pointer before any reader can see it (RCU_INIT_POINTER),
// for example while building the structure that holds it, or to nil.
func (p *Pointer[T]) Init(v *T) { p.p.Store(v) }

// CompareAndSwap publishes new if the pointer still holds old, for lock-free
// updaters. Retire old only after a grace period.
//
//rcu:assign new
//rcu:unpublish old
func (p *Pointer[T]) CompareAndSwap(old, new *T) bool { return p.p.CompareAndSwap(old, new) }

// mustBeHeld panics if held cannot be the lock of an updater: nil, or a
// mutex that nobody holds (seen by TryLock succeeding).
// SingleUpdater is the lock to name in Protected, Replace and
// AllProtected when one goroutine makes every update of the structure (a
// loader at start-up, then one reload goroutine), so that there is no
// update lock to hold: rcu_dereference_protected(p, 1). Mark that
// goroutine's functions //rcu:single-updater, so that rcuvet knows the
// updates need no common lock. Its Lock and Unlock do nothing.
var SingleUpdater sync.Locker = singleUpdater{}

type singleUpdater struct{}

func (singleUpdater) Lock()   {}
func (singleUpdater) Unlock() {}

func mustBeHeld(held sync.Locker, op string) {
	switch l := held.(type) {
	case nil:
		panic("rcuapi: " + op + " with a nil lock (a single updater names rcuapi.SingleUpdater)")
	case *sync.Mutex:
		if l.TryLock() {
			l.Unlock()
			panic("rcuapi: " + op + " names a sync.Mutex that is not held")
		}
	case *sync.RWMutex:
		if l.TryLock() {
			l.Unlock()
			panic("rcuapi: " + op + " names a sync.RWMutex that is not held")
		}
	}
}
