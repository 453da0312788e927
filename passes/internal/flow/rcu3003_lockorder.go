package flow

import (
	"fmt"
	"go/token"
	"go/types"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
)

// Lock order with grace periods (RCU3003). A grace period waits for every
// reader of its domain, and Barrier for every callback of it: waiting while
// holding a lock that such a reader takes inside its section, or such a
// callback takes, deadlocks once that reader or callback waits for the
// lock. The engine notes the locks readers take inside sections, the
// waits made with locks held, and (in checkLockOrder) the locks callbacks
// take; checkLockOrder matches them once the whole package has been seen.

type heldWait struct {
	pos       token.Pos
	domain    ident.Class
	name      string // for messages
	barrier   bool
	locks     []ident.Class // held
	lockNames []string
}

// lockIn is a lock taken inside a section of a domain, or by a callback
// of it.
type lockIn struct {
	domain, lock ident.Class
}

// noteLocking records, at instr, a lock taken inside live sections and a
// wait made with locks held.
func (w *walker) noteLocking(instr ssa.Instruction, state []tstate) {
	g := w.g
	c, ok := instr.(*ssa.Call)
	if !ok {
		return
	}
	if op, ok := g.locks[c]; ok && op.acquire && op.class.Known() {
		for i := range g.toks {
			if t := g.display(i); t.kind == tokAcquired && state[i].st == live && t.domain.class.Known() {
				g.e.readerLocks[lockIn{t.domain.class, op.class}] = c.Pos()
			}
		}
		return
	}
	callee, api, _ := g.callee(c.Common())
	var role apisem.Role
	barrier := false
	if r, ok := api.Has(apisem.Sync); ok {
		role = r
	} else if r, ok := api.Has(apisem.Barrier); ok {
		role, barrier = r, true
	} else {
		return
	}
	d := g.domainOf(c.Common(), role.Domain)
	if !d.class.Known() {
		return
	}
	hw := heldWait{pos: c.Pos(), domain: d.class, name: callee.Name(), barrier: barrier}
	for i, t := range g.toks {
		if t.kind == tokLock && state[i].st == live && t.lockClass.Known() {
			hw.locks = append(hw.locks, t.lockClass)
			hw.lockNames = append(hw.lockNames, t.lock)
		}
	}
	if len(hw.locks) > 0 {
		g.e.heldWaits = append(g.e.heldWaits, hw)
	}
}

// checkLockOrder reports the waits made while holding a lock that a reader
// of the same domain takes inside its section, or (for Barrier) that a
// callback of that domain takes.
func (e *engine) checkLockOrder(funcs []*ssa.Function) {
	// The locks callbacks take, by domain.
	callbackLocks := make(map[lockIn]token.Pos)
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if c, ok := instr.(*ssa.Call); ok {
				e.eachPost(c.Common(), func(cb ssa.Value, class ident.Class) {
					if !class.Known() || class.IsParam() {
						return
					}
					e.callbackLocking(exitFn(cb), 0, func(lock ident.Class, pos token.Pos) {
						if _, ok := callbackLocks[lockIn{class, lock}]; !ok {
							callbackLocks[lockIn{class, lock}] = pos
						}
					})
				})
			}
		}
	}
	for _, hw := range e.heldWaits {
		for k, l := range hw.locks {
			if p, ok := conflicting(e.readerLocks, hw.domain, l); ok {
				e.reportWaitHoldingLock(hw, hw.lockNames[k]+" is taken by a reader inside its section", p)
				break
			}
			if p, ok := conflicting(callbackLocks, hw.domain, l); ok && hw.barrier {
				e.reportWaitHoldingLock(hw, hw.lockNames[k]+" is taken by a callback", p)
				break
			}
		}
	}
}

// conflicting looks up, in taken, a taking of lock held inside domain that
// would wait for the holder: the same lock, unless both hold it for
// reading.
func conflicting(taken map[lockIn]token.Pos, domain, held ident.Class) (token.Pos, bool) {
	base := held.Base()
	if p, ok := taken[lockIn{domain, base}]; ok {
		return p, true // taken for writing: waits for any holder
	}
	if p, ok := taken[lockIn{domain, base.Reading()}]; ok && !held.Read {
		return p, true // taken for reading: waits for a writer
	}
	return token.NoPos, false
}

// callbackLocking returns the locks that fn, run as a callback, takes
// (directly, or in functions of this package it calls), by class.
func (e *engine) callbackLocking(fn *ssa.Function, depth int, into func(class ident.Class, pos token.Pos)) {
	if fn == nil || depth > 3 {
		return
	}
	for instr := range instructions(fn) {
		c, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		callee := c.Common().StaticCallee()
		if callee == nil {
			continue
		}
		if op := lockClassOf(c, callee); op.Known() {
			into(op, c.Pos())
			continue
		}
		if callee.Pkg != nil && callee.Pkg.Pkg == e.pass.Pkg {
			e.callbackLocking(callee, depth+1, into)
		}
	}
}

// lockClassOf returns the class of the lock a Lock or RLock call takes, or
// the unknown class.
func lockClassOf(c *ssa.Call, callee *ssa.Function) ident.Class {
	if callee.Signature.Recv() == nil || len(c.Call.Args) == 0 {
		return ident.Class{}
	}
	ptr, ok := callee.Signature.Recv().Type().(*types.Pointer)
	if !ok {
		return ident.Class{}
	}
	named, ok := ptr.Elem().(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "sync" {
		return ident.Class{}
	}
	class := valueClass(c.Call.Args[0])
	switch named.Obj().Name() + "." + callee.Name() {
	case "Mutex.Lock", "RWMutex.Lock":
		return class
	case "RWMutex.RLock":
		if class.Known() {
			return class.Reading()
		}
	}
	return ident.Class{}
}

// reportWaitHoldingLock records wait hw, made holding a lock that, as why
// says, a reader or callback takes at taken.
func (e *engine) reportWaitHoldingLock(hw heldWait, why string, taken token.Pos) {
	e.report(waitHoldingLock, hw.pos, fmt.Sprintf("%s waits for %s while holding a lock, but %s (at %s): each waits for the other; release the lock before waiting", hw.name, hw.domain.ShortDomainName(), why, e.at(taken)), rel(taken, "the lock is taken here"))
}
