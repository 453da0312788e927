package rcuapi

import (
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"
)

// QSBR is a quiescent-state-based RCU domain (the urcu-qsbr flavour of the
// userspace RCU library). Its read-side sections cost almost nothing: no
// atomic read-modify-write and no write to shared memory. In exchange, every
// goroutine that reads registers a reader handle ([QSBR.Register]) and
// announces quiescent states: points between read-side sections where it
// holds no reference to protected data ([QSBRReader.Quiescent]), or stretches
// of time in which it reads nothing at all ([QSBRReader.Offline] until
// [QSBRReader.Online]). A grace period ends once every handle that was online
// when it began has passed a quiescent state, gone offline, or unregistered.
//
// Choose QSBR for worker loops that can call Quiescent between requests
// (a request handler, a packet loop, a poller): the handle goes offline
// before the worker blocks waiting for its next request, and Quiescent
// costs a load and a compare unless a grace period has begun since the
// handle's last quiescent state. A handle that stays online without quiescing holds up every grace period of the domain,
// and so every Synchronize, Call and Barrier of it; the stall warning names
// the handles that do (see [SetStallTimeout]).
//
// A goroutine must not call Synchronize or Barrier of a domain while a handle
// of that domain that it owns is online: the grace period waits for the
// handle, and the handle waits for the goroutine. Go offline first (or
// unregister). This is not detected at the call; the stall warning reports it.
//
// Readers and updaters of a structure must use the same QSBR. The zero value
// is ready to use; a QSBR must not be copied after first use. A QSBR needs no
// cleanup; Barrier before dropping one whose callbacks matter.
type QSBR struct {
	st   atomic.Pointer[qsbrState]
	name string
}

// NewQSBR returns a new QSBR domain whose name appears in stall reports,
// panic messages and callback panic reports. A zero QSBR is named "qsbr#N".
func NewQSBR(name string) *QSBR { return &QSBR{name: name} }

var qsbrSeq atomic.Int64

// qsbrState is the shared state of a QSBR domain.
//
// The grace-period counter gp starts at 1 and grows by one per grace period.
// An online handle's ctr holds the value of gp that it saw at its last
// quiescent state; an offline handle's ctr is 0. A grace period increments
// gp to g and waits until the ctr of every handle registered at that moment
// is 0 or g. All of these are sequentially consistent atomics, which give the
// two orderings RCU needs: a handle that stores g to ctr has finished every
// read-side section before it (they happen before the grace period's end),
// and a handle that loaded g, or that was seen offline, reads after the
// grace period began and so finds the updater's new pointers.
type qsbrState struct {
	gp atomic.Uint64 // read by every Quiescent and Online
	_  [cacheLine - 8]byte

	d *domain // grace-period machine, callbacks, waiting flag and wake-up

	mu      sync.Mutex
	readers []*QSBRReader // registered handles, guarded by mu

	// pend is what the running grace period still waits for. Only the
	// goroutine running grace periods (d.gp.driving) touches it.
	pend []*QSBRReader
}

func (q *QSBR) state() *qsbrState {
	if st := q.st.Load(); st != nil {
		return st
	}
	return q.initSlow()
}

func (q *QSBR) initSlow() *qsbrState {
	name := q.name
	if name == "" {
		name = "qsbr#" + strconv.FormatInt(qsbrSeq.Add(1), 10)
	}
	st := &qsbrState{d: &domain{wake: make(chan struct{}, 1), name: name}}
	st.gp.Store(1)
	st.d.waitReaders = st.waitGP
	st.d.holders = st.holders
	st.d.inited.Store(true) // everything ensure would do, but registering it (below)
	if !q.st.CompareAndSwap(nil, st) {
		return q.st.Load()
	}
	// Unload looks for callbacks a module left behind on every domain.
	registerDomain(st.d)
	return st
}

// waitGP runs one grace period: the domain's waitReaders.
func (st *qsbrState) waitGP(expedited bool) {
	st.mu.Lock()
	g := st.gp.Add(1)
	st.pend = append(st.pend[:0], st.readers...)
	st.mu.Unlock()
	st.d.waitUntil(func() bool { return st.passed(g) }, expedited, flagWaiting)
}

// passed drops from pend the handles that are offline or have announced a
// quiescent state at or after grace period g, and reports whether none is
// left. A handle once dropped need not be looked at again. Its ctr may even
// go back below g (a handle seen offline can go Online with the counter it
// loaded just before g was taken, as the spin model shows), but everything
// it reads after Online it reads after this grace period began, so the
// grace period need not wait for it.
func (st *qsbrState) passed(g uint64) bool {
	keep := st.pend[:0]
	for _, r := range st.pend {
		if c := r.ctr.Load(); c != 0 && c < g {
			keep = append(keep, r)
		}
	}
	clear(st.pend[len(keep):])
	st.pend = keep
	return len(keep) == 0
}

