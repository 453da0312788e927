package rcuapi_test

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rcuvet/rcuvet/rcuapi"
)

func loaded() []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var names []string
	for m := range rcuapi.Modules(s) {
		names = append(names, m.Name)
	}
	return names
}

func TestModuleLifecycle(t *testing.T) {
	var inits, exits int
	m := &rcuapi.Module{
		Name: "lifecycle",
		Init: func() error { inits++; return nil },
		//rcuvet:ignore RCU6001 a test module: the test drains the callbacks it queues itself
		Exit: func() { exits++ },
	}
	if err := rcuapi.Unload(m); !errors.Is(err, rcuapi.ErrNotLoaded) {
		t.Errorf("Unload before Load: %v, want ErrNotLoaded", err)
	}
	if m.TryGet() {
		t.Error("TryGet succeeded on a module never loaded")
	}
	if err := rcuapi.Load(m); err != nil {
		t.Fatal(err)
	}
	if err := rcuapi.Load(m); !errors.Is(err, rcuapi.ErrAlreadyLoaded) {
		t.Errorf("second Load: %v, want ErrAlreadyLoaded", err)
	}
	if !slices.Contains(loaded(), "lifecycle") {
		t.Errorf("Modules = %v, want it to list lifecycle", loaded())
	}

	if !m.TryGet() || !m.TryGet() {
		t.Fatal("TryGet failed on a loaded module")
	}
	if n := m.Refcount(); n != 2 {
		t.Errorf("Refcount = %d, want 2", n)
	}
	if err := rcuapi.Unload(m); !errors.Is(err, rcuapi.ErrBusy) {
		t.Errorf("Unload with references held: %v, want ErrBusy", err)
	}
	if exits != 0 {
		t.Fatal("Exit ran while references were held")
	}
	if n := m.Refcount(); n != 2 {
		t.Errorf("Refcount after ErrBusy = %d, want 2 (base reference restored)", n)
	}
	m.Put()
	m.Put()
	if n := m.Refcount(); n != 0 {
		t.Errorf("Refcount = %d, want 0", n)
	}
	if err := rcuapi.Unload(m); err != nil {
		t.Fatalf("Unload: %v", err)
	}
	if inits != 1 || exits != 1 {
		t.Errorf("Init ran %d times, Exit %d; want 1 and 1", inits, exits)
	}
	if m.TryGet() {
		t.Error("TryGet succeeded on an unloaded module")
	}
	if slices.Contains(loaded(), "lifecycle") {
		t.Error("Modules still lists the unloaded module")
	}
	if err := rcuapi.Unload(m); !errors.Is(err, rcuapi.ErrNotLoaded) {
		t.Errorf("second Unload: %v, want ErrNotLoaded", err)
	}
	// Loading again works.
	if err := rcuapi.Load(m); err != nil {
		t.Fatalf("Load after Unload: %v", err)
	}
	if err := rcuapi.Unload(m); err != nil {
		t.Fatalf("Unload: %v", err)
	}
}

func TestModuleInitError(t *testing.T) {
	boom := errors.New("boom")
	m := &rcuapi.Module{Name: "broken", Init: func() error { return boom }}
	if err := rcuapi.Load(m); !errors.Is(err, boom) || !strings.Contains(err.Error(), "broken") {
		t.Fatalf("Load = %v; want boom wrapped with the module's name", err)
	}
	if m.TryGet() || slices.Contains(loaded(), "broken") {
		t.Fatal("a module whose Init failed is loaded")
	}
}

func TestModulePutWithoutGet(t *testing.T) {
	m := &rcuapi.Module{Name: "unbalanced"}
	mustPanic(t, m.Put, "Put", "unbalanced", "without a matching TryGet")
}

func TestModulesNeedsClassicSection(t *testing.T) {
	var d rcuapi.SRCU
	s := d.ReadLock()
	defer d.ReadUnlock(s)
	mustPanic(t, func() { rcuapi.Modules(s) }, "classic")
	//rcuvet:ignore RCU1001 the zero Section on purpose: Modules must panic
	mustPanic(t, func() { rcuapi.Modules(rcuapi.Section{}) }, "zero Section")
}

