package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// checkHeld records a Protected-style call whose lock (held) is known to
// this function, which locks it elsewhere, but is not held here.
func (w *walker) checkHeld(at ssa.Instruction, held ssa.Value, by string, pos token.Pos, state []tstate) {
	g := w.g
	if c, ok := held.(*ssa.Const); ok && c.IsNil() {
		w.report(protectedUnheld, -1, pos, func(section) string {
			return fmt.Sprintf("%s is given a nil lock, and panics: name the update lock held here, or rcuapi.SingleUpdater if one goroutine makes every update", by)
		})
		return
	}
	r, read := lockRef(held)
	if !r.known() {
		return
	}
	write, okW := g.lockOf[lockKey{r, false}]
	rd, okR := g.lockOf[lockKey{r, true}]
	if !okW && !okR {
		// A struct that embeds its mutex, named as the lock itself.
		for _, emb := range []string{"Mutex", "RWMutex"} {
			if t, ok := g.lockOf[lockKey{r.field(emb), false}]; ok {
				write, okW = t, true
			}
		}
	}
	heldW := okW && state[write].st != ended
	heldR := okR && state[rd].st != ended
	if g.tryLocked[r] {
		// A TryLock decides at run time: held where it succeeded, and
		// not where this function went on after it failed (unless it
		// then took the lock with Lock).
		if heldW || heldR {
			return
		}
		if t := failedTry(at, r); t != nil {
			w.report(protectedUnheld, -1, pos, func(section) string {
				return fmt.Sprintf("%s names %s, which is not held here when TryLock failed to take it (at %s): take it with Lock, or return when TryLock fails", by, r.name(), g.e.at(t.Pos()))
			})
		}
		return
	}
	switch {
	case !read && !okW, read && !okW && !okR:
		// Never taken here: the caller may hold it, unless the callers
		// are in other packages, which cannot take an unexported lock.
		if calledFromOutside(w.f) && unexportedLock(r) && len(g.toks) < 63 { // past the budget, locks get no token
			w.report(protectedUnheld, -1, pos, func(section) string {
				return fmt.Sprintf("%s names %s, which is not held here, and callers in other packages cannot take it (it is unexported): take the lock around the call, or read under a section with Dereference", by, r.name())
			})
		}
		return
	case okW && state[write].st == live, okR && state[rd].st == live:
		return // held, for writing or for reading
	case heldW || heldR:
		// Held on some paths, released on others: an unlock on an early
		// path that forgot to return (if stale { mu.Unlock(); log... }).
		var i int
		if heldW {
			i = write
		} else {
			i = rd
		}
		st := state[i]
		if st.st != maybe || !st.endedAt.IsValid() || st.deferred || w.exitsAfter(st.endedAt) {
			return
		}
		w.report(protectedUnheld, -1, pos, func(section) string {
			return fmt.Sprintf("%s names %s, which is released on some paths that reach here (at %s): return after that unlock, or hold the lock on every path to the call", by, g.toks[i].lock, g.e.at(st.endedAt))
		})
		return
	}
	var name string
	if okW {
		name = g.toks[write].lock
	} else {
		name = g.toks[rd].lock
	}
	w.report(protectedUnheld, -1, pos, func(section) string {
		return fmt.Sprintf("%s names %s, which is not held here (this function takes it elsewhere): hold the lock across the call, as the update side must", by, name)
	})
}

// calledFromOutside reports whether other packages may call fn: an
// exported function, or an exported method of an exported type, of a
// package other than main, not named ...Locked (by convention, its callers
// hold the lock).
func calledFromOutside(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Parent() != nil || !obj.Exported() || strings.HasSuffix(obj.Name(), "Locked") || obj.Pkg() == nil || obj.Pkg().Name() == "main" {
		return false
	}
	if recv := obj.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		return ok && n.Obj().Exported()
	}
	return true
}

// unexportedLock reports whether the lock r names is reached through an
// unexported field or package variable (not the parameter itself).
func unexportedLock(r ref) bool {
	if i := strings.LastIndex(r.path, "."); i >= 0 {
		return !token.IsExported(r.path[i+1:])
	}
	return r.root.kind == refGlobal && !token.IsExported(r.root.name)
}

// failedTry returns a TryLock of lock r that dominates at and whose
// success does not: at is reached also when it fails.
func failedTry(at ssa.Instruction, r ref) *ssa.Call {
	if succeededTry(at, r) {
		return nil
	}
	for instr := range instructions(at.Parent()) {
		c, ok := instr.(*ssa.Call)
		if ok && isTryLockOf(c, r) && dominates(c, at) {
			return c
		}
	}
	return nil
}

// succeededTry reports whether at runs only where a TryLock of lock r
// succeeded: on the true branch of an if on its result.
func succeededTry(at ssa.Instruction, r ref) bool {
	b := at.Block()
	for d := b.Idom(); d != nil; d = d.Idom() {
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok || len(d.Succs) != 2 {
			continue
		}
		if c, ok := ifi.Cond.(*ssa.Call); ok && isTryLockOf(c, r) && onBranch(d, 0, b) {
			return true
		}
	}
	return false
}

func isTryLockOf(c *ssa.Call, r ref) bool {
	switch methodName(c.Common()) {
	case "sync.Mutex.TryLock", "sync.RWMutex.TryLock":
		return len(c.Common().Args) > 0 && refOf(c.Common().Args[0]) == r
	}
	return false
}

// onBranch reports whether block b runs only after If block d took its
// successor i (the edge to it dominates b).
func onBranch(d *ssa.BasicBlock, i int, b *ssa.BasicBlock) bool {
	s := d.Succs[i]
	return len(s.Preds) == 1 && s.Dominates(b)
}

// exitsAfter reports whether the unlock at pos is followed, in its block,
// by a call that does not return (os.Exit, log.Fatal, panic...): the path
// that released the lock ends there, whatever SSA's edges say.
func (w *walker) exitsAfter(pos token.Pos) bool {
	for instr := range instructions(w.f) {
		c, ok := instr.(*ssa.Call)
		if !ok || c.Pos() != pos {
			continue
		}
		b := c.Block()
		for _, later := range b.Instrs[slices.Index(b.Instrs, instr)+1:] {
			switch later := later.(type) {
			case *ssa.Panic:
				return true
			case *ssa.Call:
				if noReturn(later.Common().StaticCallee()) {
					return true
				}
			}
		}
	}
	return false
}

// noReturn reports whether fn never returns to its caller: os.Exit,
// runtime.Goexit, the Fatal and Panic functions and methods of loggers
// (log's, and by the same convention others'), and testing's FailNow and
// Skip methods.
func noReturn(fn *ssa.Function) bool {
	if fn == nil || fn.Pkg == nil {
		return false
	}
	pkg := fn.Pkg.Pkg.Path()
	switch pkg + "." + fn.Name() {
	case "os.Exit", "runtime.Goexit":
		return true
	}
	switch fn.Name() {
	case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
		return pkg == "log" || fn.Signature.Recv() != nil
	case "FailNow", "Skip", "Skipf", "SkipNow":
		return pkg == "testing" && fn.Signature.Recv() != nil
	}
	return false
}
