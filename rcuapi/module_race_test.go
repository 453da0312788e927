package rcuapi_test

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// modState is what a module's users touch while they hold a reference. Init
// fills it and Exit poisons it with plain writes, so `go test -race` reports
// a user still reading it when Exit runs.
type modState struct {
	gen   int
	alive bool
	table [16]int
}

// TestModuleUnloadRace is the module-removal race (try_module_get against
// module unloading): user goroutines loop "if TryGet { use; Put }" while two
// unloaders call Unload until one succeeds. It checks that
//   - Exit never runs while a reference is held (users count the references
//     they hold in their own counter, incremented after TryGet and
//     decremented before Put; Exit requires it to be 0),
//   - no user holding a reference ever sees that Exit has started,
//   - Unload fails only with ErrBusy (or ErrNotLoaded for the unloader that
//     lost to the other), and exactly one Unload per round succeeds,
//   - TryGet never succeeds after Unload returned,
//
// for several rounds, loading the same module again each time.
func TestModuleUnloadRace(t *testing.T) {
	const (
		rounds    = 20
		users     = 8
		unloaders = 2
	)
	var (
		fail        tortFailures
		st          *modState // replaced between rounds, while no user runs
		exitStarted atomic.Bool
		held        atomic.Int64
		inits       atomic.Int32
		exits       atomic.Int32
	)
	m := &rcuapi.Module{
		Name: "rcuapi_test.unload-race",
		Init: func() error {
			inits.Add(1)
			exitStarted.Store(false)
			st.alive = true
			for i := range st.table {
				st.table[i] = st.gen*100 + i
			}
			return nil
		},
		//rcuvet:ignore RCU6001 a test module: the test drains the callbacks it queues itself
		Exit: func() {
			exitStarted.Store(true)
			exits.Add(1)
			if h := held.Load(); h != 0 {
				fail.add("Exit of round %d runs while users hold %d references", st.gen, h)
			}
			st.alive = false
			for i := range st.table {
				st.table[i] = -1
			}
		},
	}

	var totalGets, totalMisses, totalBusy, yields, refcountDips atomic.Int64
	start := time.Now()
	played := 0
	for round := range rounds {
		played++
		st = &modState{gen: round}
		if err := rcuapi.Load(m); err != nil {
			t.Fatalf("round %d: Load: %v", round, err)
		}
		if got := inits.Load(); got != int32(round+1) {
			t.Fatalf("round %d: Init ran %d times in all, want %d", round, got, round+1)
		}

		var stop, unloaded, yield atomic.Bool
		var wg sync.WaitGroup
		for u := range users {
			wg.Go(func() {
				rng := rand.New(rand.NewPCG(uint64(round), uint64(u)))
				var gets, misses, dips int64
				for i := 0; !stop.Load(); i++ {
					wasUnloaded := unloaded.Load()
					if !yield.Load() && m.TryGet() {
						held.Add(1)
						if wasUnloaded {
							fail.add("round %d: TryGet succeeded after Unload had returned nil", round)
						}
						if exitStarted.Load() {
							fail.add("round %d: a user holding a reference sees that Exit has started", round)
						}
						s := st
						k := rng.IntN(len(s.table))
						if !s.alive || s.table[k] != s.gen*100+k {
							fail.add("round %d: module state torn down (alive=%v, table[%d]=%d) while a reference is held", round, s.alive, k, s.table[k])
						}
						if m.Refcount() < 1 {
							dips++ // a refused Unload must not touch the count
							fail.add("round %d: Refcount() = %d while a reference is held", round, m.Refcount())
						}
						if rng.IntN(8) == 0 {
							runtime.Gosched() // hold the reference a little longer
						}
						if !s.alive || s.table[k] != s.gen*100+k {
							fail.add("round %d: module state torn down (alive=%v, table[%d]=%d) while a reference is held", round, s.alive, k, s.table[k])
						}
						if exitStarted.Load() {
							fail.add("round %d: a user holding a reference sees that Exit has started", round)
						}
						held.Add(-1)
						m.Put()
						gets++
					} else {
						misses++
					}
					if i%4 == 0 {
						runtime.Gosched()
					}
				}
				totalGets.Add(gets)
				totalMisses.Add(misses)
				refcountDips.Add(dips)
			})
		}

		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)

		var successes atomic.Int32
		var uwg sync.WaitGroup
		for range unloaders {
			uwg.Go(func() {
				begin := time.Now()
				for n := 0; ; n++ {
					err := rcuapi.Unload(m)
					switch {
					case err == nil:
						successes.Add(1)
						unloaded.Store(true)
						return
					case errors.Is(err, rcuapi.ErrNotLoaded):
						// The other unloader has begun unloading; it must succeed.
						return
					case !errors.Is(err, rcuapi.ErrBusy):
						fail.add("round %d: Unload: %v; want nil, ErrBusy or ErrNotLoaded", round, err)
						return
					}
					totalBusy.Add(1)
					if time.Since(begin) > 100*time.Millisecond && !yield.Swap(true) {
						// Users never let go all at once: let Unload through.
						yields.Add(1)
					}
					if time.Since(begin) > 10*time.Second {
						fail.add("round %d: Unload still ErrBusy after 10s although users stopped taking references", round)
						return
					}
					if n%4 == 3 {
						time.Sleep(10 * time.Microsecond)
					} else {
						runtime.Gosched()
					}
				}
			})
		}
		if !tortWait(&uwg, tortDrainTimeout) {
			stop.Store(true)
			t.Fatalf("round %d: Unload did not return within %v\n%s", round, tortDrainTimeout, tortStacks())
		}
		if n := successes.Load(); n != 1 {
			t.Errorf("round %d: %d Unload calls succeeded, want exactly 1", round, n)
		}
		if got := exits.Load(); got != int32(round+1) {
			t.Errorf("round %d: Exit ran %d times in all, want %d", round, got, round+1)
		}
		if !exitStarted.Load() {
			t.Errorf("round %d: Unload succeeded but Exit did not run", round)
		}
		// Users keep trying for a moment: every TryGet must now fail.
		time.Sleep(2 * time.Millisecond)
		if m.TryGet() {
			t.Errorf("round %d: TryGet succeeded on an unloaded module", round)
			m.Put()
		}
		stop.Store(true)
		if !tortWait(&wg, tortDrainTimeout) {
			t.Fatalf("round %d: users did not stop within %v\n%s", round, tortDrainTimeout, tortStacks())
		}
		if n := m.Refcount(); n != 0 {
			t.Errorf("round %d: Refcount() = %d after Unload", round, n)
		}
		if inModules(m) {
			t.Errorf("round %d: Modules still lists the module after Unload returned", round)
		}
		if fail.count() > 0 {
			break
		}
	}
	fail.report(t)
	t.Logf("module race: %d rounds in %v: gets=%d misses=%d unload-busy=%d yields=%d refcount-dips=%d",
		played, time.Since(start).Round(time.Millisecond), totalGets.Load(), totalMisses.Load(), totalBusy.Load(), yields.Load(), refcountDips.Load())
	if totalGets.Load() == 0 {
		t.Errorf("no user ever got a reference")
	}
}

