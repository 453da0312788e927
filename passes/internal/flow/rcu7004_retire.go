package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/blocking"
)

// RCU7004: an old value retired without a grace period. The garbage
// collector keeps an old snapshot alive for the readers that still hold
// it, but not its resources: closing it, putting it back in a sync.Pool,
// reusing its buffers, removing its files right after swapping it out of
// its slot pulls them from under readers that loaded it a moment before.
// The old value is what Swap returned, or what the function loaded from
// the slot before storing a new one there; the destroy is a method named
// Close, Stop, Release, Shutdown, Destroy, Free or Reset (unless it only
// drops a reference, or waits for its users itself), sync.Pool.Put,
// os.Remove of a path it holds, or a write into it (an append or copy into
// its buffer, a field set to reuse it). A destroy in a goroutine or timer
// function started for it is reported when that function waits only a
// fixed time first (a delay is no grace period), and left alone when it
// waits for anything else (it may wait for the readers), as is one after
// a wait for readers. With rcuapi, readers take a section
// and the updater waits with Synchronize, or destroys in a Call callback.

var destroyNames = map[string]bool{
	"Close": true, "Stop": true, "Release": true, "Shutdown": true, "Destroy": true, "Free": true, "Reset": true,
}

func (n *native) checkRetire() {
	for _, op := range n.ops {
		if !op.stores() || op.op == slotCAS {
			continue
		}
		if !n.readers[op.class] && !op.class.Exported() {
			continue // no reader to pull it from under
		}
		if ownerTeardown(op) {
			continue
		}
		var old []ssa.Value
		if op.op == slotSwap {
			old = append(old, op.call)
		}
		for _, ld := range n.byFn[op.fn] {
			if ld.op == slotLoad && sameSlot(ld, op) && dominates(ld.call, op.call) {
				old = append(old, ld.call)
			}
		}
		if len(old) == 0 {
			continue
		}
		a := n.reach(op.fn, old, nil)
		a.retired = true
		seen := map[int]bool{}
		for instr := range instructions(op.fn) {
			if !dominates(op.call, instr) || instr == ssa.Instruction(op.call) || seen[n.line(posOf(instr))] {
				continue
			}
			if n.waitsBetween(op.call, instr) {
				continue
			}
			if _, deferred := instr.(*ssa.Defer); deferred && n.waitsAfter(op.call) {
				continue // runs at the return, after those waits
			}
			if pos, what, ok := n.destroysLater(instr, a); ok && !seen[n.line(pos)] {
				seen[n.line(pos)] = true
				n.e.report(retireNoGrace, pos, fmt.Sprintf("%s the old value of %s in a goroutine or timer function that only waits a fixed time after the %s that replaced it (at %s): a reader may take longer, a delay is no grace period; wait until they are done (with rcuapi: readers in sections, then Synchronize before this, or do it in a Call callback), or just drop it and let the garbage collector free it",
					what, op.name(), op.callName(), n.e.at(op.call.Pos())), rel(op.call.Pos(), "replaced here"))
				continue
			}
			what, ok := n.destroys(instr, a)
			if !ok && !emptied(op) {
				// A helper's destroy of what an emptied slot held (a
				// cache dropped and freed: os.File's seek) is left alone.
				what, ok = n.destroysVia(instr, a)
			}
			if !ok || lastReference(instr) {
				continue
			}
			seen[n.line(posOf(instr))] = true
			n.e.report(retireNoGrace, posOf(instr), fmt.Sprintf("%s the old value of %s right after the %s that replaced it (at %s): readers that loaded it just before may still be using it; wait until they are done (with rcuapi: readers in sections, then Synchronize before this, or do it in a Call callback), or just drop it and let the garbage collector free it",
				what, op.name(), op.callName(), n.e.at(op.call.Pos())), rel(op.call.Pos(), "replaced here"))
		}
	}
}

// emptied reports whether op stores nil: the slot is emptied, not given a
// new version.
func emptied(op *slotOp) bool {
	c, ok := op.val.(*ssa.Const)
	return ok && c.IsNil()
}

