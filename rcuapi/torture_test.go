package rcuapi_test

// A torture test in the style of the Linux kernel's rcutorture: writers keep
// replacing an RCU-protected element and retire the old one through grace
// periods, readers check inside their read-side sections that no grace period
// that began after the element's removal has ended, and retired elements are
// poisoned with plain writes so that `go test -race` reports any reader still
// looking at them.
//
// Pipe stages. An element's pipe count is the number of grace periods that
// have ended since it was unpublished: 0 while it is published and between
// its removal and the end of the first grace period that followed, 1 after
// that grace period, finalStage after the last one. A reader that found the
// element with Dereference began its section before the removal, so every
// grace period that counts for the element must wait for that reader: the
// reader must see 0 at every read inside its section. A reader that sees 1
// caught a grace period that ended under it; one that sees 2 caught two.
// Both are failures. (The kernel numbers the stages one higher, counting the
// removal itself as stage 1, and so fails at "> 1"; with the numbering used
// here the same condition is "> 0".) The histogram index is the pipe count
// seen, so a correct run has all of its reads in bucket 0.

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var tortureDuration = flag.Duration("torture.duration", 300*time.Millisecond,
	"how long each TestTorture subtest runs its readers and writers before it drains and checks")

// tortDrainTimeout bounds every wait after the timed phase of a test (writers
// stopping, callback chains finishing, Barrier): a runtime that hangs fails
// the test with a goroutine dump instead of hanging until go test's -timeout.
const tortDrainTimeout = 20 * time.Second

// tortStallTimeout is how long a chain of retirement callbacks may go without
// advancing before the torture test decides a callback was lost. The longest
// grace period seen in a passing run is a few tens of milliseconds.
const tortStallTimeout = 5 * time.Second

// TestMain checks that the package's tests leave no goroutine behind: the
// runtime starts its goroutines on demand and they must exit once it is idle.
// After the tests it waits (bounded) for the runtime to go idle; a goroutine
// of the runtime or of a test still there after tortIdleTimeout fails the
// run (leak_test.go).
func TestMain(m *testing.M) {
	code := m.Run()
	if !tortWithin(tortDrainTimeout, rcuapi.Barrier) {
		fmt.Printf("rcuapi.Barrier did not return within %v after the tests\n", tortDrainTimeout)
		code = max(code, 1)
	}
	start := time.Now()
	if !checkNoLeaks(tortIdleTimeout) {
		code = max(code, 1)
	} else if testing.Verbose() {
		fmt.Printf("no goroutine left: runtime idle %v after the last test\n", time.Since(start).Round(time.Millisecond))
	}
	os.Exit(code)
}

const tortIdleTimeout = 5 * time.Second

// ---------------------------------------------------------------------------
// Shared helpers: flavours, callback modes, failure collection, timeouts.

// tortFlavour is one RCU domain seen through the operations the tests use:
// classic RCU (the package functions), one SRCU domain, or one QSBR domain.
// Readers get their own tortReader from register, which for QSBR is a
// registered handle and for the other flavours the domain itself.
type tortFlavour struct {
	name      string
	classic   bool
	sleepable bool // readers may block inside a section (SRCU)
	srcu      *rcuapi.SRCU
	qsbr      *rcuapi.QSBR
	register  func() *tortReader
	sync      func()
	syncExp   func()
	call      func(func())
	barrier   func()
	pending   func() int
}

// tortReader is what one reader goroutine reads through. For classic RCU
// and SRCU, quiescent, offline, online and unregister do nothing.
type tortReader struct {
	readLock   func() rcuapi.Section
	readUnlock func(rcuapi.Section)
	quiescent  func()
	offline    func()
	online     func()
	unregister func()
}

func tortNop() {}

// tortStateless is the tortReader of a flavour without reader handles.
func tortStateless(lock func() rcuapi.Section, unlock func(rcuapi.Section)) func() *tortReader {
	rd := &tortReader{readLock: lock, readUnlock: unlock,
		quiescent: tortNop, offline: tortNop, online: tortNop, unregister: tortNop}
	return func() *tortReader { return rd }
}

func tortClassic() *tortFlavour {
	return &tortFlavour{
		name:     "classic",
		classic:  true,
		register: tortStateless(rcuapi.ReadLock, rcuapi.ReadUnlock),
		sync:     rcuapi.Synchronize,
		syncExp:  rcuapi.SynchronizeExpedited,
		call:     rcuapi.Call,
		barrier:  rcuapi.Barrier,
		pending:  rcuapi.Pending,
	}
}

func tortSRCU(name string, d *rcuapi.SRCU) *tortFlavour {
	return &tortFlavour{
		name:      name,
		sleepable: true,
		srcu:      d,
		register:  tortStateless(d.ReadLock, d.ReadUnlock),
		sync:      d.Synchronize,
		syncExp:   d.SynchronizeExpedited,
		call:      d.Call,
		barrier:   d.Barrier,
		pending:   d.Pending,
	}
}

