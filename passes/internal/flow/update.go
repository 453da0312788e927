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
			w.noteWrite(v.Addr)
		}
	case *ssa.MapUpdate:
		if !g.guarded(v.Map, state) {
			w.writeThrough(v.Map, state, posOf(v))
			w.initAfterPublish(v.Map, v, posOf(v))
			w.noteWrite(v.Map)
		}
	case *ssa.Call:
		c := v.Common()
		callee, api, sum := g.callee(c)
		if role, ok := api.Has(apisem.Protected); ok && role.Arg < len(c.Args) {
			w.checkHeld(c.Args[role.Arg], callee.Name(), v.Pos(), state)
		}
		w.notePointerUse(v, state)
		if b, ok := c.Value.(*ssa.Builtin); ok && b.Name() == "delete" && len(c.Args) == 2 && !g.guarded(c.Args[0], state) {
			// delete(m, k) writes into the map like m[k] = v.
			w.writeThrough(c.Args[0], state, v.Pos())
			w.initAfterPublish(c.Args[0], v, v.Pos())
			w.noteWrite(c.Args[0])
		}
		if sum != nil && api == nil {
			// A function that writes into what a parameter points to, at
			// the call: the object is written here.
			for _, i := range sum.WritesThrough {
				if i < len(c.Args) && !g.guarded(c.Args[i], state) {
					w.writeThrough(c.Args[i], state, v.Pos())
					w.initAfterPublishObj(c.Args[i], v, v.Pos())
					w.noteWrite(c.Args[i])
				}
			}
		}
	}
}

// noteWrite records, for the summary, a write into memory that a
// parameter of the function points to.
func (w *walker) noteWrite(addr ssa.Value) {
	if !w.root {
		return
	}
	root := rootOf(addr)
	if i := paramIndexOf(w.f, root); i >= 0 && (root != addr || isObjectArg(addr)) {
		w.sum.WritesThrough = append(w.sum.WritesThrough, i)
	}
}

// isObjectArg reports whether v, a parameter handed on to a function that
// writes through it, points to an object (not a map or slice header).
func isObjectArg(v ssa.Value) bool {
	_, ok := v.Type().Underlying().(*types.Pointer)
	return ok
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
	if !w.initAfterPublishObj(root, instr, pos) {
		w.initAfterPublishField(addr, instr, pos)
	}
}

// initAfterPublishField records a write into an object that the function
// published as a field of another (Assign(b.cfg); b.cfg.timeout = t): the
// field is read again for the write. The field must not be stored to
// after the publication.
func (w *walker) initAfterPublishField(addr ssa.Value, instr ssa.Instruction, pos token.Pos) {
	g := w.g
	v := addr
	for i := 0; i < 16; i++ {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
			continue
		case *ssa.IndexAddr:
			v = x.X
			continue
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return
			}
			if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Parent() == instr.Parent() {
				if key, _ := valueKey(x); key != "" {
					root := rootOf(fa)
					for _, pub := range g.publishesKey(key, instr.Parent()) {
						if reachesWithout(pub, instr, root) && !g.storedAfter(pub, key[1:], root) {
							w.emit(Event{Pos: pos, Related: pub.Pos(), Callee: calleeName(pub)}, -1, InitAfterPublish)
							return
						}
					}
				}
			}
			v = x.X
			continue
		}
		return
	}
}

// publishesKey returns the calls of fn that publish a value loaded from
// the memory named key (see valueKey).
func (g *group) publishesKey(key string, fn *ssa.Function) []*ssa.Call {
	var out []*ssa.Call
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			callee, api, _ := g.callee(c.Common())
			role, ok := api.Has(apisem.Assign)
			if !ok || role.Arg >= len(c.Common().Args) || callee == nil || callee.Name() == "CompareAndSwap" {
				continue
			}
			if k, _ := valueKey(c.Common().Args[role.Arg]); k == key {
				out = append(out, c)
			}
		}
	}
	return out
}

// storedAfter reports whether the memory named key is stored to anywhere
// that can run after pub.
func (g *group) storedAfter(pub *ssa.Call, key string, root ssa.Value) bool {
	for _, b := range pub.Parent().Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if k, _ := valueKey(st.Addr); k == key && reachesWithout(pub, st, root) {
					return true
				}
			}
		}
	}
	return false
}

// initAfterPublishObj records a write (instr) into the object that pointer
// root points to, after a call that published it, on some path. A write
// made in a closure counts where the closure runs (called, deferred, or
// started as a goroutine) in its parent.
func (w *walker) initAfterPublishObj(root ssa.Value, instr ssa.Instruction, pos token.Pos) bool {
	root = w.g.resolve(rootOf(root))
	for _, pub := range w.g.publishes(root) {
		at := instr
		for i := 0; i < 8 && at.Parent() != pub.Parent(); i++ {
			ctx := w.g.ctx[at.Parent()]
			if ctx == nil {
				break
			}
			at = ctx.at
		}
		if reachesWithout(pub, at, root) {
			w.emit(Event{Pos: pos, Related: pub.Pos(), Callee: calleeName(pub), Fix: w.g.e.publishFix(pub, pos)}, -1, InitAfterPublish)
			return true
		}
	}
	return false
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
				if role, ok := api.Has(apisem.Assign); ok && role.Arg < len(c.Common().Args) && g.sameObject(c.Common().Args[role.Arg], v) && fn != nil && fn.Name() != "CompareAndSwap" {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// sameObject reports whether published value a is the object v: v
// itself, or, for a variable that closures capture (a cell), the one
// object ever stored in cell v, loaded from it.
func (g *group) sameObject(a, v ssa.Value) bool {
	if g.resolve(a) == v {
		return true
	}
	ld, ok := a.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	cell, ok := g.resolve(ld.X).(*ssa.Alloc)
	return ok && cell == v && len(g.stores[cell]) == 1
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