// ownerTeardown reports whether op empties its slot (Swap(nil),
// Store(nil)) in a method that tears down the slot's owner (its Close,
// Stop, Shutdown...): after that, readers of the owner are done by its
// contract (os.File's close frees its directory state this way).
func ownerTeardown(op *slotOp) bool {
	if !emptied(op) {
		return false
	}
	root := op.fn
	for root.Parent() != nil {
		root = root.Parent()
	}
	name := strings.ToLower(root.Name())
	return destroyNames[strings.ToUpper(name[:1])+name[1:]] || name == "cleanup" || name == "dispose" || name == "terminate"
}

// destroysLater reports whether instr starts a goroutine, or a timer's
// function (time.AfterFunc), that destroys memory of a after waiting only
// a fixed time (or not at all), and where and how.
func (n *native) destroysLater(instr ssa.Instruction, a *aliasSet) (token.Pos, string, bool) {
	var f ssa.Value
	switch v := instr.(type) {
	case *ssa.Go:
		f = v.Common().Value
	case *ssa.Call:
		if i, ok := runsLater[pkgFuncName(v)]; ok && i < len(v.Common().Args) {
			f = v.Common().Args[i]
		}
	}
	mc, ok := f.(*ssa.MakeClosure)
	if !ok {
		return token.NoPos, "", false
	}
	body := mc.Fn.(*ssa.Function)
	var seeds []ssa.Value
	for i, b := range mc.Bindings {
		fv := body.FreeVars[i]
		if a.has(b) {
			seeds = append(seeds, fv)
			continue
		}
		// A captured variable is a cell: what the closure loads from it.
		if a.cells[b] || storesInto(b, a) {
			for instr := range instructions(body) {
				if ld, ok := instr.(*ssa.UnOp); ok && ld.Op == token.MUL && ld.X == ssa.Value(fv) {
					seeds = append(seeds, ld)
				}
			}
		}
	}
	if len(seeds) == 0 || !onlyTimedWaits(body) {
		return token.NoPos, "", false
	}
	inner := n.reach(body, seeds, nil)
	for instr := range instructions(body) {
		if _, ok := instr.(*ssa.Call); !ok {
			continue
		}
		if what, ok := n.destroys(instr, inner); ok {
			return posOf(instr), what, true
		}
	}
	return token.NoPos, "", false
}

// storesInto reports whether something of a is stored into cell.
func storesInto(cell ssa.Value, a *aliasSet) bool {
	refs := cell.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if st, ok := r.(*ssa.Store); ok && st.Addr == cell && a.has(st.Val) {
			return true
		}
	}
	return false
}

// destroys reports whether instr destroys (closes, recycles, reuses)
// memory of a, and says how.
func (n *native) destroys(instr ssa.Instruction, a *aliasSet) (string, bool) {
	if d, ok := instr.(*ssa.Defer); ok {
		// defer old.Close(): it runs when the function returns, still
		// with no grace period (the callers' waits are not seen).
		return n.destroysBy(d.Common(), a)
	}
	c, ok := instr.(*ssa.Call)
	if !ok {
		if w, ok := n.writeInto(instr, a); ok {
			return "this " + w.describe("the old value"), true
		}
		return "", false
	}
	cc := c.Common()
	if b, ok := cc.Value.(*ssa.Builtin); ok && b.Name() != "close" {
		if w, ok := n.callWrites(c, a); ok {
			return "this " + w.describe("the old value"), true // reused
		}
		return "", false
	}
	if what, ok := n.destroysBy(cc, a); ok {
		return what, true
	}
	if cc.StaticCallee() == nil {
		return "", false
	}
	if w, ok := n.callWrites(c, a); ok && strings.HasPrefix(w.what, "reorders") {
		return "this " + w.describe("the old value"), true
	}
	return "", false
}

