package rcuapi

import (
	"sync/atomic"
	"unsafe"
)

// The memb read path (liburcu's urcu-memb flavour; the kernel's SRCU-lite
// uses the same idea) replaces the reader's atomic read-modify-write by a
// plain increment of a counter that belongs to the processor (the Go P) the
// reader runs on, and moves the memory ordering the reader leaves out to the
// update side, which pays for it with the membarrier system call. It is used
// on linux/amd64 where membarrier's MEMBARRIER_CMD_PRIVATE_EXPEDITED is
// available and this process registered for it at init
// (memb_linux_amd64.go; RCUAPI_MEMB=0 in the environment skips that, for
// comparing the paths in one build); everywhere else,
// and always under the race detector (which cannot see the ordering that
// membarrier supplies), readers use the atomic per-slot counters of
// domain.enter and domain.readUnlock. Build with -tags rcuapi_nomemb to use
// the atomic path on every platform.
//
// # Reader side
//
// Every reader slot (readerSlot) also holds, for the P whose id is the
// slot's index, two counters per phase: lock[ph], the number of sections of
// phase ph that began on that P, and unlock[ph], the number that ended on
// it. A section may begin on one P and end on another: no counter says how
// many readers are inside; only the sums over all Ps do (sum of lock[ph]
// minus sum of unlock[ph]).
//
// ReadLock: procPin; load the phase ph; lock[ph]++ on the P's slot;
// procUnpin. ReadUnlock: procPin; unlock[ph]++ on the P's slot (ph from the
// Section); procUnpin; load the domain's flags and wake a parked grace
// period if it waits for phase ph (flagWaitPhase0 << ph).
//
// Pinning is what makes a plain increment safe: between procPin and
// procUnpin the goroutine cannot be preempted or moved, so no other
// goroutine runs on the P and writes its counters; the counters of one P
// have one writer at a time, and the plain, word-sized, aligned increment
// is not torn. (Grace periods read the counters with atomic loads while
// their owners write them plainly: a data race in the Go memory model's
// terms, which is why the race detector build does not use this path. What
// the argument below relies on instead is the hardware's: an aligned word
// store is seen whole or not at all, and membarrier orders it.) The pin is held only around the increment, never across the
// user's section. procPin and procUnpin are calls the compiler cannot see
// into, so it moves no memory access across them: they are compiler
// barriers. The processor may still reorder the reader's accesses (on
// amd64, a load may pass an earlier store: the section's first load may be
// performed before lock[ph]++ is visible, and ReadUnlock's load of flags
// before its unlock[ph]++ is); that ordering is what the update side
// supplies with membarrier.
//
// A reader whose P id is at or past the number of slots (GOMAXPROCS raised
// after the domain's slots were sized) takes the atomic path for that
// section, and the Section records which path it took (membSection in
// Section.idx). A memb section that ends on such a P counts its unlock in
// the domain's spill counter, an atomic.
//
// # Update side: is phase idx drained? (membDrained)
//
//	U := sum of unlock[idx] over all slots, plus spill[idx]
//	membarrier()
//	L := sum of lock[idx] over all slots, plus the misuse adjustment
//	drained iff L == U
//
// What membarrier gives: when it returns, every thread of the process has
// executed a full memory barrier at some point Pt of its execution since
// the call began (or was not running, and a context switch orders it the
// same way). The thread's accesses before Pt are ordered before
// everything the updater does after membarrier returns, and its accesses
// after Pt are ordered after everything the updater did before calling it.
// (For a goroutine, Pt is a point of the thread it runs on; a goroutine that
// moved between threads did so through the scheduler's own synchronisation,
// which carries its earlier accesses along.)
//
// Claim 1: if U counted a reader's unlock, L counts that reader's lock. The
// updater read the unlock before membarrier; had the unlock store come
// after Pt, it would be ordered after that read and could not have been
// seen. So the unlock store is before Pt, and the lock store, earlier in
// the reader's program order, is too: it is ordered before the reads of L.
// (This is the role of the kernel's smp_mb() between the two sums in
// srcu_readers_active_idx_check; a fence on the updater alone would not do
// on weakly ordered processors, where the two plain stores of a reader may
// become visible out of order; membarrier does.)
//
// So L - U is the number of readers whose lock L counted and whose unlock U
// did not; it is never negative, and L == U means every counted lock has
// its unlock counted. (The sums wrap around; a difference is read as signed,
// and the number of sections in flight is far below 2^63.)
//
// Claim 2: a reader of phase idx whose lock L did not count need not be
// waited for. Its lock store is after Pt (else it would be ordered before
// the reads of L), so everything after it in its program order (its whole
// section) is ordered after everything the updater did before membarrier:
// the removal of the old pointer before Synchronize, the phase flip. It
// sees the new pointer. This is the store-buffering pattern (the reader
// stores lock and loads the pointer, the updater stores the pointer and
// loads lock) that the kernel's smp_mb() B on the reader and A on the
// updater rule out; here membarrier is both.
//
// Claim 3: once L == U, the sections of the readers whose unlocks U counted
// are over before the updater goes on: their unlock stores are before Pt,
// and so is every access of their sections, ordered before whatever the
// updater does after membarrier (freeing, callbacks). This is the kernel's
// smp_mb() C pairing; no second membarrier is needed after the check.
//
// Together: L == U means no reader that could hold a reference from before
// the grace period is still inside a section of phase idx. The two phases
// and the flip (runGP) are there so that new readers go to the other phase
// and L == U is eventually observed: a reader that loaded the old phase
// just before the flip increments the old phase's counter (claim 2 says
// the check may miss it; it is then harmless), at most once per reader.
//
// # Wake-up (waitUntil)
//
// A grace period that parks waiting for phase idx sets flagWaitPhase0 << idx
// in flags (an atomic RMW; "flagWaiting" below); from then on,
// each check it makes begins with a membarrier of its own (before the
// unlock sum), and it parks on the wake channel after each failed check. A
// reader stores unlock[ph] and then loads flags, with no fence between:
// the store-buffering pattern again.
//
//   - If the reader's load of flags comes before Pt of the first of those
//     membarriers, its unlock store does too, and every check counts it.
//   - Otherwise it sees flagWaiting and sends on the wake channel, or finds
//     the channel full. Either way a message is in the channel after the
//     reader's unlock store was executed, and the grace period receives it
//     and checks again, beginning with a membarrier that comes after that
//     store in time: the check counts it.
//
// One membarrier after setting flagWaiting would not be enough: the model
// (model/memb.pml, variant NO_WAIT_MB, with only that one) finds a reader
// whose unlock is still in its store buffer during a check after it woke
// the grace period; the check consumes the wake-up, misses the unlock, and
// the grace period parks for ever. A reader that finds the channel full
// does nothing that orders its store for the updater (a send that gets
// through would, through the channel's lock), so the membarrier at the
// start of each check is what does. liburcu's urcu-memb makes the same
// argument for its gp futex. A reader cannot tell whether it was the last
// one of a phase, so every memb ReadUnlock loads flags, which is on the
// line it loaded the phase from, and wakes a grace period parked on its
// phase. Only readers of the phase waited for wake it: readers of the other
// phase cannot make its check succeed, and if they all woke it, a grace
// period held up by one long reader (an SRCU reader may block) would make
// a membarrier, which interrupts every CPU running the process, at the rate
// at which other readers end their sections. The phase waited for gets no
// new readers (runGP waits for the inactive phase, or for the old one after
// the flip), so the wake-ups a grace period can get are bounded by the
// sections of that phase still open or just beginning.
//
// # A ReadUnlock of a Section that already ended
//
// On the atomic path a slot counter goes negative and ReadUnlock panics at
// the call. On the memb path the extra unlock is one more count in some P's
// unlock[ph], which nothing at the call can see. A grace period sees it once
// the readers of that phase are gone: U then exceeds L (L - U < 0, which
// claim 1 rules out for a correct program). It records the excess in the
// domain's adjustment, so that the domain keeps working, and the next
// Synchronize, SynchronizeExpedited or CondSynchronize of the domain that
// waits for a grace period panics with the misuse message (reportMisuse).
// Until the excess is seen it can hide one reader from a grace period, as
// in liburcu and the kernel, where the same mistake goes unreported; the
// rcuvet analyzer reports a section ended twice statically (RCU1003).

