package flow

import (
	"fmt"
	"go/token"
	"go/types"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ssa"
)

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
				if key := refOf(x); key.known() {
					root := rootOf(fa)
					for _, pub := range g.publishesKey(key, instr.Parent()) {
						if reachesWithout(pub, instr, root) && !g.storedAfter(pub, key.unload(), root) {
							w.reportInitAfterPublish(pos, pub, nil)
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
// the memory named key.
func (g *group) publishesKey(key ref, fn *ssa.Function) []*ssa.Call {
	var out []*ssa.Call
	for instr := range instructions(fn) {
		c, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		callee, api, _ := g.callee(c.Common())
		role, ok := api.Has(apisem.Assign)
		if !ok || role.Arg >= len(c.Common().Args) || callee == nil || callee.Name() == "CompareAndSwap" {
			continue
		}
		if refOf(c.Common().Args[role.Arg]) == key {
			out = append(out, c)
		}
	}
	return out
}

// storedAfter reports whether the memory named key is stored to anywhere
// that can run after pub.
func (g *group) storedAfter(pub *ssa.Call, key ref, root ssa.Value) bool {
	for instr := range instructions(pub.Parent()) {
		if st, ok := instr.(*ssa.Store); ok {
			if refOf(st.Addr) == key && reachesWithout(pub, st, root) {
				return true
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
			w.reportInitAfterPublish(pos, pub, w.g.e.publishFix(pub, pos))
			return true
		}
	}
	return false
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
		for instr := range instructions(f) {
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

// reportInitAfterPublish records a write at pos into an object that pub
// published before it.
func (w *walker) reportInitAfterPublish(pos token.Pos, pub *ssa.Call, fix *FixHint) {
	f := w.report(initAfterPublish, -1, pos, func(section) string {
		return fmt.Sprintf("write into an object after %s published it (at %s): readers may already see it half-built; finish building the object before publishing it", calleeName(pub), w.g.e.at(pub.Pos()))
	})
	if f != nil {
		f.Related = []Related{rel(pub.Pos(), "published here")}
		f.Fix = fix
	}
}