// destroysBy reports whether the call cc (made now, or deferred) closes,
// stops, recycles or removes memory of a, and says how.
func (n *native) destroysBy(cc *ssa.CallCommon, a *aliasSet) (string, bool) {
	fn := cc.StaticCallee()
	if fn == nil {
		return "", false // an interface's Close may only drop a reference
	}
	switch methodName(cc) {
	case "sync.Pool.Put":
		if len(cc.Args) > 1 && a.has(unwrapIface(cc.Args[1])) {
			return "sync.Pool.Put recycles", true
		}
	}
	if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != nil && obj.Pkg().Path() == "os" && (obj.Name() == "Remove" || obj.Name() == "RemoveAll") && len(cc.Args) > 0 && n.fieldOf(cc.Args[0], a) {
		return "os." + obj.Name() + " removes a file of", true
	}
	if fn.Signature.Recv() != nil && destroyNames[fn.Name()] && len(cc.Args) > 0 && a.has(cc.Args[0]) && !n.gentle(fn) {
		return fn.Name() + " destroys", true
	}
	return "", false
}

// destroysVia reports whether instr calls a helper of the package that
// destroys memory of a, and says how.
func (n *native) destroysVia(instr ssa.Instruction, a *aliasSet) (string, bool) {
	c, ok := instr.(*ssa.Call)
	if !ok {
		return "", false
	}
	cc := c.Common()
	fn := cc.StaticCallee()
	if fn == nil {
		return "", false
	}
	if d := n.destroysParams(fn); d != nil {
		for _, i := range d.params {
			if i < len(cc.Args) && a.has(cc.Args[i]) {
				return fn.Name() + " destroys", true
			}
		}
	}
	return "", false
}

// destroyedParams is what a function of the package destroys: the
// parameters whose memory it closes, stops or recycles on some path (a
// helper that stops its argument's ticker).
type destroyedParams struct{ params []int }

// destroysParams returns what fn destroys, for a function of the package
// with a body, computed once; nil while it is being computed (recursion)
// or when fn is not the package's.
func (n *native) destroysParams(fn *ssa.Function) *destroyedParams {
	if fn.Pkg == nil || fn.Pkg.Pkg != n.e.pass.Pkg || len(fn.Blocks) == 0 || n.isAPI(fn) {
		return nil
	}
	if n.destroyed == nil {
		n.destroyed = make(map[*ssa.Function]*destroyedParams)
	}
	if d, ok := n.destroyed[fn]; ok {
		return d
	}
	n.destroyed[fn] = nil
	d := &destroyedParams{}
	for i, p := range fn.Params {
		if !refLike(p.Type()) {
			continue
		}
		a := n.reach(fn, []ssa.Value{p}, nil)
		for instr := range instructions(fn) {
			if _, ok := instr.(*ssa.Call); !ok {
				continue // writes into it are RCU7002's, not a destroy
			}
			_, direct := n.destroys(instr, a)
			_, via := n.destroysVia(instr, a)
			if (direct || via) && !lastReference(instr) {
				d.params = append(d.params, i)
				break
			}
		}
	}
	n.destroyed[fn] = d
	return d
}

// writeInto reports whether a non-call instruction writes into a.
func (n *native) writeInto(instr ssa.Instruction, a *aliasSet) (write, bool) {
	switch v := instr.(type) {
	case *ssa.Store, *ssa.MapUpdate:
		for _, w := range n.writesOf(v.(ssa.Instruction), a) {
			return w, true
		}
	}
	return write{}, false
}

// writesOf returns the writes of one instruction into a.
func (n *native) writesOf(instr ssa.Instruction, a *aliasSet) []write {
	var out []write
	for _, w := range n.writes(instr.Parent(), a) {
		if w.instr == instr {
			out = append(out, w)
		}
	}
	return out
}

