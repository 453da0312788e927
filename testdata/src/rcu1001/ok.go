package rcu1001

import (
	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okNestedSections reads under an inner section, then under the outer one after the inner ended.
func okNestedSections() int {
	outer := rcuapi.ReadLock()
	inner := rcuapi.ReadLock()
	a := cfg.Dereference(inner).port
	rcuapi.ReadUnlock(inner)
	b := cfg.Dereference(outer).port
	rcuapi.ReadUnlock(outer)
	return a + b
}

// okHelperInsideSection calls helpers that take the Section while it is live.
func okHelperInsideSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return port(s) + helpers.Port(s)
}

// okSectionDownCallChain passes the live Section down a chain of calls.
func okSectionDownCallChain() int {
	s := rcuapi.ReadLock()
	n := level1(s) + helpers.PortVia(s)
	rcuapi.ReadUnlock(s)
	return n
}

func level1(s rcuapi.Section) int { return level2(s) + 1 }

func level2(s rcuapi.Section) int { return port(s) }

// okDeferWithEarlyReturns reads on every early-return path while a deferred ReadUnlock ends the section.
func okDeferWithEarlyReturns(floor int) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := cfg.Dereference(s)
	if c == nil {
		return -1
	}
	if c.port < floor {
		return floor
	}
	return c.port
}

// okSRCUSection reads under an SRCU section.
func okSRCUSection() int {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return srcuCfg.Dereference(s).port
}

// okRangeInsideSection ranges over a List entirely inside the section.
func okRangeInsideSection() (n int) {
	s := rcuapi.ReadLock()
	for e := range routes.All(s) {
		n += e.Value.hops
	}
	rcuapi.ReadUnlock(s)
	return n
}

// okWrapperSection reads through a wrapper's section and getter.
func okWrapperSection() int {
	s := wdom.ReadLock()
	defer wdom.ReadUnlock(s)
	return wdom.Config(s).Port
}

// okSectionPerIteration begins and ends a section in each iteration.
func okSectionPerIteration(n int) (total int) {
	for range n {
		s := rcuapi.ReadLock()
		total += cfg.Dereference(s).port
		rcuapi.ReadUnlock(s)
	}
	return total
}

// okNewSectionAfterUnlock begins a new section to read again after ending the first one.
func okNewSectionAfterUnlock() int {
	s := rcuapi.ReadLock()
	a := cfg.Dereference(s).port
	rcuapi.ReadUnlock(s)
	s = rcuapi.ReadLock()
	b := cfg.Dereference(s).port
	rcuapi.ReadUnlock(s)
	return a + b
}

// okDeferredClosureUnlock ends the section in a deferred closure.
func okDeferredClosureUnlock() int {
	s := rcuapi.ReadLock()
	defer func() { rcuapi.ReadUnlock(s) }()
	return cfg.Dereference(s).port
}

// okGoroutineOwnSection begins a section of its own inside the goroutine.
func okGoroutineOwnSection(out chan<- int) {
	go func() {
		s := rcuapi.ReadLock()
		p := cfg.Dereference(s).port
		rcuapi.ReadUnlock(s)
		out <- p
	}()
}

// okHelperEndsAfterRead reads, then lets a helper end the section.
func okHelperEndsAfterRead() int {
	s := helpers.Begin()
	p := cfg.Dereference(s).port
	helpers.End(s)
	return p
}

// okReaderStruct calls a method that reads under the Section its receiver holds while the section is live.
func okReaderStruct() int {
	r := reader{s: rcuapi.ReadLock()}
	defer rcuapi.ReadUnlock(r.s)
	return r.port()
}

// okModulesInsideSection ranges over the loaded modules inside the section.
func okModulesInsideSection(name string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for m := range rcuapi.Modules(s) {
		if m.Name == name {
			return true
		}
	}
	return false
}

// okRelockPeriodically ends and re-begins its section every 100 reads; each read is under the newest one.
func okRelockPeriodically(n int) (total int) {
	s := rcuapi.ReadLock()
	for i := range n {
		if i%100 == 99 {
			rcuapi.ReadUnlock(s)
			s = rcuapi.ReadLock()
		}
		total += cfg.Dereference(s).port
	}
	rcuapi.ReadUnlock(s)
	return total
}