func inModules(m *rcuapi.Module) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for x := range rcuapi.Modules(s) {
		if x == m {
			return true
		}
	}
	return false
}

// TestModuleRefcountAndBusy checks the module life cycle step by step: Load
// runs Init once; a second Load is ErrAlreadyLoaded; Refcount counts the
// references held; Unload is ErrBusy while one is held and leaves the module
// loaded and usable; Unload then succeeds, runs Exit once and unpublishes the
// module; TryGet fails afterwards; Unload again is ErrNotLoaded; the module
// can be loaded again; and an Init that fails leaves the module unloaded.
func TestModuleRefcountAndBusy(t *testing.T) {
	var inits, exits int
	m := &rcuapi.Module{
		Name: "rcuapi_test.refcount",
		Init: func() error { inits++; return nil },
		//rcuvet:ignore RCU6001 a test module: the test drains the callbacks it queues itself
		Exit: func() { exits++ },
	}
	if err := rcuapi.Load(m); err != nil {
		t.Fatalf("Load: %v", err)
	}
	if inits != 1 {
		t.Fatalf("Init ran %d times, want 1", inits)
	}
	if err := rcuapi.Load(m); !errors.Is(err, rcuapi.ErrAlreadyLoaded) {
		t.Errorf("second Load: %v, want ErrAlreadyLoaded", err)
	}
	if inits != 1 {
		t.Errorf("Init ran %d times after a refused Load, want 1", inits)
	}
	if !inModules(m) {
		t.Errorf("Modules does not list a loaded module")
	}
	if n := m.Refcount(); n != 0 {
		t.Errorf("Refcount() = %d with no reference held, want 0", n)
	}
	for i := 1; i <= 3; i++ {
		if !m.TryGet() {
			t.Fatalf("TryGet %d failed on a loaded module", i)
		}
		if n := m.Refcount(); n != i {
			t.Errorf("Refcount() = %d with %d references held", n, i)
		}
	}
	if err := rcuapi.Unload(m); !errors.Is(err, rcuapi.ErrBusy) {
		t.Fatalf("Unload with 3 references held: %v, want ErrBusy", err)
	}
	if exits != 0 {
		t.Errorf("Exit ran although Unload returned ErrBusy")
	}
	if n := m.Refcount(); n != 3 {
		t.Errorf("Refcount() = %d after a refused Unload, want 3", n)
	}
	if !m.TryGet() {
		t.Fatalf("TryGet failed after a refused Unload: the module must stay loaded")
	}
	if !inModules(m) {
		t.Errorf("Modules does not list the module after a refused Unload")
	}
	for i := 3; i >= 0; i-- {
		m.Put()
		if n := m.Refcount(); n != i {
			t.Errorf("Refcount() = %d after Put, want %d", n, i)
		}
	}
	if err := rcuapi.Unload(m); err != nil {
		t.Fatalf("Unload with no reference held: %v", err)
	}
	if exits != 1 {
		t.Errorf("Exit ran %d times, want 1", exits)
	}
	if m.TryGet() {
		t.Errorf("TryGet succeeded on an unloaded module")
		m.Put()
	}
	if inModules(m) {
		t.Errorf("Modules lists an unloaded module")
	}
	if err := rcuapi.Unload(m); !errors.Is(err, rcuapi.ErrNotLoaded) {
		t.Errorf("Unload of an unloaded module: %v, want ErrNotLoaded", err)
	}
	if exits != 1 {
		t.Errorf("Exit ran %d times after a second Unload, want 1", exits)
	}

	// Load again.
	if err := rcuapi.Load(m); err != nil {
		t.Fatalf("Load after Unload: %v", err)
	}
	if inits != 2 {
		t.Errorf("Init ran %d times, want 2", inits)
	}
	if !m.TryGet() {
		t.Fatalf("TryGet failed on a reloaded module")
	}
	if n := m.Refcount(); n != 1 {
		t.Errorf("Refcount() = %d with 1 reference held on a reloaded module", n)
	}
	m.Put()
	if err := rcuapi.Unload(m); err != nil {
		t.Fatalf("second Unload: %v", err)
	}
	if exits != 2 {
		t.Errorf("Exit ran %d times, want 2", exits)
	}

	// An Init that fails: Load returns its error and the module is not loaded.
	errInit := errors.New("init failed")
	exited := false
	bad := &rcuapi.Module{
		Name: "rcuapi_test.bad-init",
		Init: func() error { return errInit },
		//rcuvet:ignore RCU6001 a test module: the test drains the callbacks it queues itself
		Exit: func() { exited = true },
	}
	if err := rcuapi.Load(bad); !errors.Is(err, errInit) {
		t.Errorf("Load with a failing Init: %v, want an error wrapping Init's", err)
	}
	if bad.TryGet() {
		t.Errorf("TryGet succeeded on a module whose Init failed")
		bad.Put()
	}
	if inModules(bad) {
		t.Errorf("Modules lists a module whose Init failed")
	}
	if err := rcuapi.Unload(bad); !errors.Is(err, rcuapi.ErrNotLoaded) {
		t.Errorf("Unload of a module whose Init failed: %v, want ErrNotLoaded", err)
	}
	if exited {
		t.Errorf("Exit ran for a module whose Init failed")
	}
}