// tortQSBR is a QSBR domain; every reader registers a handle of its own.
// QSBR has no expedited grace period: syncExp is Synchronize.
func tortQSBR(name string, q *rcuapi.QSBR) *tortFlavour {
	return &tortFlavour{
		name: name,
		qsbr: q,
		register: func() *tortReader {
			h := q.Register()
			return &tortReader{
				readLock:   h.ReadLock,
				readUnlock: h.ReadUnlock,
				quiescent:  h.Quiescent,
				offline:    h.Offline,
				online:     h.Online,
				unregister: h.Unregister,
			}
		},
		sync:    q.Synchronize,
		syncExp: q.Synchronize,
		call:    q.Call,
		barrier: q.Barrier,
		pending: q.Pending,
	}
}

// tortFlavourFor returns the flavour named kind ("classic" or "srcu", the
// latter a fresh domain made by NewSRCU) and registers the SRCU's cleanup:
// Barrier, then Cleanup, which must report nothing left behind.
func tortFlavourFor(t *testing.T, kind string) *tortFlavour {
	t.Helper()
	switch kind {
	case "classic":
		return tortClassic()
	case "srcu":
		d := rcuapi.NewSRCU("torture:" + t.Name())
		t.Cleanup(func() { tortCleanupSRCU(t, d) })
		return tortSRCU("srcu", d)
	case "srcu-zero":
		d := new(rcuapi.SRCU) // the zero value is ready to use
		t.Cleanup(func() { tortCleanupSRCU(t, d) })
		return tortSRCU("srcu-zero", d)
	case "qsbr":
		q := rcuapi.NewQSBR("torture:" + t.Name())
		t.Cleanup(func() { tortCleanupQSBR(t, q) })
		return tortQSBR("qsbr", q)
	case "qsbr-zero":
		q := new(rcuapi.QSBR) // the zero value is ready to use
		t.Cleanup(func() { tortCleanupQSBR(t, q) })
		return tortQSBR("qsbr-zero", q)
	}
	panic("unknown flavour " + kind)
}

// tortCleanupSRCU ends a test's SRCU domain: Barrier, then Cleanup, which
// must find nothing left behind. After a failure the domain is left alive:
// a runtime whose Barrier returned early may still run callbacks that queue
// more, and a Call on a cleaned-up domain panics, which would hide the
// failure already reported behind a crash.
func tortCleanupSRCU(t *testing.T, d *rcuapi.SRCU) {
	if !tortWithin(tortDrainTimeout, d.Barrier) {
		t.Errorf("SRCU Barrier did not return within %v\n%s", tortDrainTimeout, tortStacks())
		return
	}
	if t.Failed() {
		return
	}
	if err := d.Cleanup(); err != nil {
		t.Errorf("SRCU Cleanup after Barrier: %v", err)
	}
}

// tortCleanupQSBR waits for a test's QSBR callbacks: a QSBR has no Cleanup,
// but a test must not leave callbacks (and their goroutines) behind.
func tortCleanupQSBR(t *testing.T, q *rcuapi.QSBR) {
	if !tortWithin(tortDrainTimeout, q.Barrier) {
		t.Errorf("QSBR Barrier did not return within %v\n%s", tortDrainTimeout, tortStacks())
		return
	}
	if n := q.Pending(); n != 0 && !t.Failed() {
		t.Errorf("QSBR Pending() = %d after Barrier", n)
	}
}

var tortModes = []struct {
	name string
	mode rcuapi.CallbackMode
}{
	{"inorder", rcuapi.CallbackInOrder},
	{"shuffled", rcuapi.CallbackShuffled},
	{"parallel", rcuapi.CallbackParallel},
}

// tortSetMode switches the callback mode for the rest of the test.
func tortSetMode(t *testing.T, m rcuapi.CallbackMode) {
	prev := rcuapi.SetCallbackMode(m)
	t.Cleanup(func() { rcuapi.SetCallbackMode(prev) })
}

// tortFailures collects failures found on goroutines that must not touch
// the *testing.T (runtime goroutines running callbacks, readers that may
// outlive a failed test). The first few are kept verbatim.
type tortFailures struct {
	mu   sync.Mutex
	n    int
	msgs []string
}

func (f *tortFailures) add(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	if len(f.msgs) < 10 {
		f.msgs = append(f.msgs, fmt.Sprintf(format, args...))
	}
}

func (f *tortFailures) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

func (f *tortFailures) report(t *testing.T) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.msgs {
		t.Error(m)
	}
	if f.n > len(f.msgs) {
		t.Errorf("... and %d more failures like these", f.n-len(f.msgs))
	}
}

