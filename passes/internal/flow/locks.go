package flow

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Locks: the engine also knows, at every program point, which
// sync.Mutex and sync.RWMutex locks the function holds. A lock is a token
// like a section, keyed by what it locks (a package variable, a field of a
// parameter, ...): Lock and RLock make it live, Unlock and RUnlock end it,
// and a deferred Unlock leaves it held to the end. A goroutine or callback
// starts holding none of its creator's locks. The update-side checks read
// this state; held reports it.

type lockOp struct {
	tok     int
	acquire bool
}

// addLockOp records c if it locks or unlocks a sync.Mutex or RWMutex whose
// receiver has a key.
func (g *group) addLockOp(c *ssa.Call, callee *ssa.Function) {
	if callee == nil || callee.Signature.Recv() == nil || len(c.Call.Args) == 0 {
		return
	}
	ptr, ok := callee.Signature.Recv().Type().(*types.Pointer)
	if !ok {
		return
	}
	named, ok := ptr.Elem().(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "sync" {
		return
	}
	var read, acquire bool
	switch named.Obj().Name() + "." + callee.Name() {
	case "Mutex.Lock", "RWMutex.Lock":
		acquire = true
	case "Mutex.Unlock", "RWMutex.Unlock":
	case "RWMutex.RLock":
		read, acquire = true, true
	case "RWMutex.RUnlock":
		read = true
	default:
		return
	}
	key, name := valueKey(c.Call.Args[0])
	if key == "" {
		return
	}
	if read {
		key, name = key+"(r)", name+" (read)"
	}
	t, ok := g.lockOf[key]
	if !ok {
		if len(g.toks) >= 63 {
			return // the budget is for sections first
		}
		g.toks = append(g.toks, &tok{kind: tokLock, lock: name, fn: c.Parent()})
		t = len(g.toks) - 1
		g.lockOf[key] = t
	}
	g.locks[c] = lockOp{tok: t, acquire: acquire}
}

// held returns the locks held on every path to a point with state.
func (g *group) held(state []tstate) []string {
	var out []string
	for i, t := range g.toks {
		if t.kind == tokLock && state[i].st == live {
			out = append(out, t.lock)
		}
	}
	slices.Sort(out)
	return out
}

// testHookHeld, if set, is called at every call with the locks held there.
var testHookHeld func(c *ssa.CallCommon, held []string)
