// Package rcu1003 holds the fixtures of RCU1003: a read-side section not
// ended exactly once. This file holds the shapes that must be reported;
// ok.go holds the correct idioms that must not be.
package rcu1003

import (
	"errors"

	"fixtures/helpers"
	"fixtures/wrapper"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type table struct{ addrs map[string]string }

var (
	tbl     rcuapi.Pointer[table] // classic RCU
	dom     rcuapi.SRCU           // protects srcuTbl
	srcuTbl rcuapi.Pointer[table]
	wdom    = wrapper.New("rcu1003")
)

// returnWithoutUnlock returns early, on a path that skips ReadUnlock.
func returnWithoutUnlock(name string) (string, bool) {
	s := rcuapi.ReadLock()
	t := tbl.Dereference(s)
	if t == nil {
		return "", false // want `RCU1003: function returns with the section begun by ReadLock at rcu1003.go:\d+ still open; end it on every path, e.g. with defer right after ReadLock`
	}
	addr, ok := t.addrs[name]
	rcuapi.ReadUnlock(s)
	return addr, ok
}

// neverEnded never ends its section.
func neverEnded(name string) string {
	s := rcuapi.ReadLock()
	return tbl.Dereference(s).addrs[name] // want `RCU1003: function returns with the section begun by ReadLock at rcu1003.go:\d+ still open`
}

// resultDiscarded drops the Section; a function without a return statement is reported at its name.
func resultDiscarded() { // want `RCU1003: function returns with the section begun by ReadLock at rcu1003.go:\d+ still open`
	rcuapi.ReadLock()
}

// panicWithSectionOpen panics with the section open; a recover up the stack would leave it open for ever.
func panicWithSectionOpen(name string) string {
	s := rcuapi.ReadLock()
	addr, ok := tbl.Dereference(s).addrs[name]
	if !ok {
		panic(errors.New("no such name")) // want `RCU1003: function panics with the section begun by ReadLock at rcu1003.go:\d+ still open`
	}
	rcuapi.ReadUnlock(s)
	return addr
}

// endedOnOneBranch ends the section on one branch only.
func endedOnOneBranch(name string) (addr string) {
	s := rcuapi.ReadLock()
	if t := tbl.Dereference(s); t != nil {
		addr = t.addrs[name]
		rcuapi.ReadUnlock(s)
	}
	return addr // want `RCU1003: function returns with the section begun by ReadLock at rcu1003.go:\d+ still open on some paths`
}

// endedInLoopBody begins the section before a loop and ends it in the body: with no iteration it stays open.
func endedInLoopBody(names []string) (n int) {
	s := rcuapi.ReadLock()
	for _, name := range names {
		n += len(tbl.Dereference(s).addrs[name])
		rcuapi.ReadUnlock(s)
	}
	return n // want `RCU1003: function returns with the section begun by ReadLock at rcu1003.go:\d+ still open on some paths`
}

// doubleUnlock ends the same section twice.
func doubleUnlock(name string) string {
	s := rcuapi.ReadLock()
	addr := tbl.Dereference(s).addrs[name]
	rcuapi.ReadUnlock(s)
	rcuapi.ReadUnlock(s) // want `RCU1003: ReadUnlock ends the section begun by ReadLock at rcu1003.go:\d+, which already ended at rcu1003.go:\d+; end each section exactly once`
	return addr
}

// doubleUnlockDeferred defers ReadUnlock and also calls it.
func doubleUnlockDeferred(name string) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s) // want `RCU1003: ReadUnlock ends the section begun by ReadLock at rcu1003.go:\d+, which already ended at rcu1003.go:\d+`
	addr := tbl.Dereference(s).addrs[name]
	rcuapi.ReadUnlock(s)
	return addr
}

// doubleEndThroughHelper ends the same section twice through a helper of another package.
func doubleEndThroughHelper() {
	s := rcuapi.ReadLock()
	helpers.End(s)
	helpers.End(s) // want `RCU1003: End ends the section begun by ReadLock at rcu1003.go:\d+, which already ended at rcu1003.go:\d+`
}

// srcuDoubleUnlock ends an SRCU section twice.
func srcuDoubleUnlock() {
	s := dom.ReadLock()
	dom.ReadUnlock(s)
	dom.ReadUnlock(s) // want `RCU1003: ReadUnlock ends the section begun by ReadLock at rcu1003.go:\d+, which already ended at rcu1003.go:\d+`
}

// unlockZeroSection ends a Section that no ReadLock made.
func unlockZeroSection() {
	var s rcuapi.Section
	rcuapi.ReadUnlock(s) // want `RCU1003: ReadUnlock of the zero Section, which no ReadLock made`
}

// srcuUnlockZeroLiteral ends the zero Section on an SRCU domain.
func srcuUnlockZeroLiteral() {
	dom.ReadUnlock(rcuapi.Section{}) // want `RCU1003: ReadUnlock of the zero Section, which no ReadLock made`
}

// wrapperUnlockZero ends the zero Section through a wrapper.
func wrapperUnlockZero() {
	wrapper.Exit(rcuapi.Section{}) // want `RCU1003: Exit of the zero Section, which no ReadLock made`
}

// srcuReturnWithoutUnlock returns early from an SRCU section.
func srcuReturnWithoutUnlock(name string) string {
	s := dom.ReadLock()
	t := srcuTbl.Dereference(s)
	if t == nil {
		return "" // want `RCU1003: function returns with the section begun by ReadLock at rcu1003.go:\d+ still open`
	}
	dom.ReadUnlock(s)
	return name
}

// wrapperNeverEnded begins a section through a wrapper and never ends it.
func wrapperNeverEnded() int {
	s := wdom.ReadLock()
	return wdom.Config(s).Port // want `RCU1003: function returns with the section begun by ReadLock at rcu1003.go:\d+ still open`
}

// helperBegunNeverEnded begins a section through a helper of another package and never ends it.
func helperBegunNeverEnded() int {
	s := helpers.Begin()
	return helpers.Port(s) // want `RCU1003: function returns with the section begun by Begin at rcu1003.go:\d+ still open; end it on every path, e.g. with defer right after Begin`
}

// doubleUnlockDeferredClosure ends the section in a deferred closure and also explicitly.
func doubleUnlockDeferredClosure(name string) string {
	s := rcuapi.ReadLock()
	defer func() { rcuapi.ReadUnlock(s) }() // want `RCU1003: .*ends the section begun by ReadLock at rcu1003.go:\d+, which already ended at rcu1003.go:\d+`
	addr := tbl.Dereference(s).addrs[name]
	rcuapi.ReadUnlock(s)
	return addr
}

// unlockOptionalSection reads the built-in table without a section, but
// ends a section on every path.
func unlockOptionalSection(builtin *table, useBuiltin bool, key string) string {
	var s rcuapi.Section
	t := builtin
	if !useBuiltin {
		s = rcuapi.ReadLock()
		t = tbl.Dereference(s)
	}
	v := t.addrs[key]
	rcuapi.ReadUnlock(s) // want `RCU1003: ReadUnlock of a Section that is the zero value on the paths that skip the ReadLock at rcu1003\.go:\d+`
	return v
}