// holders names the handles the running grace period waits for. It runs on
// the goroutine running the grace period (from waitUntil), like passed.
func (st *qsbrState) holders() []string {
	names := make([]string, len(st.pend))
	for i, r := range st.pend {
		names[i] = r.site
	}
	return names
}

// Synchronize waits for a grace period of q: when it returns, every handle
// that was online when it was called has passed a quiescent state, gone
// offline or unregistered since, so no read-side section that had begun
// when it was called is still running. Concurrent callers share grace
// periods. It does not wait for callbacks; that is Barrier. The calling
// goroutine must not hold an online handle of q (it would wait for itself).
//
//rcu:sync q
func (q *QSBR) Synchronize() { q.state().d.synchronize(false) }

// Call queues fn to run after a grace period of q and returns at once, like
// the package-level Call: fn runs on a runtime goroutine, callbacks may run
// in parallel and in any order, and fn must not block for long or wait for a
// grace period. A Call in a loop needs something that limits the backlog
// (see Pending).
//
//rcu:call q fn
func (q *QSBR) Call(fn func()) { q.state().d.call(fn) }

// Barrier waits until every callback queued on q before it was called has
// run, like the package-level Barrier. The calling goroutine must not hold an
// online handle of q.
//
//rcu:barrier q
func (q *QSBR) Barrier() { q.state().d.barrier() }

// Pending returns how many callbacks of q are queued or running.
//
//rcu:pending q
func (q *QSBR) Pending() int { return int(q.state().d.cb.pending.Load()) }

// A QSBRReader is one reader's handle on a QSBR domain. It belongs to one
// goroutine at a time: its methods keep state in the handle without
// synchronisation (hand it over to another goroutine only as you would any
// unsynchronised value, and only while no section of it is open). Nested
// sections of one handle are allowed.
type QSBRReader struct {
	qsbrOwned
	_ [cacheLine - unsafe.Sizeof(qsbrOwned{})%cacheLine]byte

	// ctr is 0 while the handle is offline, else the grace-period counter
	// it saw at its last quiescent state. Written by the owner, read by
	// grace periods; on a cache line of its own.
	ctr atomic.Uint64
	_   [cacheLine - 8]byte
}

// qsbrOwned is the part of a handle that its goroutine uses (idx aside,
// which Unregister of another handle may rewrite under st.mu).
type qsbrOwned struct {
	d  *domain
	gp *atomic.Uint64
	st *qsbrState
	// nest is the number of sections of the handle open (0 or more) while
	// it is online, qsbrOff while it is offline and qsbrGone once it is
	// unregistered: one word that every check of the read side tests.
	nest int32
	seen uint64 // the value last stored to ctr
	idx  int    // index in st.readers, guarded by st.mu
	site string // where Register was called, for stall reports
}

const (
	qsbrOff  int32 = -1
	qsbrGone int32 = -2
)

// Register returns a new reader handle of q, online. The handle must be
// unregistered when its goroutine stops reading, or kept offline: an online
// handle that does not quiesce holds up q's grace periods.
func (q *QSBR) Register() *QSBRReader {
	st := q.state()
	r := &QSBRReader{}
	r.d, r.gp, r.st = st.d, &st.gp, st
	r.site = "?"
	if _, file, line, ok := runtime.Caller(1); ok {
		r.site = filepath.Base(file) + ":" + strconv.Itoa(line)
	}
	st.mu.Lock()
	r.idx = len(st.readers)
	st.readers = append(st.readers, r)
	r.seen = st.gp.Load()
	r.ctr.Store(r.seen)
	st.mu.Unlock()
	return r
}

// ReadLock enters a read-side section of the handle's domain. It costs a
// few instructions on the handle and touches no shared memory. The handle
// must be online. The section must not block: an online handle inside a
// section holds up every grace period of the domain.
//
//rcu:acquire r
func (r *QSBRReader) ReadLock() Section {
	n := r.nest
	if n < 0 {
		panic(qsbrMisuse{op: "ReadLock", d: r.d, nest: n})
	}
	n++
	r.nest = n
	return Section{c: unsafe.Pointer(r), idx: uint32(n)}
}