// fieldOf reports whether v was read out of a (a path field of the old
// value).
func (n *native) fieldOf(v ssa.Value, a *aliasSet) bool {
	ld, ok := v.(*ssa.UnOp)
	if !ok {
		f, ok := v.(*ssa.Field)
		return ok && a.has(f.X)
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	return ok && a.has(fa.X)
}

// gentle reports whether a destroy method does not pull anything from
// under users: it waits for them first (it may block: a WaitGroup, a
// graceful shutdown), or it only drops a reference (an atomic decrement
// of a count).
func (n *native) gentle(fn *ssa.Function) bool {
	// A Close of the package's (or a dependency's) code that may block
	// waits for its users. The standard library's blocking Closes are
	// listed for what they wait for, not for whom: sql.DB.Close waits
	// for the queries already running, and later ones fail.
	if obj, ok := fn.Object().(*types.Func); ok && !stdPath(obj.Pkg()) {
		if m := n.e.blocking.Func(obj); m != nil && m.Why != "" {
			return true
		}
	}
	for instr := range instructions(fn) {
		if c, ok := instr.(*ssa.Call); ok && countDrop(c) {
			return true
		}
	}
	return false
}

// lastReference reports whether instr runs only when a reference count
// it decrements has dropped to zero (if p.refs.Add(-1) == 0 { p.Close() }):
// the helper drops a reference, and whoever drops the last one destroys.
// A decrement whose result guards nothing (a gauge) does not count.
func lastReference(instr ssa.Instruction) bool {
	b := instr.Block()
	for _, dom := range b.Parent().Blocks {
		if !dom.Dominates(b) || len(dom.Instrs) == 0 {
			continue
		}
		cond, ok := dom.Instrs[len(dom.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := cond.Cond.(*ssa.BinOp)
		if !ok || !countDrop(cmp.X) && !countDrop(cmp.Y) {
			continue
		}
		switch cmp.Op {
		case token.EQL, token.LEQ, token.LSS:
			if onBranch(dom, 0, b) {
				return true
			}
		case token.NEQ, token.GTR, token.GEQ:
			if onBranch(dom, 1, b) {
				return true
			}
		}
	}
	return false
}

// countDrop reports whether v is what an atomic decrement returns: the
// count left (x.Add(-1), atomic.AddInt32(&n, -1)).
func countDrop(v ssa.Value) bool {
	c, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	callee := c.Common().StaticCallee()
	if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg.Path() != "sync/atomic" || !strings.HasPrefix(callee.Name(), "Add") {
		return false
	}
	return slices.ContainsFunc(c.Common().Args, negative)
}

// stdPath reports whether pkg is of the standard library (its path's
// first element has no dot).
func stdPath(pkg *types.Package) bool {
	if pkg == nil {
		return false
	}
	first, _, _ := strings.Cut(pkg.Path(), "/")
	return !strings.Contains(first, ".")
}

// negative reports whether v is a negative constant.
func negative(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.String() != "" && c.Value.String()[0] == '-'
}

// waitsBetween reports whether something that may wait for readers runs
// between from and to: a call that may block (a WaitGroup, a grace
// period, a sleep on a poll loop).
// waitsAfter reports whether something that may wait for readers runs
// after from, on some path: what a deferred destroy comes after.
func (n *native) waitsAfter(from ssa.Instruction) bool {
	for instr := range instructions(from.Parent()) {
		if c, ok := instr.(*ssa.Call); ok && instr != from && dominates(from, instr) && n.e.mayBlockCall(c.Common()) != nil {
			return true
		}
	}
	return false
}

func (n *native) waitsBetween(from, to ssa.Instruction) bool {
	for instr := range instructions(from.Parent()) {
		c, ok := instr.(*ssa.Call)
		if !ok || !dominates(from, instr) || !dominates(instr, to) || instr == from || instr == to {
			continue
		}
		if n.e.mayBlockCall(c.Common()) != nil {
			return true
		}
	}
	return false
}

// mayBlockCall returns why call c may block (waits for a grace period,
// for callbacks, or otherwise), or nil.
func (e *engine) mayBlockCall(c *ssa.CallCommon) *blocking.MayBlock {
	fn := c.StaticCallee()
	if fn == nil {
		return nil
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return nil
	}
	api := e.model.Lookup(obj)
	for _, k := range []apisem.Kind{apisem.Sync, apisem.Barrier} {
		if _, ok := api.Has(k); ok {
			return &blocking.MayBlock{GraceWhy: "waits"}
		}
	}
	return e.blocking.Call(obj)
}