// tortWithin runs fn on a goroutine and reports whether it returned within d.
// If it did not, fn's goroutine is left behind (the test fails anyway).
func tortWithin(d time.Duration, fn func()) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
		return false
	}
}

func tortWait(wg *sync.WaitGroup, d time.Duration) bool { return tortWithin(d, wg.Wait) }

// tortStacks returns every goroutine's stack, for a test that timed out.
func tortStacks() string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return string(buf[:n])
		}
		if len(buf) >= 64<<20 {
			return string(buf[:n]) + "\n(truncated)"
		}
		buf = make([]byte, 2*len(buf))
	}
}

// tortLog writes line to the test log and, under -v, to standard output.
func tortLog(t *testing.T, line string) {
	t.Helper()
	t.Log(line)
	if testing.Verbose() {
		fmt.Println(line)
	}
}

// ---------------------------------------------------------------------------
// The torture test.

const (
	payloadWords = 8
	finalStage   = 2 // grace periods an element goes through after removal
	histLen      = finalStage + 2

	// Poison written over a payload with plain writes after the element's
	// first and second grace period. Live payload words never have the top
	// bit set, so poison can never pass for a payload.
	poison1 uint64 = 0xdead_0001_dead_0001
	poison2 uint64 = 0xdead_0002_dead_0002
)

// tortElem is the RCU-protected element. pipe and removed are atomics;
// payload is plain memory, written before publication and poisoned after
// grace periods, read with plain reads by readers.
type tortElem struct {
	seq     uint64
	pipe    atomic.Int32 // grace periods ended since removal
	removed atomic.Bool  // unpublished by a writer
	payload [payloadWords]uint64
}

func payloadWord(seq uint64, i int) uint64 {
	return (seq*0x9E3779B97F4A7C15 ^ uint64(i+1)*0x5851F42D4C957F2D) >> 1
}

type torture struct {
	fl   *tortFlavour
	ptr  rcuapi.Pointer[tortElem]
	mu   sync.Mutex // the update lock of ptr
	stop atomic.Bool
	fail tortFailures
	seq  atomic.Uint64

	readerOps, writerOps, gracePeriods, retired atomic.Int64
	sawRemoved, nested, sleeps                  atomic.Int64
	floodPosted, floodRan                       atomic.Int64
	pollOK, pollFallback, barriers              atomic.Int64
	churned, procChanges, offlines              atomic.Int64
	outstanding                                 atomic.Int64 // Call chains not yet at finalStage
	maxGP                                       atomic.Int64 // longest single grace-period wait, ns

	histMu sync.Mutex
	hist   [histLen]int64
}

func (tt *torture) newElem() *tortElem {
	e := &tortElem{seq: tt.seq.Add(1)}
	for i := range e.payload {
		e.payload[i] = payloadWord(e.seq, i)
	}
	return e
}

// checkPayload reads e's payload with plain reads. Under -race, a poison
// write that was not ordered after this read by a grace period is reported
// as a data race even if the values happen to look right.
func (tt *torture) checkPayload(e *tortElem, where string) {
	for i := range e.payload {
		if v, want := e.payload[i], payloadWord(e.seq, i); v != want {
			what := "corrupt"
			switch v {
			case poison1:
				what = "poisoned after its first grace period"
			case poison2:
				what = "poisoned after its second grace period"
			}
			tt.fail.add("%s reader (%s): element %d payload word %d = %#x, want %#x: %s while a reader was inside a section that found it (pipe now %d)",
				tt.fl.name, where, e.seq, i, v, want, what, e.pipe.Load())
			return
		}
	}
}

// checkPipe fails if a reader inside a section that found e sees a pipe
// count other than 0.
func (tt *torture) checkPipe(e *tortElem, p1, p2 int32, jitter string) {
	if p1 == 0 && p2 == 0 {
		return
	}
	tt.fail.add("%s reader: element %d seen at pipe stage %d then %d inside one read-side section (jitter %q, removed=%v): %d grace period(s) ended while a reader that could see the element was still inside",
		tt.fl.name, e.seq, p1, p2, jitter, e.removed.Load(), max(p1, p2))
}

func (tt *torture) noteGP(start time.Time) {
	tt.gracePeriods.Add(1)
	d := int64(time.Since(start))
	for {
		m := tt.maxGP.Load()
		if d <= m || tt.maxGP.CompareAndSwap(m, d) {
			return
		}
	}
}

