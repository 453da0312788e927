package rcuapi

import (
	"fmt"
	"iter"
	"sync"
	"sync/atomic"
)

// Module is a component that can be loaded and unloaded while the program
// runs: a plugin, a filter chain stage, a driver. Load runs Init and makes
// the module visible in Modules; Unload waits until no reference is held,
// runs Exit, and unpublishes the module.
//
// Exit must leave nothing behind: if the module queued callbacks (with Call
// or an SRCU's Call), Exit must first stop queueing them and then call the
// matching Barrier, because a grace period does not wait for callbacks.
//
// Users of a module take a reference with TryGet, which fails once
// unloading has begun, and drop it with Put. While a reference is held,
// Unload returns ErrBusy and Exit does not run. A Module must not be copied.
type Module struct {
	Name string
	Init func() error // optional; an error stops Load
	// Exit tears the module down (optional). If the module queues
	// callbacks, Exit stops queueing them and then calls the matching
	// Barrier before it returns.
	//
	//rcu:exit
	Exit func()

	mu    sync.Mutex   // serialises Load and Unload of this module
	refs  atomic.Int64 // references, plus one base reference while loaded
	state atomic.Int32
	elem  *Element[*Module] // in modules while loaded
}

const (
	moduleUnloaded int32 = iota
	moduleLoaded
	moduleUnloading
)

// modules is the RCU-protected list of loaded modules (classic RCU).
var modules List[*Module]

// Load runs m.Init and, if it succeeds, marks m loaded with its base
// reference and adds it to the list that Modules returns. It returns
// ErrAlreadyLoaded if m is loaded, and Init's error, wrapped, if Init fails.
// A module that was unloaded may be loaded again.
func Load(m *Module) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.state.Load() != moduleUnloaded {
		return fmt.Errorf("%w: %q", ErrAlreadyLoaded, m.Name)
	}
	if m.Init != nil {
		if err := m.Init(); err != nil {
			return fmt.Errorf("rcuapi: module %q: init: %w", m.Name, err)
		}
	}
	m.refs.Store(1)
	m.state.Store(moduleLoaded)
	m.elem = modules.PushBack(m)
	return nil
}

// Unload unloads m. If references taken with TryGet remain, it returns
// ErrBusy and m stays loaded and usable. Otherwise it drops the base
// reference, from which point TryGet fails, runs m.Exit, removes m from the
// module list and waits for a grace period, so that no reader of Modules
// still sees m when it returns.
//
// If callbacks whose function belongs to m's package (the package of m.Exit,
// or of m.Init if Exit is nil) are still queued when Exit returns, on classic
// RCU or on any SRCU or QSBR domain, Exit forgot a Barrier: Unload drops them, so
// that they never run against a torn-down module, and returns a
// *PendingCallbacksError that names them (it wraps ErrPendingCallbacks). m is
// unloaded either way. Ownership goes by package, so modules that share a
// package share their callbacks: give each unloadable module a package of
// its own. Unload returns ErrNotLoaded if m is not loaded.
//
// If Exit panics, the panic propagates and m stays unloading: TryGet fails
// and m cannot be loaded again.
//
//rcu:destroy m
func Unload(m *Module) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.state.Load() != moduleLoaded {
		return fmt.Errorf("%w: %q", ErrNotLoaded, m.Name)
	}
	// Drop the base reference only if it is the last one: one atomic step
	// that subtracts the base when nobody else holds a reference, so that
	// a refused attempt never makes TryGet fail or Refcount dip.
	if !m.refs.CompareAndSwap(1, 0) {
		return fmt.Errorf("%w: %q has %d references", ErrBusy, m.Name, m.Refcount())
	}
	m.state.Store(moduleUnloading)
	if m.Exit != nil {
		m.Exit()
	}
	// Exit has torn the module down: whatever callbacks of its package are
	// still queued must never run.
	err := m.dropLeftCallbacks()
	modules.Remove(m.elem)
	m.elem = nil
	Synchronize()
	m.state.Store(moduleUnloaded)
	return err
}

// dropLeftCallbacks drops the queued callbacks of every domain whose
// function belongs to m's package.
func (m *Module) dropLeftCallbacks() error {
	var owner any = m.Exit
	if m.Exit == nil {
		owner = m.Init
	}
	name := funcName(owner)
	if name == "" {
		return nil
	}
	pkg := packageOf(name)
	var dropped []string
	for _, d := range allDomains() {
		dropped = append(dropped, d.dropQueued(func(fn func()) bool {
			return packageOf(funcName(fn)) == pkg
		})...)
	}
	if len(dropped) == 0 {
		return nil
	}
	return &PendingCallbacksError{Module: m.Name, Callbacks: dropped}
}

// TryGet takes a reference to m if it is loaded and not being unloaded
// (try_module_get). It never blocks. A caller that gets true may use m until
// it calls Put.
//
//rcu:get
func (m *Module) TryGet() bool {
	for {
		n := m.refs.Load()
		if n <= 0 {
			return false
		}
		if m.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// Put drops a reference taken with TryGet (module_put). It panics if no
// reference is held.
func (m *Module) Put() {
	if m.refs.Add(-1) < 0 {
		m.refs.Add(1)
		panic(fmt.Sprintf("rcuapi: Put on module %q without a matching TryGet", m.Name))
	}
}

// Refcount returns the number of references taken with TryGet and not yet
// dropped (the base reference of a loaded module is not counted).
func (m *Module) Refcount() int {
	n := m.refs.Load()
	if m.state.Load() == moduleLoaded {
		n--
	}
	return int(max(n, 0))
}

// Modules returns an iterator over the loaded modules, for a reader inside a
// classic RCU section s. A module seen there may be unloading; take a
// reference with TryGet to use it after the section ends. It panics if s is
// the zero Section or a section of another flavour (SRCU, QSBR).
//
//rcu:deref s
func Modules(s Section) iter.Seq[*Module] {
	s.mustBeLive("Modules")
	if s.d != classic {
		panic(fmt.Sprintf("rcuapi: Modules needs a classic RCU section, not one of domain %q", s.domain().displayName()))
	}
	return func(yield func(*Module) bool) {
		for e := range modules.all {
			if !yield(e.Value) {
				return
			}
		}
	}
}