// membSection, in Section.idx of a classic RCU or SRCU Section, says that
// its ReadLock took the memb path; the low bit is then its phase.
const membSection uint32 = 1 << 1

//go:linkname procPin runtime.procPin
func procPin() int

//go:linkname procUnpin runtime.procUnpin
func procUnpin()

// The memb ReadLock and ReadUnlock of classic RCU (classicLockMemb,
// classicUnlockMemb) and of an SRCU (SRCU.lockMemb, SRCU.unlockMemb) are
// written out for each flavour rather than once for a domain and its
// lines: classic's address constant globals and an SRCU's are at fixed
// offsets from the *SRCU, so that nothing but the Section's parts has to be
// kept across the runtime calls (a generic version passing the domain and a
// slice of lines measured 25-35% slower per ReadLock on the 2-core
// machine). Each takes the atomic path (enter, readUnlock) if memb is off,
// if the P id is past the lines, or, for an SRCU, if the phase word says it
// is dead (enter then panics, after procUnpin: a panic must not leave the
// goroutine pinned).

func classicLockMemb() Section {
	if membOn {
		p := procPin()
		ph := classicRCU.dom.phase.Load() & phaseIdx // classic RCU never dies
		if uint(p) <= uint(classicRCU.mask) {
			c := &classicSlots.s[uint(p)%classicMaxSlots]
			c.lock[ph]++
			procUnpin()
			return Section{d: &classicRCU.dom, c: unsafe.Pointer(c), idx: membSection | ph}
		}
		procUnpin()
	}
	var anchor [0]byte
	return classicRCU.dom.enter(&classicSlots.s[slotHash(unsafe.Pointer(&anchor))&classicRCU.mask])
}