// advance moves e one pipe stage on; it is called once after each grace
// period that followed e's removal. Stage 1 and the final stage poison the
// payload with plain writes: safe only because no reader can still see e.
func (tt *torture) advance(e *tortElem) int32 {
	n := e.pipe.Add(1)
	switch {
	case n == 1:
		for i := range e.payload {
			e.payload[i] = poison1
		}
	case n == finalStage:
		for i := range e.payload {
			e.payload[i] = poison2
		}
		tt.retired.Add(1)
	case n > finalStage:
		tt.fail.add("%s: element %d advanced to pipe stage %d, past the final stage %d (a retirement callback ran twice?)",
			tt.fl.name, e.seq, n, finalStage)
	}
	return n
}

// reader runs read-side sections until stop (or maxOps sections, if > 0).
// Between sections it announces a quiescent state (QSBR), most of the time
// after every section, sometimes only after several; now and then it goes
// offline for a while.
func (tt *torture) reader(seed uint64, maxOps int) {
	rng := rand.New(rand.NewPCG(seed, seed*31+7))
	rd := tt.fl.register()
	defer rd.unregister()
	var hist [histLen]int64
	var ops, sawRemoved int64
	for !tt.stop.Load() && (maxOps <= 0 || ops < int64(maxOps)) {
		if tt.readOnce(rd, rng, &hist) {
			sawRemoved++
		}
		ops++
		switch r := rng.IntN(256); {
		case r < 192:
			rd.quiescent()
		case r < 255:
			// Several sections before the next quiescent state.
		default:
			tt.offlines.Add(1)
			rd.offline()
			if rng.IntN(2) == 0 {
				runtime.Gosched()
			} else {
				time.Sleep(time.Duration(rng.IntN(200)) * time.Microsecond)
			}
			rd.online()
		}
	}
	tt.readerOps.Add(ops)
	tt.sawRemoved.Add(sawRemoved)
	tt.histMu.Lock()
	for i, n := range hist {
		tt.hist[i] += n
	}
	tt.histMu.Unlock()
}

var tortSpinSink atomic.Uint64 // keeps the spin loop of jitter from being optimised away

func bucket(p int32) int { return int(min(max(p, 0), histLen-1)) }

// readOnce is one read-side section: Dereference, read the pipe count and
// the payload, jitter, read them again. It reports whether the element had
// been removed by the time of the second read (the reader was inside the
// window that grace periods exist for).
func (tt *torture) readOnce(rd *tortReader, rng *rand.Rand, hist *[histLen]int64) bool {
	fl := tt.fl
	s := rd.readLock()
	e := tt.ptr.Dereference(s)
	if e == nil {
		rd.readUnlock(s)
		tt.fail.add("%s reader: Dereference returned nil; the pointer always holds an element", fl.name)
		return false
	}
	p1 := e.pipe.Load()
	tt.checkPayload(e, "first read")
	jitter := tt.jitter(rd, rng, s)
	p2 := e.pipe.Load()
	removed := e.removed.Load()
	tt.checkPayload(e, "after jitter "+jitter)
	rd.readUnlock(s)
	hist[bucket(p2)]++
	tt.checkPipe(e, p1, p2, jitter)
	return removed
}

// jitter spends a random amount of time inside the section s in one of
// several ways and names the way it chose.
func (tt *torture) jitter(rd *tortReader, rng *rand.Rand, s rcuapi.Section) string {
	r := rng.IntN(1000)
	switch {
	case r < 550:
		return "none"
	case r < 750:
		n := rng.IntN(256)
		x := uint64(n)
		for i := 0; i < n; i++ {
			x = x*31 + uint64(i)
		}
		tortSpinSink.Store(x)
		return "spin"
	case r < 900:
		runtime.Gosched()
		return "gosched"
	case r < 960:
		tt.nestedRead(rd, rng)
		return "nested"
	case r < 985:
		for range 1 + rng.IntN(4) {
			runtime.Gosched()
		}
		return "gosched*n"
	default:
		tt.sleeps.Add(1)
		if !tt.fl.sleepable {
			// Classic and QSBR readers must not block for long; the
			// runtime tolerates a short sleep (it holds up every grace
			// period of the domain).
			if rng.IntN(4) == 0 {
				time.Sleep(time.Microsecond)
				return "sleep-brief"
			}
			runtime.Gosched()
			return "gosched"
		}
		// SRCU readers may block: sleep long enough that grace periods
		// and writers pile up behind this reader.
		time.Sleep(time.Duration(20+rng.IntN(480)) * time.Microsecond)
		return "sleep"
	}
}

// nestedRead runs a section nested inside the caller's: Dereference under
// the inner section, check, end it; the caller then checks its own element
// again, which the outer section must still protect.
func (tt *torture) nestedRead(rd *tortReader, rng *rand.Rand) {
	tt.nested.Add(1)
	s2 := rd.readLock()
	e2 := tt.ptr.Dereference(s2)
	p1 := e2.pipe.Load()
	tt.checkPayload(e2, "nested first read")
	if rng.IntN(2) == 0 {
		runtime.Gosched()
	}
	p2 := e2.pipe.Load()
	tt.checkPayload(e2, "nested second read")
	rd.readUnlock(s2)
	tt.checkPipe(e2, p1, p2, "nested")
}

