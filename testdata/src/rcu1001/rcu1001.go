// Package rcu1001 holds the fixtures of RCU1001: protected data read with a
// Section that is not live. This file holds the shapes that must be
// reported; ok.go holds the correct idioms that must not be.
package rcu1001

import (
	"fixtures/helpers"
	"fixtures/wrapper"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	port  int
	peers []string
}

type route struct {
	prefix string
	hops   int
}

var (
	cfg     rcuapi.Pointer[config] // classic RCU
	routes  rcuapi.List[route]     // classic RCU
	dom     rcuapi.SRCU            // protects srcuCfg
	srcuCfg rcuapi.Pointer[config]
	wdom    = wrapper.New("rcu1001")
)

// port dereferences under the Section it is given.
func port(s rcuapi.Section) int { return cfg.Dereference(s).port }

// derefAfterUnlock dereferences after ReadUnlock ended the section.
func derefAfterUnlock() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+; dereference before ReadUnlock`
}

// derefZeroSection dereferences under a zero Section variable.
func derefZeroSection() int {
	var s rcuapi.Section
	return cfg.Dereference(s).port // want `RCU1001: Dereference with the zero Section, which no ReadLock made`
}

// derefZeroLiteral dereferences under a zero Section literal.
func derefZeroLiteral() int {
	return cfg.Dereference(rcuapi.Section{}).port // want `RCU1001: Dereference with the zero Section, which no ReadLock made`
}

// derefMaybeEnded dereferences under a section that one branch has ended.
func derefMaybeEnded(early bool) int {
	s := rcuapi.ReadLock()
	if early {
		rcuapi.ReadUnlock(s)
	}
	p := cfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which may have ended on some paths \(at rcu1001.go:\d+\)`
	if !early {
		rcuapi.ReadUnlock(s)
	}
	return p
}

// derefAfterUnlockInLoop ends the section in the loop body; the next iteration dereferences under it.
func derefAfterUnlockInLoop(n int) (total int) {
	s := rcuapi.ReadLock()
	for range n {
		total += cfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which may have ended on some paths \(at rcu1001.go:\d+\)`
		rcuapi.ReadUnlock(s)
	}
	return total
}

// helperAfterUnlock calls a dereferencing helper of this package after the section ended.
func helperAfterUnlock() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return port(s) // want `RCU1001: call to port, which dereferences under its Section argument, under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
}

// crossPackageHelperAfterUnlock calls a dereferencing helper of another package after the section ended.
func crossPackageHelperAfterUnlock() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return helpers.Port(s) // want `RCU1001: call to Port, which dereferences under its Section argument, under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
}

// crossPackageChainAfterUnlock calls a helper that passes the ended Section on to a dereferencing one.
func crossPackageChainAfterUnlock() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return helpers.PortVia(s) // want `RCU1001: call to PortVia, which dereferences under its Section argument, under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
}

// helperWithZeroSection calls a dereferencing helper with the zero Section.
func helperWithZeroSection() int {
	return helpers.Port(rcuapi.Section{}) // want `RCU1001: call to Port, which dereferences under its Section argument, with the zero Section`
}

// rangeAfterUnlock ranges over a List with a section that has ended.
func rangeAfterUnlock() (n int) {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	for e := range routes.All(s) { // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
		n += len(e.Value.prefix)
	}
	return n
}

// modulesAfterUnlock ranges over the loaded modules with a section that has ended.
func modulesAfterUnlock(name string) bool {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	found := false
	for m := range rcuapi.Modules(s) { // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
		found = found || m.Name == name
	}
	return found
}

// derefInGoroutine dereferences in a goroutine under its parent's section, which may end first.
func derefInGoroutine(out chan<- int) {
	s := rcuapi.ReadLock()
	go func() {
		out <- cfg.Dereference(s).port // want `RCU1001: Dereference in a goroutine under the section begun by ReadLock at rcu1001.go:\d+, which may end before the goroutine runs`
	}()
	rcuapi.ReadUnlock(s)
}

