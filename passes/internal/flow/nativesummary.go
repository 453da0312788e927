package flow

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// NativeSummary is what a function tells its callers, in any package,
// for the RCU7xxx checks: whether it returns a value shared with readers
// (what a slot's Load returned, or a getter marked //rcu:snapshot), the
// parameters it writes into, deeply (through what they point to), and
// the parameters whose memory it stores in a slot as they are (not a
// copy), for readers to load.
type NativeSummary struct {
	ReturnsShared bool
	Writes        []int
	Publishes     []int
}

func (*NativeSummary) AFact() {}

func (s *NativeSummary) String() string {
	return fmt.Sprintf("native shared=%v writes=%v publishes=%v", s.ReturnsShared, s.Writes, s.Publishes)
}

// summarize computes the summaries of the package's functions that
// return shared values, to a fixed point (a getter of a getter).
func (n *native) summarize(funcs []*ssa.Function) {
	for _, fn := range funcs {
		if n.isAPI(fn) {
			continue // an RCU API declares what it does; its atomics are its own
		}
		if snapshotDirective(fn) {
			n.sum(fn).ReturnsShared = true
		}
		for _, op := range n.byFn[fn] {
			if !op.stores() || op.val == nil || !n.snapshotSlot(op) {
				continue
			}
			for _, i := range publishedParams(fn, op.val) {
				if s := n.sum(fn); !slices.Contains(s.Publishes, i) {
					s.Publishes = append(s.Publishes, i)
					slices.Sort(s.Publishes)
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range funcs {
			if n.sum(fn).ReturnsShared || len(fn.Blocks) == 0 || fn.Signature.Results().Len() == 0 || n.isAPI(fn) {
				continue
			}
			a := n.reach(fn, n.loadsIn(fn), n.sharedCall)
			for instr := range instructions(fn) {
				if ret, ok := instr.(*ssa.Return); ok && slices.ContainsFunc(ret.Results, func(r ssa.Value) bool { return a.has(r) && !isError(r.Type()) }) {
					n.sum(fn).ReturnsShared = true
					changed = true
					break
				}
			}
		}
	}
}

// isError reports whether t is the error interface: an error loaded from
// a slot is shared, but nobody writes into an error, and a function that
// returns one with a value of its own (cn, lastErr) does not return a
// snapshot.
func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

func (n *native) sum(fn *ssa.Function) *NativeSummary {
	s, ok := n.sums[fn]
	if !ok {
		s = &NativeSummary{Writes: nil}
		n.sums[fn] = s
	}
	return s
}

// loadsIn returns the results of fn's Loads of snapshot slots.
func (n *native) loadsIn(fn *ssa.Function) []ssa.Value {
	var out []ssa.Value
	for _, op := range n.byFn[fn] {
		if op.op == slotLoad && n.snapshotSlot(op) {
			out = append(out, op.call)
		}
	}
	return out
}

// sharedCall reports whether call c returns a shared value: a function of
// this package whose summary says so, or of another whose fact does.
func (n *native) sharedCall(c *ssa.Call) bool {
	fn := c.Common().StaticCallee()
	if fn == nil {
		return false
	}
	if fn.Pkg != nil && fn.Pkg.Pkg == n.e.pass.Pkg {
		s, ok := n.sums[fn]
		return ok && s.ReturnsShared
	}
	var s NativeSummary
	obj, ok := fn.Object().(*types.Func)
	return ok && n.e.pass.ImportObjectFact(obj.Origin(), &s) && s.ReturnsShared
}

// writesParams returns the parameters fn writes into, deeply: from its
// summary in this package (computed on first use), its fact, or, for a
// package with no slot, from its syntax.
func (n *native) writesParams(fn *ssa.Function) []int {
	if fn.Pkg != nil && fn.Pkg.Pkg == n.e.pass.Pkg {
		return n.localWrites(fn)
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return nil
	}
	var s NativeSummary
	if n.e.pass.ImportObjectFact(obj.Origin(), &s) {
		return s.Writes
	}
	if n.e.params != nil {
		return n.e.params.Writes(obj)
	}
	return nil
}

// localWrites computes which parameters a function of this package
// writes into, once; a recursive call sees none.
func (n *native) localWrites(fn *ssa.Function) []int {
	if n.isAPI(fn) {
		return nil
	}
	if n.writesDone == nil {
		n.writesDone = make(map[*ssa.Function]bool)
	}
	if n.writesDone[fn] {
		return n.sum(fn).Writes
	}
	n.writesDone[fn] = true
	var out []int
	for i, p := range fn.Params {
		if !refLike(p.Type()) {
			continue
		}
		a := n.reach(fn, []ssa.Value{p}, nil)
		if len(n.writes(fn, a)) > 0 {
			out = append(out, i)
		}
		n.findApplies(fn, i, a)
	}
	n.sum(fn).Writes = out
	return out
}

// exportSummaries exports the summaries of the package's exported
// functions that say something.
func (n *native) exportSummaries(funcs []*ssa.Function) {
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || !obj.Exported() || fn.Parent() != nil || n.isAPI(fn) {
			continue
		}
		n.localWrites(fn)
		if s := n.sum(fn); s.ReturnsShared || len(s.Writes) > 0 || len(s.Publishes) > 0 {
			n.e.pass.ExportObjectFact(obj, &NativeSummary{ReturnsShared: s.ReturnsShared, Writes: s.Writes, Publishes: s.Publishes})
		}
	}
}

// snapshotDirective reports whether fn's doc comment carries
// //rcu:snapshot: it returns a value shared with readers.
func snapshotDirective(fn *ssa.Function) bool {
	fd, ok := fn.Syntax().(*ast.FuncDecl)
	if !ok || fd.Doc == nil {
		return false
	}
	for _, c := range fd.Doc.List {
		if text, ok := strings.CutPrefix(c.Text, "//rcu:"); ok && strings.TrimSpace(text) == "snapshot" {
			return true
		}
	}
	return false
}

// publishedParams returns the parameters of fn whose memory storing v
// publishes as is: v itself, or a parameter stored into the object v
// points to (&eps for a variadic eps, &T{f: p}).
func publishedParams(fn *ssa.Function, v ssa.Value) []int {
	v = unwrapIface(v)
	var out []int
	add := func(x ssa.Value) {
		x = unwrapIface(x)
		for i, p := range fn.Params {
			if x == ssa.Value(p) && refLike(p.Type()) && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	add(v)
	if obj := objectOf(v); obj != nil {
		for instr := range instructions(fn) {
			if st, ok := instr.(*ssa.Store); ok && objectOf(st.Addr) == obj {
				add(st.Val)
			}
		}
	}
	return out
}

// publishesCall returns the arguments call c publishes, with the callee's
// name: a function of this package or another whose summary says it
// stores them in a slot.
func (n *native) publishesCall(c *ssa.Call) []ssa.Value {
	fn := c.Common().StaticCallee()
	if fn == nil {
		return nil
	}
	var idx []int
	if fn.Pkg != nil && fn.Pkg.Pkg == n.e.pass.Pkg {
		if s, ok := n.sums[fn]; ok {
			idx = s.Publishes
		}
	} else if obj, ok := fn.Object().(*types.Func); ok {
		var s NativeSummary
		if n.e.pass.ImportObjectFact(obj.Origin(), &s) {
			idx = s.Publishes
		}
	}
	var out []ssa.Value
	for _, i := range idx {
		if i < len(c.Common().Args) {
			out = append(out, c.Common().Args[i])
		}
	}
	return out
}

// isAPI reports whether fn carries an RCU directive (rcuapi's functions,
// a user's wrappers): what it does is declared, and the RCU7xxx checks do
// not summarise it.
func (n *native) isAPI(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	return ok && n.e.model.Lookup(obj) != nil
}
