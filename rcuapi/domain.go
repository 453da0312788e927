package rcuapi

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// cacheLine is the size that keeps reader slots from sharing a cache line,
// or the pair of lines that adjacent-line prefetchers fetch together.
const cacheLine = 128

// readerSlot holds one shard of a domain's reader counters.
//
// n is for the atomic path: the number of readers inside a section in each
// of the two phases. A reader increments and decrements the same counter,
// so each counter is never negative and a phase has drained when the
// counter of that phase is zero in every slot.
//
// lock and unlock are for the memb path (memb.go): the slot whose index is a
// P's id holds that P's counts of the sections of each phase that began and
// that ended on it. Only the goroutine running on the P, pinned to it,
// writes them, with plain increments; grace periods read them atomically.
type readerSlot struct {
	n      [2]atomic.Int64
	lock   [2]uintptr
	unlock [2]uintptr
	_      [cacheLine - 16 - 4*unsafe.Sizeof(uintptr(0))]byte
}

// slotArray is the view of a domain's reader slots that its grace periods
// scan: len(s) is a power of two and mask is len(s) - 1.
type slotArray struct {
	mask uint32
	s    []readerSlot
}

// classicMaxSlots is the most slots classic RCU has: 8 per processor, at
// least 32 (see classicRCU).
const classicMaxSlots = 1024

// classicSlotCount is how many of classicRCU.slots classic RCU uses: 8 per
// processor, counting GOMAXPROCS or the CPUs, whichever is more (GOMAXPROCS
// may be raised later; the memb path gives a line to each P id below the
// count, and a P past it takes the atomic path).
func classicSlotCount() int {
	n := 32
	for n < 8*max(runtime.GOMAXPROCS(0), runtime.NumCPU()) && n < classicMaxSlots {
		n *= 2
	}
	return n
}

// srcuSlots is the number of reader slots in an SRCU (see SRCU.slots).
const srcuSlots = 32

// Values of domain.phase. The word is read by every ReadLock and written only
// by the goroutine running a grace period (the flip) and once by Cleanup.
const (
	phaseIdx  uint32 = 1 << 0 // the current phase: new readers count here
	phaseDead uint32 = 1 << 1 // SRCU Cleanup has run: ReadLock and the update side panic
)

// flagWaiting, in domain.flags, says that a grace period is parked: the
// reader that brings a counter to zero wakes it. flagWaitPhase0 << ph says
// that it waits for phase ph to drain: a memb reader (memb.go) of that phase
// wakes it at every ReadUnlock, readers of the other phase do not.
const (
	flagWaiting    uint32 = 1 << 0
	flagWaitPhase0 uint32 = 1 << 1 // and 1 << 2 for phase 1
)

// A domain is one RCU domain: the classic one, one SRCU, or the grace-period
// machine of one QSBR. An SRCU embeds its domain, whose zero value lets
// readers in at once; what the update side needs comes from ensure.
type domain struct {
	// Read by readers, kept together between padding, so that no write to
	// what comes before the domain (an SRCU is part of its owner's struct)
	// or after it takes their cache line away from readers.
	_     [cacheLine]byte
	phase atomic.Uint32             // phaseIdx | phaseDead
	flags atomic.Uint32             // flagWaiting
	slots atomic.Pointer[slotArray] // the reader slots, for grace periods; set before ensure
	wake  chan struct{}             // capacity 1: readers poke a parked grace period; set by ensure
	name  string                    // set by ensure if empty; read it through displayName
	_     [cacheLine]byte

	inited atomic.Bool // ensure has run

	memb membState // the update side's memb counters (memb.go)

	gp gpMachine
	cb callbacks

	// waitReaders, if set, is how this domain's grace period waits for its
	// readers (QSBR); nil means the two-phase reader counters above.
	waitReaders func(expedited bool)
	// holders, if set, names the readers that hold up a grace period, for
	// stall reports.
	holders func() []string
}

// ensure makes d ready for the update side: named, with its wake-up
// channel, and (an SRCU) in the registry that Unload searches. A domain with
// reader counters has its slots set before (SRCU.ready, classic RCU's init).
// Every operation of an SRCU but ReadLock and ReadUnlock calls it first.
func (d *domain) ensure() {
	if !d.inited.Load() {
		d.ensureSlow()
	}
}

// ensureMu serialises ensureSlow of all domains (it runs once per domain).
var ensureMu sync.Mutex

func (d *domain) ensureSlow() {
	ensureMu.Lock()
	defer ensureMu.Unlock()
	if d.inited.Load() {
		return
	}
	d.nameLocked()
	d.wake = make(chan struct{}, 1)
	if d != classic {
		registerDomain(d)
	}
	d.inited.Store(true)
}

