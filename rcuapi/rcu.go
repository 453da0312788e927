package rcuapi

import "unsafe"

// A Section is one read-side critical section of one domain (classic RCU, an
// SRCU, or a QSBR reader handle). It is made by ReadLock and ended by
// ReadUnlock of the same domain (for QSBR, of the same handle). The zero
// Section belongs to no domain and is never valid.
//
// A Section is a small value: pass it to the functions that read under it,
// as you would a context.Context.
type Section struct {
	// d is the domain of a classic RCU or SRCU Section; nil for QSBR, whose
	// domain is its handle's (see domain). ReadLock of a QSBR handle does
	// not load it, and no check on its fast path needs it.
	d *domain
	// c is, for classic RCU and SRCU, the reader counter (*atomic.Int64)
	// that ReadLock incremented, so that ReadUnlock decrements it without
	// finding it again; for QSBR, the *QSBRReader that made the Section.
	// Only the zero Section has c == nil.
	c   unsafe.Pointer
	idx uint32 // QSBR: the nesting depth of the section
}

// domain returns the domain of s, nil for the zero Section.
func (s Section) domain() *domain {
	if s.d == nil && s.c != nil {
		return (*QSBRReader)(s.c).d
	}
	return s.d
}

// mustBeLive panics on the zero Section. Whether a non-zero Section has
// already ended cannot be seen cheaply at run time; the rcuvet analyzer
// reports that (RCU1001). It tests c, which every ReadLock sets, rather
// than d: where ReadLock is inlined, the compiler knows c is not nil (a QSBR
// Section's c is its handle) and drops the test.
func (s Section) mustBeLive(op string) {
	if s.c == nil {
		panic(misuse{op: op, what: zeroSection})
	}
}

// classicRCU holds the process-wide domain of classic RCU, and
// classicSlots its reader slots. They are variables, not pointers to them,
// so that the read side addresses them as constants: the slot a reader
// picks is &classicSlots.s[hash & mask], with no pointer to load and no
// bounds check (the hash is below classicMaxSlots). The array is there in
// full, in the zero-filled data segment; the slots beyond mask are never
// touched, so their pages are never mapped. The padding keeps what readers
// read off the cache lines of whatever the linker puts next to them.
var (
	classicRCU struct {
		_    [cacheLine]byte
		mask uint32 // classicSlotCount() - 1, set by init
		_    [cacheLine - 4]byte
		dom  domain // padded around its reader fields
	}
	classicSlots struct {
		_ [cacheLine]byte
		s [classicMaxSlots]readerSlot // each padded to a cache line
	}
)

// classic is the domain of classic RCU, for the code that takes a *domain.
var classic = &classicRCU.dom

func init() {
	n := classicSlotCount()
	classicRCU.mask = uint32(n - 1)
	classicRCU.dom.slots.Store(&slotArray{mask: uint32(n - 1), s: classicSlots.s[:n]})
	classicRCU.dom.name = "rcu"
	classicRCU.dom.ensure()
}

// ReadLock enters a classic RCU read-side section (rcu_read_lock). It never
// blocks and takes no lock. The code inside the section must not block:
// a blocked classic reader holds up every grace period in the program. Use
// an SRCU domain for readers that block.
//
//rcu:acquire classic
func ReadLock() Section {
	if membBuild {
		return classicLockMemb()
	}
	var anchor [0]byte
	return classicRCU.dom.enter(&classicSlots.s[slotHash(unsafe.Pointer(&anchor))&classicRCU.mask])
}

// ReadUnlock ends a section made by ReadLock (rcu_read_unlock). It panics if
// s is the zero Section or belongs to an SRCU domain.
//
//rcu:release classic s
func ReadUnlock(s Section) {
	if membBuild {
		classicUnlockMemb(s)
		return
	}
	classicRCU.dom.readUnlock(s)
}

// Synchronize waits for a classic RCU grace period (synchronize_rcu): when it
// returns, every read-side section that had begun when it was called has
// ended. Concurrent callers share grace periods. It does not wait for
// callbacks queued by Call; that is Barrier.
//
//rcu:sync classic
func Synchronize() { classic.synchronize(false) }

// SynchronizeExpedited is Synchronize that waits more eagerly, spending CPU
// time to end the grace period sooner (synchronize_rcu_expedited). Do not
// call it in a loop: batch the updates, or use Call.
//
//rcu:sync classic expedited
func SynchronizeExpedited() { classic.synchronize(true) }

// Call queues fn to run after a classic RCU grace period (call_rcu) and
// returns at once. fn runs on a runtime goroutine; callbacks may run in
// parallel and in any order. fn must not block for long and must not call
// Synchronize or Barrier. A Call in a loop needs something that limits the
// backlog (see Pending).
//
//rcu:call classic fn
func Call(fn func()) { classic.call(fn) }

// Barrier waits until every callback queued by Call before it was called has
// run (rcu_barrier). It does not wait for a grace period of its own: with no
// callbacks queued, it returns at once. Code that goes away (a module's Exit)
// must call it after it stops queueing callbacks.
//
//rcu:barrier classic
func Barrier() { classic.barrier() }

// Pending returns how many classic RCU callbacks are queued or running.
//
//rcu:pending classic
func Pending() int { return int(classic.cb.pending.Load()) }

// A GPState names a grace period of classic RCU, for polling
// (get_state_synchronize_rcu). The zero GPState has always completed.
type GPState struct{ seq uint64 }

// GetState returns the state that PollState reports complete once a full
// grace period has elapsed after this call. It does not start a grace
// period; see StartPoll.
//
//rcu:noblock
func GetState() GPState {
	g := &classic.gp
	g.mu.Lock()
	defer g.mu.Unlock()
	return GPState{seq: g.snapshotLocked()}
}

// StartPoll is GetState that also makes sure the grace period starts
// (start_poll_synchronize_rcu), so that PollState turns true without
// anybody calling Synchronize.
//
//rcu:noblock
func StartPoll() GPState {
	g := &classic.gp
	g.mu.Lock()
	defer g.mu.Unlock()
	seq := g.snapshotLocked()
	classic.requestGPLocked(seq)
	return GPState{seq: seq}
}

// PollState reports whether the grace period named by st has completed
// (poll_state_synchronize_rcu). It never blocks.
func PollState(st GPState) bool { return classic.gp.completed.Load() >= st.seq }

// CondSynchronize waits for the grace period named by st unless it has
// already completed (cond_synchronize_rcu).
//
//rcu:sync classic
func CondSynchronize(st GPState) {
	if PollState(st) {
		return
	}
	classic.gp.mu.Lock()
	classic.waitGPLocked(st.seq, false)
}