// srcuDerefAfterUnlock dereferences after the SRCU section ended.
func srcuDerefAfterUnlock() int {
	s := dom.ReadLock()
	dom.ReadUnlock(s)
	return srcuCfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
}

// wrapperDerefAfterUnlock reads through a wrapper's getter after the wrapper's ReadUnlock ended the section.
func wrapperDerefAfterUnlock() int {
	s := wdom.ReadLock()
	wdom.ReadUnlock(s)
	return wdom.Config(s).Port // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
}

// wrapperClassicAfterExit reads after a classic section begun and ended by wrapper functions.
func wrapperClassicAfterExit() int {
	s := wrapper.Enter()
	wrapper.Exit(s)
	return cfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by Enter at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
}

// derefAfterHelperEnds dereferences after a helper of another package ended the section.
func derefAfterHelperEnds() int {
	s := rcuapi.ReadLock()
	helpers.End(s)
	return cfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
}

// derefAfterClosureEnds dereferences after a closure called in place ended the section.
func derefAfterClosureEnds() int {
	s := rcuapi.ReadLock()
	func() { rcuapi.ReadUnlock(s) }()
	return cfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
}

// reader keeps a Section in a struct field.
type reader struct{ s rcuapi.Section }

// port dereferences under the Section its receiver holds.
func (r reader) port() int { return cfg.Dereference(r.s).port }

// derefThroughFieldAfterUnlock dereferences under a Section kept in a struct field after it ended.
func derefThroughFieldAfterUnlock() int {
	r := reader{s: rcuapi.ReadLock()}
	rcuapi.ReadUnlock(r.s)
	return cfg.Dereference(r.s).port // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
}

// methodAfterUnlock calls a method that dereferences under its receiver's Section after the section ended.
func methodAfterUnlock() int {
	r := reader{s: rcuapi.ReadLock()}
	rcuapi.ReadUnlock(r.s)
	return r.port() // want `RCU1001: call to port, which dereferences under its Section argument, under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
}

// closureCalledAfterUnlock calls a closure that dereferences under the section after the section ended.
func closureCalledAfterUnlock() int {
	s := rcuapi.ReadLock()
	read := func() int { return cfg.Dereference(s).port } // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
	rcuapi.ReadUnlock(s)
	return read()
}

// deferredDerefAfterUnlock defers a dereferencing closure, which runs after the explicit ReadUnlock.
func deferredDerefAfterUnlock(out *int) {
	s := rcuapi.ReadLock()
	defer func() {
		*out = cfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at rcu1001.go:\d+, which ended at rcu1001.go:\d+`
	}()
	rcuapi.ReadUnlock(s)
}

// paramDerefAfterUnlock ends the Section it was given, then dereferences under it.
func paramDerefAfterUnlock(s rcuapi.Section) int {
	rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port // want `RCU1001: Dereference under the Section it was given, which ended at rcu1001.go:\d+`
}

// goHelperUnderParentSection starts a goroutine running a dereferencing helper under the parent's section.
func goHelperUnderParentSection() {
	s := rcuapi.ReadLock()
	go helpers.Port(s) // want `RCU1001: call to Port, which dereferences under its Section argument, in a goroutine under the section begun by ReadLock at rcu1001.go:\d+, which may end before the goroutine runs`
	rcuapi.ReadUnlock(s)
}

// derefInCallback dereferences in an RCU callback, which runs after a grace period, under the queuer's section.
func derefInCallback(out *int) {
	s := rcuapi.ReadLock()
	rcuapi.Call(func() {
		*out = cfg.Dereference(s).port // want `RCU1001: Dereference .*under the section begun by ReadLock at rcu1001.go:\d+`
	})
	rcuapi.ReadUnlock(s)
}

// derefZeroField dereferences under a Section field that was never set.
func derefZeroField() int {
	var r reader
	return cfg.Dereference(r.s).port // want `RCU1001: Dereference with the zero Section`
}