// nameLocked names an unnamed zero SRCU "srcu#N". Called with ensureMu held.
func (d *domain) nameLocked() {
	if d.name == "" {
		d.name = "srcu#" + strconv.FormatInt(srcuSeq.Add(1), 10)
	}
}

// displayName is d's name for messages, naming an unnamed zero SRCU if
// nothing has yet. Once ensure has run the name no longer changes.
func (d *domain) displayName() string {
	if d.inited.Load() {
		return d.name
	}
	ensureMu.Lock()
	defer ensureMu.Unlock()
	d.nameLocked()
	return d.name
}

// slotHash picks a reader slot from the address of a variable on the
// caller's stack (of zero size, so that taking it stores nothing): the top
// 10 bits of a multiplicative hash, so below classicMaxSlots. Goroutines
// have distinct stacks, so concurrent readers spread over the slots without
// any shared state. Stacks may move; that does not matter, because the
// Section records the counter it incremented.
func slotHash(anchor unsafe.Pointer) uint32 {
	return uint32(uintptr(anchor)>>10) * 0x9E3779B9 >> 22
}

// enter is the reader fast path of ReadLock once the caller has picked the
// slot (see ReadLock and SRCU.ReadLock, which inline it): load the phase,
// increment that phase's counter in the slot, and return a Section that
// records the counter, so that readUnlock does not find it again. Its panic
// value is the domain itself, converted to a type whose Error method
// formats the message only when it is printed: the cheapest panic for the
// inliner's budget.
//
// The phase word holds the phase (0 or 1) and, once Cleanup has run,
// phaseDead. The check that the phase is 0 or 1 is the check for a dead
// SRCU, and it is also what lets the compiler index n by the phase without
// masking it or checking bounds: the after-Cleanup check costs no
// instruction. Classic RCU never dies; its check never fires.
func (d *domain) enter(slot *readerSlot) Section {
	p := d.phase.Load()
	if p > phaseIdx {
		panic((*readLockAfterCleanup)(d))
	}
	c := &slot.n[p]
	c.Add(1)
	return Section{d: d, c: unsafe.Pointer(c)}
}

// readLockAfterCleanup is the panic value of ReadLock on a dead SRCU.
type readLockAfterCleanup domain

func (d *readLockAfterCleanup) Error() string {
	return misuse{op: "ReadLock", d: (*domain)(d), what: afterCleanup}.Error()
}

// readUnlock decrements the counter that the Section names. A parked grace
// period needs a wake-up only when a counter drops to zero: a phase has
// drained only once every counter of it has. The load of flags comes after
// the decrement, as the wake-up protocol needs (see waitUntil).
func (d *domain) readUnlock(s Section) {
	if s.d != d {
		panic(misuse{op: "ReadUnlock", d: d, s: s, what: foreignSection})
	}
	if n := (*atomic.Int64)(s.c).Add(-1); n <= 0 {
		if n < 0 {
			panic(misuse{op: "ReadUnlock", d: d, what: endedSection})
		}
		if d.flags.Load()&flagWaiting != 0 {
			d.wakeGP()
		}
	}
}

func (d *domain) wakeGP() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// drained reports whether no reader is inside a section of phase idx: no
// reader of the atomic path in any slot, and with the memb path, none of
// that either (membDrained).
func (d *domain) drained(idx uint32) bool {
	sa := d.slots.Load()
	if sa == nil {
		return true
	}
	for i := range sa.s {
		if sa.s[i].n[idx].Load() != 0 {
			return false
		}
	}
	return !membOn || d.membDrained(idx, sa.s)
}

// readers reports how many readers are inside a section of either phase.
func (d *domain) readers() int64 {
	var n int64
	if sa := d.slots.Load(); sa != nil {
		for i := range sa.s {
			n += sa.s[i].n[0].Load() + sa.s[i].n[1].Load()
		}
		if membOn {
			n += d.membInside(sa.s)
		}
	}
	return n
}

func (d *domain) dead() bool { return d.phase.Load()&phaseDead != 0 }

// checkAlive panics if d is dead.
func (d *domain) checkAlive(op string) {
	if d.dead() {
		panic(misuse{op: op, d: d, what: afterCleanup})
	}
}

// gpMachine sequences the grace periods of one domain. Grace periods are
// numbered from 1; completed is the number of the last one that ended.
// Callers ask for a grace period by number (see snapshotLocked), so that
// every caller that arrives while one is pending shares it.
type gpMachine struct {
	mu        sync.Mutex
	completed atomic.Uint64 // written under mu; read without it by PollState
	requested uint64        // highest grace period anybody waits for
	running   bool          // a grace period has started and not yet ended
	driving   bool          // a goroutine is running grace periods
	expedite  int           // callers of SynchronizeExpedited still waiting
	done      chan struct{} // closed when the running grace period ends
}

