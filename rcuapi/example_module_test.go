package rcuapi_test

import (
	"errors"
	"fmt"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// A module is a component loaded and unloaded while the program runs. Users
// find it with Modules inside a section and pin it with TryGet before they
// use it after the section; Unload refuses with ErrBusy while a reference is
// held, and runs Exit once nobody holds one. An Exit that queued callbacks
// calls Barrier before it returns.
func ExampleModule() {
	var flushed int
	stats := &rcuapi.Module{
		Name: "stats",
		Init: func() error {
			fmt.Println("init: stats")
			return nil
		},
		Exit: func() {
			rcuapi.Barrier() // wait for the callbacks this module queued
			fmt.Println("exit: stats, flushed", flushed)
		},
	}
	if err := rcuapi.Load(stats); err != nil {
		fmt.Println("load:", err)
		return
	}

	// A user looks the module up inside a section and takes a reference, so
	// that the module stays loaded after the section ends.
	var m *rcuapi.Module
	s := rcuapi.ReadLock()
	for mod := range rcuapi.Modules(s) {
		if mod.Name == "stats" && mod.TryGet() {
			m = mod
		}
	}
	rcuapi.ReadUnlock(s)
	if m == nil {
		fmt.Println("stats is not loaded")
		return
	}
	rcuapi.Call(func() { flushed++ }) // work the module defers past a grace period

	err := rcuapi.Unload(stats)
	fmt.Println("unload while in use:", errors.Is(err, rcuapi.ErrBusy))
	m.Put() // done with the module

	if err := rcuapi.Unload(stats); err != nil {
		fmt.Println("unload:", err)
	}
	// Output:
	// init: stats
	// unload while in use: true
	// exit: stats, flushed 1
}
