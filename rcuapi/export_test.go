package rcuapi

// Test hooks into the package's internals.

// BatchesInFlight returns how many callback batches of d have not finished.
func BatchesInFlight(d *SRCU) int {
	dom := d.ready()
	dom.cb.mu.Lock()
	defer dom.cb.mu.Unlock()
	return len(dom.cb.inflight)
}

// PackageOf exposes packageOf.
var PackageOf = packageOf

// QSBRParked reports whether a grace period of q is parked waiting for
// reader handles to pass a quiescent state: past its brief spinning, so a
// correct runtime cannot end it until a handle it waits for moves.
func QSBRParked(q *QSBR) bool { return q.state().d.flags.Load()&flagWaiting != 0 }

// SectionCounter returns the address of the reader counter that a classic
// or SRCU Section counts in.
func SectionCounter(s Section) uintptr { return uintptr(s.c) }

// MembOn reports whether classic RCU and SRCU readers take the memb path
// (memb.go): a build without the race detector on linux/amd64 whose
// process registered for membarrier.
func MembOn() bool { return membOn }

// MembSpills returns how many memb sections so far ended on a P that has
// no counters of its own in their domain (and counted in its spill).
func MembSpills() int64 { return membSpills.Load() }

// MembChecks returns how many memb checks (membDrained) grace periods have
// made so far.
func MembChecks() int64 { return membChecks.Load() }