// writer replaces the published element until stop and retires each old
// one through finalStage grace periods, in one of several ways.
func (tt *torture) writer(seed uint64) {
	fl := tt.fl
	rng := rand.New(rand.NewPCG(seed, seed*17+3))
	for !tt.stop.Load() {
		ne := tt.newElem()
		tt.mu.Lock()
		cur := tt.ptr.Protected(&tt.mu)
		if p := cur.pipe.Load(); p != 0 || cur.removed.Load() {
			tt.fail.add("%s writer: the published element %d is at pipe stage %d (removed=%v) under the update lock",
				fl.name, cur.seq, p, cur.removed.Load())
		}
		var old *tortElem
		if rng.IntN(2) == 0 {
			old = tt.ptr.Replace(ne, &tt.mu)
		} else {
			old = cur
			tt.ptr.Assign(ne)
		}
		if old != cur {
			tt.fail.add("%s writer: Replace returned element %d, Protected had returned %d under the same lock",
				fl.name, old.seq, cur.seq)
		}
		old.removed.Store(true)
		tt.mu.Unlock()
		tt.writerOps.Add(1)

		tt.retire(old, rng)

		switch {
		case fl.pending() > 2000:
			// Limit the backlog of callbacks (checklist item 8).
			tt.barriers.Add(1)
			fl.barrier()
		case rng.IntN(64) == 0:
			tt.barriers.Add(1)
			fl.barrier()
		}
	}
}

func (tt *torture) retire(old *tortElem, rng *rand.Rand) {
	fl := tt.fl
	kinds := 4
	if fl.classic {
		kinds = 5
	}
	switch rng.IntN(kinds) {
	case 0: // two Synchronize calls
		tt.retireSync(old, fl.sync, fl.sync)
	case 1: // expedited, then normal
		tt.retireSync(old, fl.syncExp, fl.sync)
	case 2: // Call chain: each callback advances the element and re-posts itself
		tt.retireCall(old)
	case 3: // one Synchronize, then the rest by Call
		start := time.Now()
		fl.sync()
		tt.noteGP(start)
		tt.advance(old)
		tt.retireCall(old)
	case 4: // classic only: grace-period polling
		tt.retirePoll(old)
	}
}

func (tt *torture) retireSync(old *tortElem, first, second func()) {
	var cookie rcuapi.GPState
	if tt.fl.classic {
		cookie = rcuapi.GetState()
	}
	start := time.Now()
	first()
	tt.noteGP(start)
	if tt.fl.classic && !rcuapi.PollState(cookie) {
		tt.fail.add("classic writer: PollState(GetState()) is false after a Synchronize that began after GetState")
	}
	tt.advance(old)
	start = time.Now()
	second()
	tt.noteGP(start)
	if n := tt.advance(old); n != finalStage {
		tt.fail.add("%s writer: element %d at pipe stage %d after its synchronous retirement, want %d", tt.fl.name, old.seq, n, finalStage)
	}
}

// retirePoll waits for the first grace period with CondSynchronize and for
// the second by polling PollState (falling back to CondSynchronize if no
// grace period comes along: GetState does not start one).
func (tt *torture) retirePoll(old *tortElem) {
	cookie := rcuapi.GetState()
	start := time.Now()
	rcuapi.CondSynchronize(cookie)
	tt.noteGP(start)
	if !rcuapi.PollState(cookie) {
		tt.fail.add("classic writer: PollState is false right after CondSynchronize of the same state")
	}
	tt.advance(old)

	cookie = rcuapi.GetState()
	start = time.Now()
	deadline := start.Add(5 * time.Millisecond)
	for !rcuapi.PollState(cookie) {
		if time.Now().After(deadline) {
			tt.pollFallback.Add(1)
			rcuapi.CondSynchronize(cookie)
			break
		}
		time.Sleep(50 * time.Microsecond)
	}
	if !rcuapi.PollState(cookie) {
		tt.fail.add("classic writer: PollState is false after CondSynchronize of the same state")
	} else {
		tt.pollOK.Add(1)
	}
	tt.noteGP(start)
	tt.advance(old)
}

// retireCall advances e through its remaining stages with a chain of
// callbacks: each runs after a grace period, advances e, and queues the next.
func (tt *torture) retireCall(e *tortElem) {
	tt.outstanding.Add(1)
	var cb func()
	cb = func() {
		tt.gracePeriods.Add(1)
		if tt.advance(e) >= finalStage {
			tt.outstanding.Add(-1)
			return
		}
		tt.fl.call(cb)
	}
	tt.fl.call(cb)
}