// ReadUnlock ends a section made by r.ReadLock. Nested sections end in the
// reverse order of their ReadLocks. It panics if s is the zero Section,
// belongs to another domain or another handle, has already ended, or is not
// the innermost section of r that is open.
//
//rcu:release r s
func (r *QSBRReader) ReadUnlock(s Section) {
	// The Section carries its handle (c), so telling this handle's Sections
	// from any other's is one comparison with no load; it carries its depth
	// (idx), so the new depth comes from s, not from the load of r.nest,
	// which only feeds the check: consecutive sections do not wait for each
	// other's stores.
	if s.c != unsafe.Pointer(r) || r.nest != int32(s.idx) {
		panic(qsbrMisuse{op: "ReadUnlock", d: r.d, nest: r.nest, s: s, r: unsafe.Pointer(r)})
	}
	r.nest = int32(s.idx) - 1
}

// Quiescent announces a quiescent state: the handle's goroutine holds no
// reference obtained in an earlier section of this domain. Call it between
// requests, outside every section of the handle. When no grace period has
// begun since the handle's last quiescent state it costs a load and a
// compare; otherwise one store, and a wake-up if a grace period is parked.
//
//rcu:quiescent r
func (r *QSBRReader) Quiescent() {
	// nest first: right after an inlined ReadUnlock, the compiler knows it
	// from the store there and loads nothing.
	if r.nest != 0 || r.gp.Load() != r.seen {
		r.quiescentSlow()
	}
}

// quiescentSlow is the rest of Quiescent, out of line so that Quiescent
// can be inlined: the misuse checks, and announcing a new quiescent state.
//
//go:noinline
func (r *QSBRReader) quiescentSlow() {
	if r.nest != 0 {
		panic(qsbrMisuse{op: "Quiescent", d: r.d, nest: r.nest})
	}
	r.announce(r.gp.Load())
}

// announce publishes ctr = c (a quiescent state, or 0: offline) and wakes a
// grace period parked waiting for handles. The store and the load of the
// waiting flag are sequentially consistent, as are the grace period's set
// of the flag and its loads of ctr: either it sees c or this sees the flag.
func (r *QSBRReader) announce(c uint64) {
	r.seen = c
	r.ctr.Store(c)
	if r.d.flags.Load()&flagWaiting != 0 {
		r.d.wakeGP()
	}
}

// Offline puts the handle in an extended quiescent state: grace periods no
// longer wait for it, and it must not read until Online. Go offline before
// blocking for long (waiting for the next request, sleeping, I/O). It panics
// inside a section of the handle and on a handle already offline.
//
//rcu:quiescent r
func (r *QSBRReader) Offline() {
	if r.nest != 0 {
		panic(qsbrMisuse{op: "Offline", d: r.d, nest: r.nest})
	}
	r.nest = qsbrOff
	r.announce(0)
}

// Online ends the extended quiescent state begun by Offline: the handle may
// read again. It panics on a handle that is online or unregistered.
func (r *QSBRReader) Online() {
	if r.nest != qsbrOff {
		panic(qsbrMisuse{op: "Online", d: r.d, nest: r.nest})
	}
	r.seen = r.gp.Load()
	r.ctr.Store(r.seen)
	r.nest = 0
}

// Unregister removes the handle from its domain: grace periods no longer
// wait for it, and any later use of it panics. It may be called online or
// offline, but not inside a section of the handle.
//
//rcu:quiescent r
func (r *QSBRReader) Unregister() {
	if r.nest > 0 || r.nest == qsbrGone {
		panic(qsbrMisuse{op: "Unregister", d: r.d, nest: r.nest})
	}
	st := r.st
	st.mu.Lock()
	last := st.readers[len(st.readers)-1]
	st.readers[r.idx] = last
	last.idx = r.idx
	st.readers[len(st.readers)-1] = nil
	st.readers = st.readers[:len(st.readers)-1]
	st.mu.Unlock()
	r.nest = qsbrGone
	r.announce(0)
}

// qsbrMisuse is the panic of a misused handle. Like misuse, it is a plain
// value, so that the handle's methods stay small enough to be inlined; the
// message is worked out when the panic is printed.
type qsbrMisuse struct {
	op   string
	d    *domain
	nest int32          // the handle's nest when the call was made
	s    Section        // ReadUnlock: the Section given
	r    unsafe.Pointer // ReadUnlock: the handle
}

func (m qsbrMisuse) Error() string {
	k := misuse{op: m.op, d: m.d}
	switch {
	case m.op == "ReadUnlock" && m.s.domain() != m.d:
		k.s, k.what = m.s, foreignSection
	case m.op == "ReadUnlock" && m.s.c != m.r:
		k.what = qsForeignReader
	case m.nest == qsbrGone:
		k.what = qsUnregistered
	case m.op == "ReadUnlock" && m.nest > int32(m.s.idx):
		k.what = qsNotInnermost
	case m.op == "ReadUnlock":
		k.what = endedSection
	case m.op == "Online":
		k.what = qsOnline
	case m.nest == qsbrOff:
		k.what = qsOffline
	default:
		k.what = qsInSection
	}
	return k.Error()
}