func classicUnlockMemb(s Section) {
	if s.d != &classicRCU.dom || s.idx&membSection == 0 {
		classicRCU.dom.readUnlock(s) // the atomic path; panics on the zero and foreign Sections
		return
	}
	p := procPin()
	if uint(p) <= uint(classicRCU.mask) {
		classicSlots.s[uint(p)%classicMaxSlots].unlock[s.idx&phaseIdx]++
		procUnpin()
	} else {
		procUnpin()
		classicRCU.dom.spillUnlock(s.idx & phaseIdx)
	}
	// After the unlock store, with no fence: see "Wake-up" above.
	if classicRCU.dom.flags.Load()&(flagWaitPhase0<<(s.idx&phaseIdx)) != 0 {
		classicRCU.dom.wakeGP()
	}
}

func (d *SRCU) lockMemb() Section {
	if membOn {
		p := procPin()
		ph := d.dom.phase.Load()
		if uint(p) < srcuSlots && ph <= phaseIdx {
			c := &d.slots[p]
			c.lock[ph]++
			procUnpin()
			return Section{d: &d.dom, c: unsafe.Pointer(c), idx: membSection | ph}
		}
		procUnpin()
	}
	var anchor [0]byte
	return d.dom.enter(&d.slots[slotHash(unsafe.Pointer(&anchor))%srcuSlots])
}

func (d *SRCU) unlockMemb(s Section) {
	if s.d != &d.dom || s.idx&membSection == 0 {
		d.dom.readUnlock(s) // the atomic path; panics on the zero and foreign Sections
		return
	}
	p := procPin()
	if uint(p) < srcuSlots {
		d.slots[p].unlock[s.idx&phaseIdx]++
		procUnpin()
	} else {
		procUnpin()
		d.dom.spillUnlock(s.idx & phaseIdx)
	}
	// After the unlock store, with no fence: see "Wake-up" above.
	if d.dom.flags.Load()&(flagWaitPhase0<<(s.idx&phaseIdx)) != 0 {
		d.dom.wakeGP()
	}
}

// spillUnlock counts the unlock of a memb section of phase ph that ends on
// a P with no line of its own in d.
func (d *domain) spillUnlock(ph uint32) {
	d.memb.spill[ph].Add(1)
	membSpills.Add(1)
}

// membChecks counts membDrained calls, for tests.
var membChecks atomic.Int64

// membSpills counts the memb sections that ended on a P past the lines,
// for tests.
var membSpills atomic.Int64

// membState is the update side's part of the memb path of one domain.
type membState struct {
	// spill counts the unlocks of memb sections that ended on a P with no
	// line of its own, per phase; it counts with the unlocks.
	spill [2]atomic.Uintptr
	// adjust is added to the lock sum of each phase: the extra unlocks of
	// Sections unlocked twice, once a grace period has seen them. Only the
	// goroutine running grace periods writes it.
	adjust [2]atomic.Uintptr
	// misused is set by a grace period that found extra unlocks; the next
	// waiter for a grace period of the domain panics (reportMisuse).
	misused atomic.Bool
}

// membDrained is the memb half of drained: see "Update side" above.
func (d *domain) membDrained(idx uint32, lines []readerSlot) bool {
	membChecks.Add(1)
	u := d.memb.spill[idx].Load()
	for i := range lines {
		u += atomic.LoadUintptr(&lines[i].unlock[idx])
	}
	membarrier()
	l := d.memb.adjust[idx].Load()
	for i := range lines {
		l += atomic.LoadUintptr(&lines[i].lock[idx])
	}
	if diff := int(l - u); diff < 0 {
		// More unlocks than locks, which claim 1 rules out for a correct
		// program: some Section was unlocked twice.
		d.memb.adjust[idx].Add(uintptr(-diff))
		d.memb.misused.Store(true)
		return false
	}
	return l == u
}

// membInside is how many memb readers are inside a section of either phase,
// for Cleanup's report; a snapshot, exact only when no reader moves.
func (d *domain) membInside(lines []readerSlot) int64 {
	membarrier()
	var n int64
	for idx := range 2 {
		n += int64(int(d.memb.adjust[idx].Load() - d.memb.spill[idx].Load()))
		for i := range lines {
			n += int64(int(atomic.LoadUintptr(&lines[i].lock[idx]) - atomic.LoadUintptr(&lines[i].unlock[idx])))
		}
	}
	return n
}

// reportMisuse panics if a grace period of d found a Section unlocked twice
// on the memb path.
func (d *domain) reportMisuse() {
	if membOn && d.memb.misused.Load() && d.memb.misused.Swap(false) {
		panic(misuse{op: "ReadUnlock (found by a grace period)", d: d, what: endedSection})
	}
}