// fakeWriter asks for grace periods without updating anything, as the
// kernel's fake writers do, so that grace periods are shared and overlap.
func (tt *torture) fakeWriter(seed uint64) {
	fl := tt.fl
	rng := rand.New(rand.NewPCG(seed, 99))
	for !tt.stop.Load() {
		start := time.Now()
		switch r := rng.IntN(4); {
		case r == 0:
			fl.syncExp()
		case r == 1 && fl.classic:
			rcuapi.CondSynchronize(rcuapi.GetState())
		default:
			fl.sync()
		}
		tt.noteGP(start)
		time.Sleep(time.Duration(rng.IntN(500)) * time.Microsecond)
	}
}

// flooder queues bursts of callbacks, keeping the backlog bounded.
func (tt *torture) flooder(seed uint64) {
	fl := tt.fl
	rng := rand.New(rand.NewPCG(seed, 5))
	cb := func() { tt.floodRan.Add(1) }
	for !tt.stop.Load() {
		if fl.pending() > 1500 {
			time.Sleep(200 * time.Microsecond)
			continue
		}
		burst := 50 + rng.IntN(250)
		for range burst {
			tt.floodPosted.Add(1)
			fl.call(cb)
		}
		time.Sleep(time.Duration(rng.IntN(2000)) * time.Microsecond)
	}
}

// churn keeps starting short-lived readers, at most four at a time.
func (tt *torture) churn(seed uint64, stopCh <-chan struct{}, wg *sync.WaitGroup) {
	rng := rand.New(rand.NewPCG(seed, 11))
	sem := make(chan struct{}, 4)
	for !tt.stop.Load() {
		select {
		case sem <- struct{}{}:
		case <-stopCh:
			return
		}
		tt.churned.Add(1)
		ops := 1 + rng.IntN(300)
		s := rng.Uint64()
		wg.Go(func() {
			defer func() { <-sem }()
			tt.reader(s, ops)
		})
	}
}

// procs changes GOMAXPROCS every few milliseconds; the test restores it.
func (tt *torture) procs(seed uint64, orig int) {
	rng := rand.New(rand.NewPCG(seed, 13))
	top := max(4, orig)
	for !tt.stop.Load() {
		time.Sleep(time.Duration(5+rng.IntN(20)) * time.Millisecond)
		if tt.stop.Load() {
			return
		}
		runtime.GOMAXPROCS(1 + rng.IntN(top))
		tt.procChanges.Add(1)
	}
}

// TestTorture runs readers, writers, fake writers, a callback flooder,
// reader churn and GOMAXPROCS changes against every flavour (classic, SRCU,
// QSBR) in every callback mode, for -torture.duration per subtest, then
// drains and checks.
func TestTorture(t *testing.T) {
	for _, kind := range []string{"classic", "srcu", "qsbr"} {
		t.Run(kind, func(t *testing.T) {
			for _, m := range tortModes {
				t.Run(m.name, func(t *testing.T) {
					tortSetMode(t, m.mode)
					runTorture(t, tortFlavourFor(t, kind), kind+"/"+m.name)
				})
			}
		})
	}
}

