package flow

import (
	"slices"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
)

// Locks: the engine also knows, at every program point, which
// sync.Mutex and sync.RWMutex locks the function holds. A lock is a token
// like a section, keyed by what it locks (a package variable, a field of a
// parameter, ...): Lock and RLock make it live, Unlock and RUnlock end it,
// and a deferred Unlock leaves it held to the end. A goroutine or callback
// starts holding none of its creator's locks. The update-side checks read
// this state; held reports it.

// lockKey names a lock within a function: what is locked, and whether for
// reading.
type lockKey struct {
	ref  ref
	read bool
}

type lockOp struct {
	tok     int
	acquire bool
	class   ident.Class // what is locked, across functions (see valueClass)
}

// addLockOp records c if it locks or unlocks a sync.Mutex or RWMutex whose
// receiver has a key.
func (g *group) addLockOp(c *ssa.Call, callee *ssa.Function) {
	method, ok := strings.CutPrefix(methodName(&c.Call), "sync.")
	if !ok {
		return
	}
	var read, acquire bool
	switch method {
	case "Mutex.Lock", "RWMutex.Lock":
		acquire = true
	case "Mutex.Unlock", "RWMutex.Unlock":
	case "RWMutex.RLock":
		read, acquire = true, true
	case "RWMutex.RUnlock":
		read = true
	case "Mutex.TryLock", "RWMutex.TryLock", "RWMutex.TryRLock":
		if r := refOf(c.Call.Args[0]); r.known() {
			g.tryLocked[r] = true
		}
		return
	default:
		return
	}
	r := lockedRef(c.Call.Args[0])
	if !r.known() {
		return
	}
	key, name := lockKey{r, read}, r.name()
	if read {
		name += " (read)"
	}
	t, ok := g.lockOf[key]
	if !ok {
		if len(g.toks) >= 63 {
			return // the budget is for sections first
		}
		g.toks = append(g.toks, &tok{kind: tokLock, lock: name, fn: c.Parent(), lockRoot: rootOf(c.Call.Args[0])})
		t = len(g.toks) - 1
		g.lockOf[key] = t
	}
	class := valueClass(c.Call.Args[0])
	if class.Known() && read {
		class = class.Reading()
	}
	g.toks[t].lockClass = class
	g.locks[c] = lockOp{tok: t, acquire: acquire, class: class}
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

// heldClasses returns the classes and names of the locks held (on some
// path) at a point with state.
func (g *group) heldClasses(state []tstate) (classes []ident.Class, names []string) {
	for i, t := range g.toks {
		if t.kind == tokLock && (state[i].st == live || state[i].st == maybe) && t.lockClass.Known() {
			classes = append(classes, t.lockClass)
			names = append(names, t.lock)
		}
	}
	return classes, names
}

// guarded reports whether a write at addr happens under a lock of the same
// object (st.mu.Lock(); st.count++): per-object state that readers reach
// under that lock, as the checklist allows.
func (g *group) guarded(addr ssa.Value, state []tstate) bool {
	root := rootOf(addr)
	for i, t := range g.toks {
		if t.kind == tokLock && state[i].st == live && t.lockRoot != nil && t.lockRoot == root {
			return true
		}
	}
	return false
}

// lockedRef names the mutex at addr: as refOf does, or, for a mutex in an
// object that only an SSA value names (u.mu.Lock() for u ranging over a
// slice), by that value and the fields selected from it.
func lockedRef(addr ssa.Value) ref {
	if r := refOf(addr); r.known() {
		return r
	}
	var path []string
	for i := 0; i < 8; i++ {
		fa, ok := addr.(*ssa.FieldAddr)
		if !ok {
			break
		}
		path = append(path, fieldName(fa.X.Type(), fa.Field))
		addr = fa.X
	}
	if len(path) == 0 {
		return ref{}
	}
	r := madeRef(addr)
	for i := len(path) - 1; i >= 0; i-- {
		r = r.field(path[i])
	}
	return r
}
