package flow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// The update side: writes through pointers that readers can see
// (RCU2002), Protected and Replace without the lock they name (RCU2005),
// and objects written after they were published (RCU2001).

// checkUpdate records the update-side events at instr.
func (w *walker) checkUpdate(instr ssa.Instruction, state []tstate) {
	g := w.g
	switch v := instr.(type) {
	case *ssa.Store:
		if !g.guarded(v.Addr, state) {
			w.writeThrough(v.Addr, state, posOf(v))
			w.initAfterPublish(v.Addr, v, posOf(v))
		}
	case *ssa.MapUpdate:
		if !g.guarded(v.Map, state) {
			w.writeThrough(v.Map, state, posOf(v))
			w.initAfterPublish(v.Map, v, posOf(v))
		}
	case *ssa.Call:
		c := v.Common()
		callee, api, _ := g.callee(c)
		if role, ok := api.Has(apisem.Protected); ok && role.Arg < len(c.Args) {
			w.checkHeld(c.Args[role.Arg], callee.Name(), v.Pos(), state)
		}
		w.notePointerUse(v, state)
	}
}

// writeThrough records a write into memory reached through a pointer that
// a Dereference returned: readers may be looking at it.
func (w *walker) writeThrough(addr ssa.Value, state []tstate, pos token.Pos) {
	g := w.g
	if g.memRoot(addr) != nil {
		return // local memory (a variable, a slice or map made here) that may hold such pointers
	}
	w.sectionTokens(g.derOf(addr)).each(func(i int) {
		if g.display(i).kind == tokAcquired || g.display(i).kind == tokInput {
			w.emit(Event{Pos: pos}, i, WriteThroughDeref)
		}
	})
}

// checkHeld records a Protected-style call whose lock (held) is known to
// this function, which locks it elsewhere, but is not held here.
func (w *walker) checkHeld(held ssa.Value, by string, pos token.Pos, state []tstate) {
	g := w.g
	key, read := lockKey(held)
	if key == "" {
		return
	}
	if g.tryLocked[key] {
		return // a TryLock decides at run time: precision first
	}
	write, okW := g.lockOf[key]
	rd, okR := g.lockOf[key+"(r)"]
	if !okW && !okR {
		// A struct that embeds its mutex, named as the lock itself.
		for _, emb := range []string{".Mutex", ".RWMutex"} {
			if t, ok := g.lockOf[key+emb]; ok {
				write, okW = t, true
			}
		}
	}
	heldW := okW && state[write].st != ended
	heldR := okR && state[rd].st != ended
	switch {
	case !read && !okW, read && !okW && !okR:
		return // never taken here: the caller may hold it
	case heldW || heldR:
		return // held (or held on some path), for writing or for reading
	}
	var name string
	if okW {
		name = g.toks[write].lock
	} else {
		name = g.toks[rd].lock
	}
	w.emit(Event{Pos: pos, Callee: by, How: name}, -1, ProtectedUnheld)
}

// lockKey returns the key of the lock a sync.Locker argument names, and
// whether it names the read side of an RWMutex (rw.RLocker()).
func lockKey(v ssa.Value) (string, bool) {
	for i := 0; i < 4; i++ {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.ChangeInterface:
			v = x.X
			continue
		case *ssa.Call:
			if fn := x.Common().StaticCallee(); fn != nil && fn.Name() == "RLocker" && len(x.Common().Args) == 1 {
				if k, _ := valueKey(x.Common().Args[0]); k != "" {
					return k, true
				}
			}
			return "", false
		}
		break
	}
	k, _ := valueKey(v)
	return k, false
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

// initAfterPublish records a write (instr) into an object after a call that
// published it (Assign, Replace, PushBack, ...), on some path.
func (w *walker) initAfterPublish(addr ssa.Value, instr ssa.Instruction, pos token.Pos) {
	root := rootOf(addr)
	if root == addr { // a write to the variable itself, not into an object
		return
	}
	for _, pub := range w.g.publishes(root) {
		if reachesWithout(pub, instr, root) {
			w.emit(Event{Pos: pos, Related: pub.Pos(), Callee: calleeName(pub), Fix: w.g.e.publishFix(pub, pos)}, -1, InitAfterPublish)
			return
		}
	}
}

func calleeName(c *ssa.Call) string {
	if fn := c.Common().StaticCallee(); fn != nil {
		return fn.Name()
	}
	return "the publishing call"
}

// publishes returns the calls of the group that publish v: pass it to an
// assign function, or (for the element a list push returns) make it.
// CompareAndSwap is left out: its retry loop rewrites an object that a
// failed attempt did not publish.
func (g *group) publishes(v ssa.Value) []*ssa.Call {
	if _, ok := v.Type().Underlying().(*types.Pointer); !ok {
		return nil
	}
	var out []*ssa.Call
	if c, ok := v.(*ssa.Call); ok {
		if fn, api, _ := g.callee(c.Common()); fn != nil {
			if _, ok := api.Has(apisem.Assign); ok && types.Identical(c.Type(), fn.Signature.Results().At(0).Type()) && fn.Signature.Results().Len() == 1 && isElement(c.Type()) {
				out = append(out, c) // e := l.PushBack(v): e is visible at once
			}
		}
	}
	for _, f := range g.fns {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				c, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				fn, api, _ := g.callee(c.Common())
				if role, ok := api.Has(apisem.Assign); ok && role.Arg < len(c.Common().Args) && c.Common().Args[role.Arg] == v && fn != nil && fn.Name() != "CompareAndSwap" {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// isElement reports whether t points to a type that carries list links:
// a struct with a Value field (rcuapi.Element and its kind).
func isElement(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if f.Name() == "Value" {
			return true
		}
	}
	return false
}

// reachesWithout reports whether instruction to can run after from in the
// same call, without v being made anew on the way (a loop that builds a new
// object each time round).
func reachesWithout(from *ssa.Call, to ssa.Instruction, v ssa.Value) bool {
	if from.Parent() != to.Parent() {
		return false
	}
	fb, tb := from.Block(), to.Block()
	if fb == tb && index(fb, from) < index(tb, to) {
		return true
	}
	var def *ssa.BasicBlock
	if d, ok := v.(ssa.Instruction); ok {
		def = d.Block()
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), fb.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if b == tb {
			if def != tb || index(tb, v.(ssa.Instruction)) > index(tb, to) {
				return true
			}
			continue
		}
		if b == def {
			continue // v is made anew here
		}
		stack = append(stack, b.Succs...)
	}
	return false
}

func index(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}
