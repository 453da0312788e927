package flow

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ssa"
)

// checkUses records uses of protected pointers whose section has ended.
func (w *walker) checkUses(instr ssa.Instruction, state []tstate) {
	g := w.g
	for _, op := range usedOperands(instr) {
		if g.memRoot(op) != nil || g.localObject(op, nil) != nil {
			// Local memory (a slice or map made here, a local variable)
			// that holds protected pointers: reading it reads no
			// protected memory; using the pointers read from it does.
			continue
		}
		if w.root {
			g.derOf(op).each(func(i int) {
				if t := g.toks[i]; t.kind == tokSource && t.fn == w.f && t.input < len(w.f.Params) {
					w.sum.ReadsThrough = append(w.sum.ReadsThrough, t.input)
				}
			})
		}
		w.sectionTokens(g.derOf(op)).each(func(i int) {
			st := state[i]
			if st.goroutine || st.callback || st.iterEnded || g.fromDeadDeref(op, 0) {
				return // reported where the goroutine or callback captures it, or at the dereference
			}
			if st.st == ended || st.st == maybe {
				w.report(useAfterEnd, i, posOf(instr), func(s section) string {
					ended := "ended at " + g.e.at(st.endedAt)
					if st.st == maybe {
						ended = "may have ended (at " + g.e.at(st.endedAt) + ")"
					}
					return fmt.Sprintf("a pointer obtained under %s is used after the section %s; move ReadUnlock below the last use, or copy what you need before it", g.e.describe(s), ended)
				})
			}
		})
	}
}

// checkStore records a protected pointer stored where it outlives its
// section: anywhere but a local variable.
func (w *walker) checkStore(v *ssa.Store, state []tstate) {
	g := w.g
	if g.memRoot(v.Addr) != nil {
		return
	}
	how := "is stored in memory that outlives the section"
	switch root := rootOf(v.Addr); root.(type) {
	case *ssa.Global:
		how = "is stored in package variable " + root.Name()
	case *ssa.Parameter, *ssa.FreeVar:
		how = "is stored through " + root.Name() + ", which outlives the section"
	}
	if w.sectionTokens(g.derOf(v.Addr)) != 0 {
		return // a write into the protected object itself: an update-side matter
	}
	if g.e.identityStore(v.Addr) {
		return // kept only to be compared (identityslots.go)
	}
	w.escape(g.reach(v.Val), state, posOf(v), how, v.Val)
}

// checkMapUpdate records a protected pointer put in a map that outlives its
// section.
func (w *walker) checkMapUpdate(v *ssa.MapUpdate, state []tstate) {
	g := w.g
	if g.localObject(v.Map, nil) != nil || w.sectionTokens(g.derOf(v.Map)) != 0 {
		return
	}
	how := "is stored in a map that outlives the section"
	if root := rootOf(v.Map); root != nil {
		switch root.(type) {
		case *ssa.Global:
			how = "is stored in package variable " + root.Name()
		case *ssa.Parameter, *ssa.FreeVar:
			how = "is stored through " + root.Name() + ", which outlives the section"
		}
	}
	d := g.reach(v.Value)
	if !g.e.identityKeys(v.Map) {
		d |= g.reach(v.Key) // kept only to be compared (identityslots.go)
	}
	w.escape(d, state, posOf(v), how, v.Value, v.Key)
}

// escape records protected pointers (of sections acquired in this group)
// that escape by how, in the values vs.
func (w *walker) escape(d tokset, state []tstate, pos token.Pos, how string, vs ...ssa.Value) {
	g := w.g
	w.sectionTokens(d).each(func(i int) {
		if g.display(i).kind == tokAcquired {
			w.reportEscape(i, pos, how, vs...)
		}
	})
}

func (w *walker) checkGo(v *ssa.Go, state []tstate) {
	g := w.g
	c := v.Common()
	var d tokset
	for _, a := range c.Args {
		d |= g.reach(a)
	}
	if mc, ok := c.Value.(*ssa.MakeClosure); ok {
		d |= g.captureDer(mc)
	}
	if d == 0 || g.joinedBeforeRelease(v) {
		return
	}
	w.escape(d, state, v.Pos(), "is captured by a goroutine, which may run after the section ends", append([]ssa.Value{c.Value}, c.Args...)...)
}