func runTorture(t *testing.T, fl *tortFlavour, label string) {
	tt := &torture{fl: fl}
	tt.ptr.Init(tt.newElem())

	orig := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(orig)

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	stopCh := make(chan struct{})
	var wg sync.WaitGroup
	const readers, writers, fakeWriters = 4, 2, 2
	for i := range readers {
		wg.Go(func() { tt.reader(seed+uint64(i)*1000, 0) })
	}
	for i := range writers {
		wg.Go(func() { tt.writer(seed + 100 + uint64(i)) })
	}
	for i := range fakeWriters {
		wg.Go(func() { tt.fakeWriter(seed + 200 + uint64(i)) })
	}
	wg.Go(func() { tt.flooder(seed + 300) })
	wg.Go(func() { tt.churn(seed+400, stopCh, &wg) })
	wg.Go(func() { tt.procs(seed+500, orig) })

	time.Sleep(*tortureDuration)
	tt.stop.Store(true)
	close(stopCh)
	start := time.Now()
	if !tortWait(&wg, tortDrainTimeout) {
		tt.fail.report(t)
		t.Fatalf("torture %s: readers and writers did not stop within %v of the end of the run (a grace period or Barrier hangs?)\n%s",
			label, tortDrainTimeout, tortStacks())
	}
	runtime.GOMAXPROCS(orig)

	// Every element removed must reach its final stage: wait for the Call
	// chains (failing if they make no progress for a while: a callback was
	// lost), then for every callback.
	last, lastChange := tt.outstanding.Load(), time.Now()
	for n := last; n > 0; n = tt.outstanding.Load() {
		if n != last {
			last, lastChange = n, time.Now()
		}
		if time.Since(lastChange) > tortStallTimeout {
			tt.fail.report(t)
			t.Fatalf("torture %s: %d retirement callback chains made no progress for %v after the run (a callback lost?)\n%s",
				label, n, tortStallTimeout, tortStacks())
		}
		time.Sleep(100 * time.Microsecond)
	}
	if !tortWithin(tortDrainTimeout, fl.barrier) {
		tt.fail.report(t)
		t.Fatalf("torture %s: Barrier did not return within %v\n%s", label, tortDrainTimeout, tortStacks())
	}
	drain := time.Since(start)

	if got, want := tt.floodRan.Load(), tt.floodPosted.Load(); got != want {
		t.Errorf("torture %s: %d flood callbacks ran by the final Barrier, %d were queued", label, got, want)
	}
	if got, want := tt.retired.Load(), tt.writerOps.Load(); got != want {
		t.Errorf("torture %s: %d elements reached pipe stage %d, %d were removed", label, got, finalStage, want)
	}
	if n := fl.pending(); n != 0 {
		t.Errorf("torture %s: Pending() = %d after Barrier with nothing queued since", label, n)
	}

	tt.histMu.Lock()
	hist := tt.hist
	tt.histMu.Unlock()
	tortLog(t, fmt.Sprintf("torture %s: reader-ops=%d writer-ops=%d grace-periods=%d histogram=%v",
		label, tt.readerOps.Load(), tt.writerOps.Load(), tt.gracePeriods.Load(), hist[:]))
	t.Logf("torture %s: saw-removed=%d nested=%d sleeps=%d offline=%d churned-readers=%d flood=%d barriers=%d poll-ok=%d poll-fallback=%d gomaxprocs-changes=%d max-gp-wait=%v drain=%v",
		label, tt.sawRemoved.Load(), tt.nested.Load(), tt.sleeps.Load(), tt.offlines.Load(), tt.churned.Load(), tt.floodPosted.Load(),
		tt.barriers.Load(), tt.pollOK.Load(), tt.pollFallback.Load(), tt.procChanges.Load(),
		time.Duration(tt.maxGP.Load()).Round(time.Microsecond), drain.Round(time.Microsecond))

	tt.fail.report(t)

	// Progress: a runtime that does nothing (or hangs quietly) must fail.
	if tt.readerOps.Load() == 0 {
		t.Errorf("torture %s: no read-side section completed", label)
	}
	if tt.writerOps.Load() == 0 {
		t.Errorf("torture %s: no writer update completed", label)
	}
	if n := tt.gracePeriods.Load(); n < 3 {
		t.Errorf("torture %s: only %d grace periods elapsed", label, n)
	}
	for i, n := range hist[1:] {
		if n != 0 {
			t.Errorf("torture %s: %d reads saw pipe stage %d (histogram %v)", label, n, i+1, hist[:])
		}
	}
}

// ---------------------------------------------------------------------------
// Callback tests: exactly once, and Barrier.

// TestCallbackExactlyOnce queues callbacks from many goroutines (some from
// inside read-side sections, some from inside other callbacks) and checks,
// per callback id, that each ran exactly once: none lost by the Barrier,
// none run twice even after further grace periods.
func TestCallbackExactlyOnce(t *testing.T) {
	for _, kind := range []string{"classic", "srcu", "srcu-zero", "qsbr", "qsbr-zero"} {
		t.Run(kind, func(t *testing.T) {
			for _, m := range tortModes {
				t.Run(m.name, func(t *testing.T) {
					tortSetMode(t, m.mode)
					testExactlyOnce(t, tortFlavourFor(t, kind))
				})
			}
		})
	}
}

