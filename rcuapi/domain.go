package rcuapi

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// cacheLine is the size that keeps reader slots from sharing a cache line,
// or the pair of lines that adjacent-line prefetchers fetch together.
const cacheLine = 128

// readerSlot holds one shard of a domain's reader counters: the number of
// readers inside a section in each of the two phases. A reader increments and
// decrements the same counter, so each counter is never negative and a phase
// has drained when the counter of that phase is zero in every slot.
type readerSlot struct {
	n [2]atomic.Int64
	_ [cacheLine - 16]byte
}

// Bits of domain.state. The word is read by every reader, written only by
// the goroutine running a grace period (and once by Cleanup).
const (
	stateIdx     uint32 = 1 << 0 // the current phase: new readers count here
	stateWaiting uint32 = 1 << 1 // a grace period is parked: the last reader out wakes it
	stateDead    uint32 = 1 << 2 // SRCU Cleanup has run: any use panics
)

// A domain is one RCU domain: the classic one, or one SRCU.
type domain struct {
	// Read by readers; kept together at the front.
	state atomic.Uint32
	mask  uint32 // len(slots) - 1
	slots []readerSlot
	wake  chan struct{} // capacity 1: readers poke a parked grace period
	name  string
	_     [cacheLine]byte

	gp gpMachine
	cb callbacks

	// waitReaders, if set, is how this domain's grace period waits for its
	// readers (QSBR); nil means the two-phase reader counters above.
	waitReaders func(expedited bool)
	// holders, if set, names the readers that hold up a grace period, for
	// stall reports.
	holders func() []string
}

func newDomain(name string) *domain {
	// Enough slots that two busy readers rarely share one: at least 32,
	// and 8 per processor.
	n := 32
	for n < 8*runtime.GOMAXPROCS(0) && n < 1024 {
		n *= 2
	}
	return &domain{
		mask:  uint32(n - 1),
		slots: make([]readerSlot, n),
		wake:  make(chan struct{}, 1),
		name:  name,
	}
}

// slotFor picks a reader slot from the address of a variable on the
// caller's stack. Goroutines have distinct stacks, so concurrent readers
// spread over the slots without any shared state. Stacks may move; that
// does not matter, because the Section records the slot it incremented.
func (d *domain) slotFor(anchor unsafe.Pointer) uint32 {
	h := uint64(uintptr(anchor)>>10) * 0x9E3779B97F4A7C15
	return uint32(h>>40) & d.mask
}

// readLock and readUnlock are the reader fast path, small enough to be
// inlined into ReadLock and ReadUnlock: their panics carry a misuse value
// instead of calling a function to format a message.
//
// readLock does not check for a dead domain: classic RCU never dies, and
// SRCU.ReadLock checks before calling it.
func (d *domain) readLock() Section {
	var anchor byte
	slot := d.slotFor(unsafe.Pointer(&anchor))
	idx := d.state.Load() & stateIdx
	d.slots[slot].n[idx].Add(1)
	return Section{d: d, idx: idx, slot: slot}
}

func (d *domain) readUnlock(s Section) {
	if s.d != d {
		panic(misuse{op: "ReadUnlock", d: d, other: s.d, what: foreignSection})
	}
	// A parked grace period needs a wake-up only when a slot's counter
	// drops to zero: a phase has drained only once every slot has.
	if n := d.slots[s.slot].n[s.idx&1].Add(-1); n <= 0 {
		if n < 0 {
			panic(misuse{op: "ReadUnlock", d: d, what: endedSection})
		}
		if d.state.Load()&stateWaiting != 0 {
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

// drained reports whether no reader is inside a section of phase idx.
func (d *domain) drained(idx uint32) bool {
	for i := range d.slots {
		if d.slots[i].n[idx].Load() != 0 {
			return false
		}
	}
	return true
}

// readers reports how many readers are inside a section of either phase.
func (d *domain) readers() int64 {
	var n int64
	for i := range d.slots {
		n += d.slots[i].n[0].Load() + d.slots[i].n[1].Load()
	}
	return n
}

func (d *domain) dead() bool { return d.state.Load()&stateDead != 0 }

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
	idx := d.state.Load() & stateIdx
	d.waitDrained(idx^1, expedited)
	if idx == 0 {
		d.state.Or(stateIdx)
	} else {
		d.state.And(^stateIdx)
	}
	d.waitDrained(idx, expedited)
}

// waitDrained waits until phase idx has no readers.
func (d *domain) waitDrained(idx uint32, expedited bool) {
	d.waitUntil(func() bool { return d.drained(idx) }, expedited)
}

// waitUntil waits until done reports true: it yields a few times, then
// parks until a reader wakes it (through stateWaiting and d.wake), reporting
// a stall each time the stall timeout passes. done must be safe to call
// again after it has returned true.
func (d *domain) waitUntil(done func() bool, expedited bool) {
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
	d.state.Or(stateWaiting)
	defer d.state.And(^stateWaiting)
	start := time.Now()
	var stall *time.Timer
	var stallC <-chan time.Time
	if t := stallTimeout(); t > 0 {
		stall = time.NewTimer(t)
		defer stall.Stop()
		stallC = stall.C
	}
	for !done() {
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