// joinedBeforeRelease reports whether the goroutine go starts is waited
// for before any section can end: it calls Done on a WaitGroup of the
// function (wg.Add(1); go func() { defer wg.Done(); ... }()), and every
// path from the go statement reaches that WaitGroup's Wait before a
// ReadUnlock or a return (a deferred ReadUnlock runs after the Wait).
func (g *group) joinedBeforeRelease(v *ssa.Go) bool {
	mc, ok := v.Common().Value.(*ssa.MakeClosure)
	if !ok {
		return false
	}
	body := mc.Fn.(*ssa.Function)
	var wg ssa.Value
	for instr := range instructions(body) {
		call, ok := instr.(ssa.CallInstruction)
		if !ok || methodName(call.Common()) != "sync.WaitGroup.Done" || len(call.Common().Args) == 0 {
			continue
		}
		for i, fv := range body.FreeVars {
			if call.Common().Args[0] == ssa.Value(fv) {
				wg = mc.Bindings[i]
			}
		}
	}
	if wg == nil {
		return false
	}
	// Every path from the go statement: Wait on wg before a release or
	// the end of the function.
	waits := func(instr ssa.Instruction) (joined, stop bool) {
		c, ok := instr.(*ssa.Call)
		if !ok {
			_, ret := instr.(*ssa.Return)
			_, pan := instr.(*ssa.Panic)
			return false, ret || pan
		}
		if methodName(c.Common()) == "sync.WaitGroup.Wait" && len(c.Common().Args) > 0 && c.Common().Args[0] == wg {
			return true, true
		}
		if _, api, _ := g.callee(c.Common()); api != nil {
			if _, rel := api.Has(apisem.Release); rel {
				return false, true
			}
		}
		return false, false
	}
	seen := map[*ssa.BasicBlock]bool{}
	var all func(b *ssa.BasicBlock, from int) bool
	all = func(b *ssa.BasicBlock, from int) bool {
		for _, instr := range b.Instrs[from:] {
			if joined, stop := waits(instr); stop {
				return joined
			}
		}
		if len(b.Succs) == 0 {
			return false
		}
		for _, s := range b.Succs {
			if seen[s] {
				continue
			}
			seen[s] = true
			if !all(s, 0) {
				return false
			}
		}
		return true
	}
	b := v.Block()
	for i, instr := range b.Instrs {
		if instr == ssa.Instruction(v) {
			return all(b, i+1)
		}
	}
	return false
}

// checkCallback records protected pointers captured by a callback queued
// here: it runs after a grace period, when their section has ended.
func (w *walker) checkCallback(v *ssa.Call, state []tstate) {
	g := w.g
	c := v.Common()
	_, api, _ := g.callee(c)
	role, ok := api.Has(apisem.Call)
	if !ok || role.Arg >= len(c.Args) {
		return
	}
	d := g.reach(c.Args[role.Arg])
	if mc, ok := c.Args[role.Arg].(*ssa.MakeClosure); ok {
		d = g.captureDer(mc)
	}
	w.escape(d, state, v.Pos(), "is captured by a callback, which runs after a grace period, when the section has ended", c.Args[role.Arg])
}

// runsLater lists standard functions that run the function they are
// given later, on another goroutine, with the argument index of that
// function.
var runsLater = map[string]int{"time.AfterFunc": 1, "context.AfterFunc": 1}

// pkgFuncName names the package function call c calls, by its package
// path ("time.AfterFunc"), or returns "".
func pkgFuncName(c *ssa.Call) string {
	fn := c.Common().StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Signature.Recv() != nil {
		return ""
	}
	return fn.Pkg.Pkg.Path() + "." + fn.Name()
}

// checkLater records protected pointers captured by a function that a
// timer or a context runs later (time.AfterFunc), after the section.
func (w *walker) checkLater(v *ssa.Call, state []tstate) {
	i, ok := runsLater[pkgFuncName(v)]
	if !ok || i >= len(v.Common().Args) {
		return
	}
	f := v.Common().Args[i]
	var d tokset
	if mc, ok := f.(*ssa.MakeClosure); ok {
		d = w.g.captureDer(mc)
	} else {
		d = w.g.reach(f)
	}
	fn := v.Common().StaticCallee()
	w.escape(d, state, v.Pos(), "is captured by a function that "+fn.Pkg.Pkg.Name()+"."+fn.Name()+" runs later, after the section ends", f)
}

