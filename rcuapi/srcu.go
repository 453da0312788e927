package rcuapi

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
	"weak"
)

// SRCU is a sleepable RCU domain (srcu_struct): its readers may block, and
// they hold up only the grace periods of their own domain. Readers and
// updaters of a structure must use the same SRCU. The zero value is ready to
// use; an SRCU must not be copied after first use.
//
// Cleanup ends a domain's life; any use after it panics.
type SRCU struct {
	// The domain and the reader slots are part of the SRCU, not made on
	// first use behind a pointer, so that ReadLock needs no first-use check
	// and ReadLock and ReadUnlock are small enough to be inlined.
	dom domain
	// slots are the SRCU's reader counters: 32 cache-line slots (4 KiB),
	// which is what classic RCU has on up to 4 processors (8 per processor
	// there, up to 1024); on more processors, busy readers of one SRCU
	// share slots more often than classic readers do. Last, because they
	// hold no pointers: the garbage collector does not scan them.
	slots [srcuSlots]readerSlot
}

// NewSRCU returns a new SRCU domain whose name appears in stall reports,
// panic messages and callback panic reports. A zero SRCU is named "srcu#N".
func NewSRCU(name string) *SRCU {
	d := &SRCU{}
	d.dom.name = name
	d.ready()
	return d
}

var srcuSeq atomic.Int64

// ready makes d's domain ready for the update side (domain.ensure), with the
// SRCU's slots as the slots its grace periods wait on, and returns it.
func (d *SRCU) ready() *domain {
	if !d.dom.inited.Load() {
		d.dom.slots.CompareAndSwap(nil, &slotArray{mask: srcuSlots - 1, s: d.slots[:]})
		d.dom.ensure()
	}
	return &d.dom
}

// ReadLock enters a read-side section of d (srcu_read_lock). It never blocks
// and takes no lock; the section may block. It panics after d's Cleanup.
//
//rcu:acquire d
func (d *SRCU) ReadLock() Section {
	if membBuild {
		return d.lockMemb()
	}
	var anchor [0]byte
	return d.dom.enter(&d.slots[slotHash(unsafe.Pointer(&anchor))%srcuSlots])
}

// ReadUnlock ends a section made by d.ReadLock (srcu_read_unlock). It panics
// if s is the zero Section or belongs to another domain.
//
//rcu:release d s
func (d *SRCU) ReadUnlock(s Section) {
	if membBuild {
		d.unlockMemb(s)
		return
	}
	d.dom.readUnlock(s)
}

// Synchronize waits for a grace period of d (synchronize_srcu).
//
//rcu:sync d
func (d *SRCU) Synchronize() {
	d.ready().checkAlive("Synchronize")
	d.dom.synchronize(false)
}

// SynchronizeExpedited is Synchronize that spends CPU time to end the grace
// period sooner (synchronize_srcu_expedited).
//
//rcu:sync d expedited
func (d *SRCU) SynchronizeExpedited() {
	d.ready().checkAlive("SynchronizeExpedited")
	d.dom.synchronize(true)
}

// Call queues fn to run after a grace period of d (call_srcu).
//
//rcu:call d fn
func (d *SRCU) Call(fn func()) {
	d.ready().call(fn)
}

// Barrier waits until every callback queued on d before it was called has
// run (srcu_barrier).
//
//rcu:barrier d
func (d *SRCU) Barrier() {
	d.ready().barrier()
}

// Pending returns how many callbacks of d are queued or running.
//
//rcu:pending d
func (d *SRCU) Pending() int {
	d.ready().checkAlive("Pending")
	return int(d.dom.cb.pending.Load())
}

// ErrActiveReaders is returned by Cleanup when readers are still inside a
// section of the domain.
var ErrActiveReaders = errors.New("rcuapi: SRCU Cleanup with readers inside a section")

// Cleanup ends d's life (cleanup_srcu_struct). From the moment it is called,
// any use of d panics, except ReadUnlock of sections that were already
// inside. It returns ErrActiveReaders if readers are inside a section, and an
// error wrapping ErrPendingCallbacks if callbacks are queued; those callbacks
// are dropped and never run. Call Barrier before Cleanup.
//
//rcu:cleanup d
func (d *SRCU) Cleanup() error {
	dom := d.ready()
	if dom.phase.Or(phaseDead)&phaseDead != 0 {
		panic(fmt.Sprintf("rcuapi: Cleanup on SRCU domain %q after its Cleanup", dom.name))
	}
	unregisterDomain(dom)
	var errs []error
	if n := dom.readers(); n > 0 {
		errs = append(errs, fmt.Errorf("%w (domain %q, %d readers)", ErrActiveReaders, dom.name, n))
	}
	if names := dom.dropQueued(func(func()) bool { return true }); len(names) > 0 {
		errs = append(errs, &PendingCallbacksError{Domain: dom.name, Callbacks: names})
	}
	if n := dom.cb.pending.Load(); n > 0 && len(errs) == 0 {
		// Callbacks whose grace period has ended are running now.
		errs = append(errs, &PendingCallbacksError{Domain: dom.name, Running: int(n)})
	}
	return errors.Join(errs...)
}

// registry holds the SRCU and QSBR domains that have not been cleaned up, for
// Unload's search for callbacks a module left behind. It holds them weakly:
// an SRCU that became garbage needs no Cleanup.
var registry struct {
	mu   sync.Mutex
	srcu []weak.Pointer[domain]
}

func registerDomain(d *domain) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	registry.srcu = append(liveDomainsLocked(nil), weak.Make(d))
}

func unregisterDomain(d *domain) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	registry.srcu = liveDomainsLocked(d)
}

// liveDomainsLocked returns the registry without collected domains and
// without except.
func liveDomainsLocked(except *domain) []weak.Pointer[domain] {
	live := registry.srcu[:0]
	for _, w := range registry.srcu {
		if d := w.Value(); d != nil && d != except {
			live = append(live, w)
		}
	}
	clear(registry.srcu[len(live):])
	return live
}

// allDomains returns classic RCU and every live SRCU domain.
func allDomains() []*domain {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	all := []*domain{classic}
	for _, w := range registry.srcu {
		if d := w.Value(); d != nil {
			all = append(all, d)
		}
	}
	return all
}