// forgetful posts callbacks and has an Exit without the Barrier.
type forgetful struct {
	ran atomic.Int64
}

func (f *forgetful) flush() { f.ran.Add(1) }

func TestUnloadDropsCallbacksLeftBehind(t *testing.T) {
	f := &forgetful{}
	var d rcuapi.SRCU
	exited := make(chan struct{})
	//rcuvet:ignore RCU6001 a test module: the test drains the callbacks it queues itself
	m := &rcuapi.Module{Name: "forgetful", Exit: func() { close(exited) }}
	if err := rcuapi.Load(m); err != nil {
		t.Fatal(err)
	}
	// Readers keep the callbacks' grace periods from ending.
	s := rcuapi.ReadLock()
	ds := d.ReadLock()
	var foreign atomic.Int64
	rcuapi.Call(f.flush)              // a method value of the module's package: dropped
	d.Call(func() { f.ran.Add(1) })   // a closure of the module's package, on an SRCU: dropped
	d.Call(func() { foreign.Add(1) }) // likewise
	rcuapi.Call(runtime.Gosched)      // package runtime, not the module's: kept

	errc := make(chan error, 1)
	go func() { errc <- rcuapi.Unload(m) }()
	//rcuvet:ignore RCU1005 the test holds a classic reader on purpose while it checks what waits for it
	<-exited
	// Unload drops the callbacks, then removes the module from the list.
	eventually(t, "the module leaves the list", func() bool { return !slices.Contains(loaded(), "forgetful") })
	d.ReadUnlock(ds)
	rcuapi.ReadUnlock(s) // Unload waits for a grace period after Exit
	err := <-errc

	var pce *rcuapi.PendingCallbacksError
	if !errors.Is(err, rcuapi.ErrPendingCallbacks) || !errors.As(err, &pce) {
		t.Fatalf("Unload = %v; want a PendingCallbacksError", err)
	}
	if pce.Module != "forgetful" || len(pce.Callbacks) != 3 {
		t.Errorf("error = %+v; want module forgetful and 3 dropped callbacks", pce)
	}
	if !strings.Contains(err.Error(), "forgetful).flush") {
		t.Errorf("error %q does not name the method value callback", err)
	}
	rcuapi.Barrier()
	d.Barrier()
	if f.ran.Load() != 0 || foreign.Load() != 0 {
		t.Error("a dropped callback ran")
	}
	if rcuapi.Pending() != 0 {
		t.Errorf("Pending = %d after Barrier; the runtime.Gosched callback should have run", rcuapi.Pending())
	}
	if m.TryGet() {
		t.Error("the module is still loaded after Unload reported dropped callbacks")
	}
}

func TestUnloadAfterBarrierIsClean(t *testing.T) {
	f := &forgetful{}
	m := &rcuapi.Module{Name: "careful", Exit: func() { rcuapi.Barrier() }}
	if err := rcuapi.Load(m); err != nil {
		t.Fatal(err)
	}
	for range 10 {
		rcuapi.Call(f.flush)
	}
	if err := rcuapi.Unload(m); err != nil {
		t.Fatalf("Unload with Barrier in Exit: %v", err)
	}
	if f.ran.Load() != 10 {
		t.Errorf("%d callbacks ran before Unload returned, want 10", f.ran.Load())
	}
}

func TestPackageOf(t *testing.T) {
	for name, want := range map[string]string{
		"main.main.func1":               "main",
		"example.com/a/b.(*T).flush-fm": "example.com/a/b",
		"gopkg.in/yaml%2ev3.Marshal":    "gopkg.in/yaml%2ev3",
		"example.com/gen.F[...]":        "example.com/gen",
		"github.com/x/y.init.func2.1":   "github.com/x/y",
		"runtime.Gosched":               "runtime",
	} {
		if got := rcuapi.PackageOf(name); got != want {
			t.Errorf("packageOf(%q) = %q, want %q", name, got, want)
		}
	}
}