func testExactlyOnce(t *testing.T, fl *tortFlavour) {
	const (
		posters    = 8
		perPoster  = 300
		parents    = posters * perPoster
		childEvery = 4 // every 4th callback queues a child from inside itself
		total      = parents + parents/childEvery
	)
	counts := make([]atomic.Int32, total)
	var wg sync.WaitGroup
	for p := range posters {
		wg.Go(func() {
			rd := fl.register()
			defer rd.unregister()
			for i := range perPoster {
				id := p*perPoster + i
				cb := func() {
					counts[id].Add(1)
					if id%childEvery == 0 {
						child := parents + id/childEvery
						fl.call(func() { counts[child].Add(1) })
					}
				}
				if i%8 == 0 {
					// Call inside a read-side section is allowed: it never blocks.
					s := rd.readLock()
					fl.call(cb)
					rd.readUnlock(s)
					rd.quiescent()
				} else {
					fl.call(cb)
				}
				if i%50 == 0 {
					runtime.Gosched()
				}
			}
		})
	}
	if !tortWait(&wg, tortDrainTimeout) {
		t.Fatalf("posting callbacks did not finish within %v\n%s", tortDrainTimeout, tortStacks())
	}
	// The first Barrier waits for the parents; the children were queued
	// before their parents returned, so before the first Barrier returned,
	// and the second Barrier waits for them.
	for range 2 {
		if !tortWithin(tortDrainTimeout, fl.barrier) {
			t.Fatalf("Barrier did not return within %v\n%s", tortDrainTimeout, tortStacks())
		}
	}
	check := func(when string) {
		bad := 0
		for id := range counts {
			if n := counts[id].Load(); n != 1 {
				if bad < 10 {
					t.Errorf("%s: callback %d ran %d times %s, want exactly once", fl.name, id, n, when)
				}
				bad++
			}
		}
		if bad > 10 {
			t.Errorf("%s: %d callbacks in all did not run exactly once %s", fl.name, bad, when)
		}
	}
	check("by the Barrier")
	if n := fl.pending(); n != 0 {
		t.Errorf("%s: Pending() = %d after Barrier with nothing queued since", fl.name, n)
	}
	// Nothing may run again later.
	fl.sync()
	fl.barrier()
	time.Sleep(5 * time.Millisecond)
	check("after a further grace period")
}

// TestBarrierWaitsForQueuedCallbacks checks rcu_barrier's guarantee: every
// callback queued before Barrier was called has finished running when it
// returns. Each callback checks, when it starts and when it ends, a flag set
// right after Barrier returns; several goroutines call Barrier at once; a
// noise goroutine keeps queueing callbacks concurrently with Barrier.
func TestBarrierWaitsForQueuedCallbacks(t *testing.T) {
	for _, kind := range []string{"classic", "srcu", "qsbr"} {
		t.Run(kind, func(t *testing.T) {
			for _, m := range tortModes {
				t.Run(m.name, func(t *testing.T) {
					tortSetMode(t, m.mode)
					testBarrier(t, tortFlavourFor(t, kind))
				})
			}
		})
	}
}

func testBarrier(t *testing.T, fl *tortFlavour) {
	const (
		rounds    = 6
		posters   = 4
		perPoster = 100
		queued    = posters * perPoster
		barriers  = 3
	)
	var fail tortFailures

	// With nothing queued by this test, Barrier returns promptly.
	if !tortWithin(tortDrainTimeout, fl.barrier) {
		t.Fatalf("%s: Barrier with nothing queued did not return within %v\n%s", fl.name, tortDrainTimeout, tortStacks())
	}

	var stopNoise atomic.Bool
	var noise sync.WaitGroup
	noise.Go(func() {
		nop := func() {}
		for !stopNoise.Load() {
			if fl.pending() < 1000 {
				for range 20 {
					fl.call(nop)
				}
			}
			time.Sleep(100 * time.Microsecond)
		}
	})

	for round := range rounds {
		var done atomic.Bool // set right after a Barrier returns
		var ran atomic.Int64
		var wg sync.WaitGroup
		for p := range posters {
			wg.Go(func() {
				for i := range perPoster {
					fl.call(func() {
						if done.Load() {
							fail.add("%s round %d: callback %d/%d started after Barrier returned", fl.name, round, p, i)
						}
						// Stay a little while, so that a Barrier that waits
						// only for callbacks to start would be caught.
						for range i % 4 {
							runtime.Gosched()
						}
						if done.Load() {
							fail.add("%s round %d: callback %d/%d still running after Barrier returned", fl.name, round, p, i)
						}
						ran.Add(1)
					})
				}
			})
		}
		if !tortWait(&wg, tortDrainTimeout) {
			t.Fatalf("posting callbacks did not finish within %v\n%s", tortDrainTimeout, tortStacks())
		}
		// Every callback above was queued before any of these Barriers.
		for range barriers {
			wg.Go(func() {
				fl.barrier()
				done.Store(true)
				if n := ran.Load(); n != queued {
					fail.add("%s round %d: Barrier returned when %d of the %d callbacks queued before it had run", fl.name, round, n, queued)
				}
			})
		}
		if !tortWait(&wg, tortDrainTimeout) {
			t.Fatalf("%s round %d: Barrier did not return within %v\n%s", fl.name, round, tortDrainTimeout, tortStacks())
		}
	}
	stopNoise.Store(true)
	noise.Wait()
	if !tortWithin(tortDrainTimeout, fl.barrier) {
		t.Fatalf("%s: final Barrier did not return within %v\n%s", fl.name, tortDrainTimeout, tortStacks())
	}
	if n := fl.pending(); n != 0 {
		t.Errorf("%s: Pending() = %d after Barrier with nothing queued since", fl.name, n)
	}
	fail.report(t)
}