// snapshotLocked returns the number of the first grace period that starts
// after now: the next one, or the one after that if one is running (it may
// have started before the caller's updates).
func (g *gpMachine) snapshotLocked() uint64 {
	c := g.completed.Load()
	if g.running {
		return c + 2
	}
	return c + 1
}

// waitGPLocked blocks until grace period target has completed. If no
// goroutine is running grace periods, the caller runs them itself, which
// keeps an idle Synchronize to a few microseconds. Called with g.mu held;
// returns with it released.
func (d *domain) waitGPLocked(target uint64, expedited bool) {
	g := &d.gp
	if target > g.requested {
		g.requested = target
	}
	if expedited {
		g.expedite++
		defer func() { g.mu.Lock(); g.expedite--; g.mu.Unlock() }()
	}
	if !g.driving {
		g.driving = true
		d.driveLocked(target)
		g.mu.Unlock()
		d.reportMisuse()
		return
	}
	for g.completed.Load() < target {
		if g.done == nil {
			g.done = make(chan struct{})
		}
		ch := g.done
		g.mu.Unlock()
		<-ch
		g.mu.Lock()
	}
	g.mu.Unlock()
	d.reportMisuse()
}

// requestGPLocked asks for grace period target without waiting for it.
func (d *domain) requestGPLocked(target uint64) {
	g := &d.gp
	if target > g.requested {
		g.requested = target
	}
	if !g.driving && g.requested > g.completed.Load() {
		g.driving = true
		go d.drive()
	}
}

func (d *domain) drive() {
	d.gp.mu.Lock()
	d.driveLocked(^uint64(0))
	d.gp.mu.Unlock()
}

// driveLocked runs grace periods while any are requested, until target has
// completed; if more are requested after that, it hands driving over to a new
// goroutine so that the caller is not kept beyond its own grace period.
// Called and returns with g.mu held and g.driving set by the caller.
func (d *domain) driveLocked(target uint64) {
	g := &d.gp
	for g.requested > g.completed.Load() {
		if g.completed.Load() >= target {
			go d.drive()
			return
		}
		g.running = true
		expedited := g.expedite > 0
		g.mu.Unlock()
		d.runGP(expedited)
		g.mu.Lock()
		g.running = false
		g.completed.Add(1)
		if g.done != nil {
			close(g.done)
			g.done = nil
		}
	}
	g.driving = false
}

// runGP runs one grace period: wait for stragglers of the inactive phase
// (readers that loaded the phase before the last flip), flip, wait for the
// phase that was current when the grace period began.
func (d *domain) runGP(expedited bool) {
	if d.waitReaders != nil {
		d.waitReaders(expedited)
		return
	}
	idx := d.phase.Load() & phaseIdx
	d.waitDrained(idx^1, expedited)
	if idx == 0 {
		d.phase.Or(phaseIdx)
	} else {
		d.phase.And(^phaseIdx)
	}
	d.waitDrained(idx, expedited)
}

// waitDrained waits until phase idx has no readers.
func (d *domain) waitDrained(idx uint32, expedited bool) {
	d.waitUntil(func() bool { return d.drained(idx) }, expedited, flagWaiting|flagWaitPhase0<<idx)
}

// waitUntil waits until done reports true: it yields a few times, then
// sets flags (flagWaiting, and for a counter domain the phase it waits for)
// and parks until a reader wakes it through d.wake, reporting a stall each
// time the stall timeout passes. done must be safe to call again after it
// has returned true.
func (d *domain) waitUntil(done func() bool, expedited bool, flags uint32) {
	spins := 8
	if expedited {
		spins = 256
	}
	for i := 0; i < spins; i++ {
		if done() {
			return
		}
		runtime.Gosched()
	}
	d.flags.Or(flags)
	defer d.flags.And(^flags)
	// Memb readers load flags after their unlock store with no fence
	// between, and a reader that finds the wake channel full sends
	// nothing: every check made while flagWaiting is set begins with a
	// membarrier, so that each such reader either wakes a check that comes
	// after its unlock store or has that store counted by the check
	// (memb.go, "Wake-up"; model/memb.pml).
	fence := membOn && d.waitReaders == nil
	start := time.Now()
	var stall *time.Timer
	var stallC <-chan time.Time
	if t := stallTimeout(); t > 0 {
		stall = time.NewTimer(t)
		defer stall.Stop()
		stallC = stall.C
	}
	for {
		if fence {
			membarrier()
		}
		if done() {
			return
		}
		select {
		case <-d.wake:
		case <-stallC:
			st := Stall{Domain: d.name, Duration: time.Since(start)}
			if d.holders != nil {
				st.Holders = d.holders()
			}
			reportStall(st)
			if t := stallTimeout(); t > 0 {
				stall.Reset(t)
			}
		}
	}
}

func (d *domain) synchronize(expedited bool) {
	d.gp.mu.Lock()
	d.waitGPLocked(d.gp.snapshotLocked(), expedited)
}
