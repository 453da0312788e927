package rcu1003

import (
	"errors"

	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okDeferWithEarlyReturns ends the section in a deferred ReadUnlock on every path, early returns included.
func okDeferWithEarlyReturns(name string) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t := tbl.Dereference(s)
	if t == nil {
		return "", false
	}
	addr, ok := t.addrs[name]
	return addr, ok
}

// okUnlockOnEveryPath calls ReadUnlock before each return.
func okUnlockOnEveryPath(name string) (string, bool) {
	s := rcuapi.ReadLock()
	t := tbl.Dereference(s)
	if t == nil {
		rcuapi.ReadUnlock(s)
		return "", false
	}
	addr, ok := t.addrs[name]
	rcuapi.ReadUnlock(s)
	return addr, ok
}

// okUnlockOnBothBranches ends the section on both branches of an if.
func okUnlockOnBothBranches(name string) (addr string) {
	s := rcuapi.ReadLock()
	if t := tbl.Dereference(s); t != nil {
		addr = t.addrs[name]
		rcuapi.ReadUnlock(s)
	} else {
		rcuapi.ReadUnlock(s)
	}
	return addr
}

// okDeferredClosure ends the section in a deferred closure.
func okDeferredClosure(name string) string {
	s := rcuapi.ReadLock()
	defer func() { rcuapi.ReadUnlock(s) }()
	return tbl.Dereference(s).addrs[name]
}

// okPanicWithDeferredUnlock panics while a deferred ReadUnlock is pending.
func okPanicWithDeferredUnlock(name string) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	addr, ok := tbl.Dereference(s).addrs[name]
	if !ok {
		panic(errors.New("no such name"))
	}
	return addr
}

// okPanicAfterUnlock ends the section before it panics.
func okPanicAfterUnlock(name string) string {
	s := rcuapi.ReadLock()
	addr, ok := tbl.Dereference(s).addrs[name]
	rcuapi.ReadUnlock(s)
	if !ok {
		panic(errors.New("no such name"))
	}
	return addr
}

// okNestedSections ends an inner and an outer section, each once.
func okNestedSections(a, b string) string {
	outer := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(outer)
	inner := rcuapi.ReadLock()
	x := tbl.Dereference(inner).addrs[a]
	rcuapi.ReadUnlock(inner)
	return x + tbl.Dereference(outer).addrs[b]
}

// okSRCUSection ends an SRCU section with a deferred ReadUnlock.
func okSRCUSection(name string) string {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return srcuTbl.Dereference(s).addrs[name]
}

// okWrapperSection ends a wrapper's section with the wrapper's ReadUnlock.
func okWrapperSection() int {
	s := wdom.ReadLock()
	defer wdom.ReadUnlock(s)
	return wdom.Config(s).Port
}

// okSectionPerIterationWithContinue ends each iteration's section on the continue path and the normal one.
func okSectionPerIterationWithContinue(names []string) (n int) {
	for _, name := range names {
		s := rcuapi.ReadLock()
		t := tbl.Dereference(s)
		if t == nil {
			rcuapi.ReadUnlock(s)
			continue
		}
		n += len(t.addrs[name])
		rcuapi.ReadUnlock(s)
	}
	return n
}

// begin hands a live section to its caller, who ends it.
func begin() rcuapi.Section {
	s := rcuapi.ReadLock()
	return s
}

// okSectionFromHelpers begins a section with one helper and ends it with another.
func okSectionFromHelpers(name string) string {
	s := begin()
	addr := tbl.Dereference(s).addrs[name]
	helpers.End(s)
	return addr
}

// okCrossPackageBeginEnd begins and ends a section through helpers of another package.
func okCrossPackageBeginEnd() int {
	s := helpers.Begin()
	defer helpers.End(s)
	return helpers.Port(s)
}

// cursor is a reader that keeps its section open between calls, like the kernel's seq_file start and stop.
type cursor struct{ s rcuapi.Section }

// okOpenCursor hands its section to the caller inside a new cursor.
func okOpenCursor() *cursor {
	return &cursor{s: rcuapi.ReadLock()}
}

// close ends the cursor's section.
func (c *cursor) close() { rcuapi.ReadUnlock(c.s) }

// okResumeCursor stores a new section in a cursor its caller owns.
func okResumeCursor(c *cursor) {
	c.s = rcuapi.ReadLock()
}

// okOpenCursorValue hands its section to the caller inside a struct value.
func okOpenCursorValue() cursor {
	return cursor{s: rcuapi.ReadLock()}
}

// okUnlockBeforeReturnInRangeLoop ends the section in the range-over-func body before an early return.
func okUnlockBeforeReturnInRangeLoop(name string) bool {
	s := rcuapi.ReadLock()
	for m := range rcuapi.Modules(s) {
		if m.Name == name {
			rcuapi.ReadUnlock(s)
			return true
		}
	}
	rcuapi.ReadUnlock(s)
	return false
}

// okRelockPeriodically ends and re-begins its section every 100 reads; each section ends exactly once.
func okRelockPeriodically(names []string) (n int) {
	s := rcuapi.ReadLock()
	for i, name := range names {
		if i%100 == 99 {
			rcuapi.ReadUnlock(s)
			s = rcuapi.ReadLock()
		}
		n += len(tbl.Dereference(s).addrs[name])
	}
	rcuapi.ReadUnlock(s)
	return n
}

// okNestedRangeFuncEarlyReturn ends the section in the inner of two
// range-over-func loops before it returns from the function.
func okNestedRangeFuncEarlyReturn(n int) int {
	s := rcuapi.ReadLock()
	for a := range hops.All(s) {
		for b := range hops.All(s) {
			if a.Value+b.Value == n {
				rcuapi.ReadUnlock(s)
				return n
			}
		}
	}
	rcuapi.ReadUnlock(s)
	return 0
}

var hops rcuapi.List[int]

// okOptionalSection begins and ends its section under the same condition.
func okOptionalSection(builtin *table, useBuiltin bool, key string) string {
	var s rcuapi.Section
	t := builtin
	if !useBuiltin {
		s = rcuapi.ReadLock()
		t = tbl.Dereference(s)
	}
	v := t.addrs[key]
	if !useBuiltin {
		rcuapi.ReadUnlock(s)
	}
	return v
}

// okOptionalSectionEarlyReturn ends it under the same condition, then
// returns.
func okOptionalSectionEarlyReturn(builtin *table, useBuiltin bool, key string) (string, bool) {
	var s rcuapi.Section
	t := builtin
	if useBuiltin == false {
		s = rcuapi.ReadLock()
		t = tbl.Dereference(s)
	}
	v, ok := t.addrs[key]
	if useBuiltin == false {
		rcuapi.ReadUnlock(s)
	}
	return v, ok
}