// closureDefer names a deferred closure in findings; its own analysis, where
// it runs, reports what it does.
const closureDefer = "a deferred closure"

// reportEscape records that a pointer obtained under section token i
// escapes it at pos by how.
func (w *walker) reportEscape(i int, pos token.Pos, how string, vs ...ssa.Value) {
	fix := "copy the data you need out of it"
	if w.g.e.offersReference(vs) {
		fix += ", or take a reference (TryGet) inside the section"
	}
	w.report(escape, i, pos, func(s section) string {
		return fmt.Sprintf("a pointer obtained under %s %s; %s", w.g.e.describe(s), how, fix)
	})
}

// fromDeadDeref reports whether v was obtained (directly, through a part,
// a conversion or a local variable) from a dereference under a section
// that had ended: RCU1001 reports that dereference, and its uses are not
// reported again.
func (g *group) fromDeadDeref(v ssa.Value, depth int) bool {
	if depth > 8 || len(g.deadDeref) == 0 {
		return false
	}
	v = g.resolve(v)
	if g.deadDeref[v] {
		return true
	}
	switch x := v.(type) {
	case *ssa.FieldAddr:
		return g.fromDeadDeref(x.X, depth+1)
	case *ssa.IndexAddr:
		return g.fromDeadDeref(x.X, depth+1)
	case *ssa.Field:
		return g.fromDeadDeref(x.X, depth+1)
	case *ssa.Index:
		return g.fromDeadDeref(x.X, depth+1)
	case *ssa.Slice:
		return g.fromDeadDeref(x.X, depth+1)
	case *ssa.ChangeType:
		return g.fromDeadDeref(x.X, depth+1)
	case *ssa.Convert:
		return g.fromDeadDeref(x.X, depth+1)
	case *ssa.MakeInterface:
		return g.fromDeadDeref(x.X, depth+1)
	case *ssa.TypeAssert:
		return g.fromDeadDeref(x.X, depth+1)
	case *ssa.Extract:
		return g.fromDeadDeref(x.Tuple, depth+1)
	case *ssa.Phi:
		for _, e := range x.Edges {
			if g.fromDeadDeref(e, depth+1) {
				return true
			}
		}
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return false
		}
		if root := g.memRoot(x.X); root != nil {
			for _, st := range g.stores[root] {
				if g.fromDeadDeref(st, depth+1) {
					return true
				}
			}
			return false
		}
		return g.fromDeadDeref(x.X, depth+1)
	}
	return false
}

// checkAtomicStore records a protected pointer stored, by a call, in a
// long-lived slot: an atomic.Pointer or atomic.Value (Store, Swap, the new
// value of CompareAndSwap), a sync.Map (Store, LoadOrStore, Swap,
// CompareAndSwap), that is not a local variable of the function.
func (w *walker) checkAtomicStore(v *ssa.Call, state []tstate) {
	g := w.g
	c := v.Common()
	var stored []ssa.Value
	switch m := methodName(c); m {
	case "sync/atomic.Pointer.Store", "sync/atomic.Pointer.Swap", "sync/atomic.Value.Store", "sync/atomic.Value.Swap":
		stored = c.Args[1:]
	case "sync/atomic.Pointer.CompareAndSwap", "sync/atomic.Value.CompareAndSwap":
		stored = c.Args[2:]
	case "sync.Map.Store", "sync.Map.LoadOrStore", "sync.Map.Swap":
		stored = c.Args[1:]
	case "sync.Map.CompareAndSwap":
		stored = []ssa.Value{c.Args[1], c.Args[3]}
	default:
		return
	}
	if len(c.Args) == 0 || g.memRoot(c.Args[0]) != nil {
		return // a slot of the function's own
	}
	what := "an atomic.Pointer"
	switch {
	case strings.HasPrefix(methodName(c), "sync/atomic.Value"):
		what = "an atomic.Value"
	case strings.HasPrefix(methodName(c), "sync.Map"):
		what = "a sync.Map"
	}
	how := "is stored in " + what + " that outlives the section"
	if r := refOf(c.Args[0]); r.known() {
		how = "is stored in " + r.name() + ", " + what + " that outlives the section"
	}
	var d tokset
	for _, a := range stored {
		d |= g.reach(a)
	}
	w.escape(d, state, v.Pos(), how, stored...)
}
