package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// RCU7005: an atomic.Value misused. atomic.Value panics when it is given
// nil, and when a Store's value has another concrete type than the first
// one stored; and a Load before any Store returns nil, which an unchecked
// type assertion turns into a panic. Reported: a Store of nil; a Store of
// an interface-typed value (an error, an http.Handler) whose concrete type
// may change from one Store to the next, unless it is made at most once
// (under a sync.Once, or after a CompareAndSwap that only one caller
// wins) or in a test; Stores of one Value with different concrete types
// (a call's result has the one type dyntype found for its function, when
// it cannot be nil there),
// also when a function stores its interface{} parameter and two of its
// calls pass different types; and an
// unchecked type assertion on a Load of a Value that nothing stores into
// before it can run (in init, or in the constructor that makes its
// owner). atomic.Pointer[T] has none of these traps.

func (n *native) checkAtomicValues(funcs []*ssa.Function) {
	types1 := make(map[string]string)   // slot class -> first concrete type stored
	first := make(map[string]token.Pos) // where
	for _, op := range n.ops {
		if !op.value || !op.stores() || op.val == nil {
			continue
		}
		v := op.val
		if c, ok := v.(*ssa.Const); ok && c.IsNil() && !n.inTest(op.fn) { // a test may check the panic
			n.e.report(atomicValueMisuse, op.call.Pos(), fmt.Sprintf("%s of nil into atomic.Value %s panics; store a typed nil ((*T)(nil)), or use atomic.Pointer[T], whose zero value is nil", op.callName(), op.name()))
			continue
		}
		t, mayBeNil := n.concreteOf(v)
		if mayBeNil && !nonNilAt(unwrapIface(v), op.call) {
			// Nil on some calls (grpc's status.Error for OK): judged as
			// a value of unknown type, whose Store panics when it is nil.
			t = ""
		}
		if t == "" {
			if param := passedThrough(op); param != nil {
				n.checkPassThrough(op, param)
				continue
			}
			if n.storedOnce(op) || !n.mayRepeat(op) || n.inTest(op.fn) {
				continue
			}
			n.e.report(atomicValueMisuse, op.call.Pos(), fmt.Sprintf("%s into atomic.Value %s of a value of interface type %s: its concrete type may differ from one %s to the next, and atomic.Value panics when it does (or when it is nil); wrap it in one struct type, or use atomic.Pointer[T]", op.callName(), op.name(), types.TypeString(unwrapIface(v).Type(), types.RelativeTo(n.e.pass.Pkg)), op.callName()))
			continue
		}
		key := op.class.String()
		if !op.class.Known() {
			continue
		}
		if prev, ok := types1[key]; !ok {
			types1[key], first[key] = t, op.call.Pos()
		} else if prev != t {
			n.e.report(atomicValueMisuse, op.call.Pos(), fmt.Sprintf("%s into atomic.Value %s of a %s, but the %s at %s stores a %s: atomic.Value panics when the concrete type changes; store one type, or use atomic.Pointer[T]", op.callName(), op.name(), n.shortType(t), op.callName(), n.e.at(first[key]), n.shortType(prev)),
				rel(first[key], "the first type stored"))
		}
	}
	n.checkEmptyLoads(funcs)
}

// concreteOf returns the concrete type a value stored into a Value holds,
// written with full package paths: the operand's of a conversion to an
// interface, or the one a called function's result always holds (dyntype:
// errors.New's *errors.errorString); "" if unknown.
func (n *native) concreteOf(v ssa.Value) (typ string, mayBeNil bool) {
	if ci, ok := v.(*ssa.ChangeInterface); ok {
		v = ci.X // an error stored as an any
	}
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return types.TypeString(v.X.Type(), nil), false
	case *ssa.Call:
		if fn := v.Common().StaticCallee(); fn != nil {
			if obj, ok := fn.Object().(*types.Func); ok {
				return n.e.dyn.Of(obj)
			}
		}
	}
	return "", false
}

// nonNilAt reports whether at runs only where v is not nil: on the branch
// of an if v != nil (or the else of an if v == nil) that leads to it.
func nonNilAt(v ssa.Value, at ssa.Instruction) bool {
	if v.Referrers() == nil {
		return false
	}
	for _, r := range *v.Referrers() {
		cmp, ok := r.(*ssa.BinOp)
		if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) || cmp.Referrers() == nil {
			continue
		}
		if c, ok := cmp.Y.(*ssa.Const); !ok || !c.IsNil() {
			if c, ok := cmp.X.(*ssa.Const); !ok || !c.IsNil() {
				continue
			}
		}
		for _, u := range *cmp.Referrers() {
			ifi, ok := u.(*ssa.If)
			if !ok {
				continue
			}
			taken := 0 // v != nil: the then branch
			if cmp.Op == token.EQL {
				taken = 1
			}
			if onBranch(ifi.Block(), taken, at.Block()) {
				return true
			}
		}
	}
	return false
}

// shortType writes a type string of concreteOf relative to the package
// analysed: *large, not *example.com/app.large.
func (n *native) shortType(t string) string {
	return strings.ReplaceAll(t, n.e.pass.Pkg.Path()+".", "")
}

// passedThrough returns the parameter whose value op stores, when it is
// an empty interface (Set(v any) { c.v.Store(v) }): the Value is then a
// container whose concrete types its callers choose, not the storing
// function, so the types are compared at the calls instead. An error or
// an http.Handler is different: an interface with methods exists to have
// several implementations, and error values of one source commonly do.
func passedThrough(op *slotOp) *ssa.Parameter {
	p, ok := op.val.(*ssa.Parameter)
	if !ok || op.fn.Parent() != nil {
		return nil
	}
	if it, ok := p.Type().Underlying().(*types.Interface); !ok || !it.Empty() {
		return nil
	}
	return p
}

// checkPassThrough compares the concrete types that the package's calls
// of op's function hand to param, for calls that reach the same Value:
// the same package variable, or the same owner passed to both. A call
// whose type differs from the first call's is reported there, where one
// of the two has to change.
func (n *native) checkPassThrough(op *slotOp, param *ssa.Parameter) {
	i := paramIndexOf(op.fn, param)
	owner, _ := slotOwner(op).(*ssa.Parameter)
	oi := -1
	if owner != nil {
		if oi = paramIndexOf(op.fn, owner); oi < 0 {
			return // a Value reached some other way: callers cannot name it
		}
	} else if slotOwner(op) != nil {
		return
	}
	type seen struct {
		t     types.Type
		call  *ssa.Call
		owner ssa.Value
	}
	var firsts []seen
	for _, call := range n.locks.callers[op.fn] {
		args := call.Common().Args
		if i >= len(args) || oi >= len(args) || n.inTest(call.Parent()) {
			continue
		}
		mi, ok := args[i].(*ssa.MakeInterface)
		if !ok {
			continue
		}
		var o ssa.Value
		if oi >= 0 {
			o = callOwner(args[oi])
		}
		k := slices.IndexFunc(firsts, func(s seen) bool { return s.owner == o })
		if k < 0 {
			firsts = append(firsts, seen{mi.X.Type(), call, o})
			continue
		}
		first := firsts[k]
		if o == nil && oi >= 0 || types.Identical(first.t, mi.X.Type()) {
			continue // owners that cannot be told apart, or one type
		}
		qual := types.RelativeTo(n.e.pass.Pkg)
		n.e.report(atomicValueMisuse, call.Pos(), fmt.Sprintf("%s stores %s into atomic.Value %s (through its parameter %s), but the call at %s stores %s: atomic.Value panics when the concrete type changes; pass one type, or use atomic.Pointer[T]",
			op.fn.Name(), typeWithArticle(mi.X.Type(), qual), op.name(), param.Name(), n.e.at(first.call.Pos()), typeWithArticle(first.t, qual)),
			rel(first.call.Pos(), "the first type stored"), rel(op.call.Pos(), "the "+op.callName()))
	}
}

// typeWithArticle writes t after "a" or "an": "an int", "a *large".
func typeWithArticle(t types.Type, qual types.Qualifier) string {
	name := types.TypeString(t, qual)
	if strings.ContainsRune("aeiouAEIOU", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// callOwner names the object an owner argument denotes, for telling two
// calls' receivers apart: a package variable, or the SSA value itself
// (equal only within one function); nil when it cannot be named.
func callOwner(v ssa.Value) ssa.Value {
	switch v := v.(type) {
	case *ssa.Global:
		return v
	case *ssa.UnOp:
		if g, ok := v.X.(*ssa.Global); ok && v.Op == token.MUL {
			return g
		}
	}
	if _, ok := v.(*ssa.Const); ok {
		return nil
	}
	return v
}

// inTest reports whether fn is in a _test.go file: a test that records
// the last error it saw in a Value checks one code path, whose errors
// rarely change type, and does not ship.
func (n *native) inTest(fn *ssa.Function) bool {
	return strings.HasSuffix(n.e.pass.Fset.Position(fn.Pos()).Filename, "_test.go")
}

// storedOnce reports whether op's Store runs at most once per value: in a
// function literal given to sync.Once.Do, after a check that nothing was
// stored yet, or where a CompareAndSwap that only one caller wins decides
// it.
func (n *native) storedOnce(op *slotOp) bool {
	if op.fn.Parent() != nil && onceDo(op.fn) {
		return true
	}
	// if v.Load() != nil { return }; v.Store(x): the first Store only
	// (context's err, under its mutex).
	for _, ld := range n.byFn[op.fn] {
		if ld.op == slotLoad && sameSlot(ld, op) && nilChecked(ld.call) && dominates(ld.call, op.call) {
			return true
		}
	}
	for instr := range instructions(op.fn) {
		c, ok := instr.(*ssa.Call)
		if !ok || !dominates(c, op.call) {
			continue
		}
		if fn := c.Common().StaticCallee(); fn != nil && fn.Name() == "CompareAndSwap" && c.Parent() == op.fn {
			return true
		}
	}
	return false
}

// mayRepeat reports whether the Store op may run more than once on one
// Value, so that the types of two values can clash: it is in a loop,
// the Value is stored at other places too, or the function that stores
// can be called more than once (it is called from several places, from a
// loop, from other packages, or used as a value).
func (n *native) mayRepeat(op *slotOp) bool {
	if blockInLoop(op.call.Block()) {
		return true
	}
	for _, other := range n.ops {
		if other != op && other.stores() && sameSlotClass(other, op) {
			return true
		}
	}
	fn := op.fn
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if obj, ok := fn.Object().(*types.Func); ok && obj.Exported() || n.locks.taken[fn] {
		return true
	}
	// Calls from tests exercise it; they do not say how the package
	// uses it.
	calls := slices.DeleteFunc(slices.Clone(n.locks.callers[fn]), func(c *ssa.Call) bool { return n.inTest(c.Parent()) })
	// No call of it in sight: a method called through an interface
	// (each instrument's setDelegate, once); it cannot be told.
	return len(calls) > 1 || len(calls) == 1 && blockInLoop(calls[0].Block()) && !eachIteration(op, calls[0])
}

// slotOwner returns the value a slot's address is selected from, through
// fields and embedded pointers (cs for cs.common.err), or nil for a
// package variable.
func slotOwner(op *slotOp) ssa.Value {
	owner := storeBase(op.addr)
	for owner != nil {
		if ld, ok := owner.(*ssa.UnOp); ok && ld.Op == token.MUL {
			owner = ld.X
		} else if inner := storeBase(owner); inner != nil {
			owner = inner
		} else {
			break
		}
	}
	return owner
}

// eachIteration reports whether a call in a loop stores into a different
// Value on every iteration: the Value belongs to a parameter (the
// receiver) to which the call passes a value the loop makes anew (for _,
// t := range p.tracers { t.setDelegate(x) }).
func eachIteration(op *slotOp, call *ssa.Call) bool {
	p, ok := slotOwner(op).(*ssa.Parameter)
	if !ok || op.fn.Parent() != nil {
		return false
	}
	i := paramIndexOf(op.fn, p)
	if i < 0 || i >= len(call.Common().Args) {
		return false
	}
	arg, ok := call.Common().Args[i].(ssa.Instruction)
	return ok && slices.Contains(loopBlocks(call.Block()), arg.Block())
}

// blockInLoop reports whether block b can reach itself.
func blockInLoop(b *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == b {
			return true
		}
		if !seen[x] {
			seen[x] = true
			work = append(work, x.Succs...)
		}
	}
	return false
}

// onceDo reports whether closure fn is given to a sync.Once's Do.
func onceDo(fn *ssa.Function) bool {
	for instr := range instructions(fn.Parent()) {
		c, ok := instr.(*ssa.Call)
		if !ok || methodName(c.Common()) != "sync.Once.Do" {
			continue
		}
		for _, a := range c.Common().Args {
			if mc, ok := a.(*ssa.MakeClosure); ok && mc.Fn == fn {
				return true
			}
			if a == ssa.Value(fn) {
				return true
			}
		}
	}
	return false
}

// checkEmptyLoads reports unchecked type assertions on Loads of an
// atomic.Value that may still be empty.
func (n *native) checkEmptyLoads(funcs []*ssa.Function) {
	for _, op := range n.ops {
		if !op.value || op.op != slotLoad || !op.class.Known() || n.initialised(op) || guardedByState(op) || n.inTest(op.fn) {
			continue
		}
		refs := op.call.Referrers()
		if refs == nil || nilChecked(op.call) {
			continue
		}
		for _, r := range *refs {
			if ta, ok := r.(*ssa.TypeAssert); ok && !ta.CommaOk {
				n.e.report(atomicValueMisuse, ta.Pos(), fmt.Sprintf("this type assertion panics if %s is loaded before anything is stored in it, and nothing stores into it before it can be loaded (in init, or in the constructor that makes it); store a typed nil first, check with x, ok := ...Load().(T), or use atomic.Pointer[T], whose Load returns nil", op.name()))
			}
		}
	}
}

// nilChecked reports whether a Load's result is compared with nil.
func nilChecked(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if b, ok := r.(*ssa.BinOp); ok && (b.Op == token.EQL || b.Op == token.NEQ) {
			return true
		}
	}
	return false
}

// initialised reports whether something stores into op's Value before it
// can be loaded: a Store of it earlier in the same function (also in a
// sync.Once's function called there), a Store of its class in package
// initialisation, a package variable's *atomic.Value made by a function
// in its initializer, or, for a field, a Store made by the constructor that
// allocates the struct holding it, itself or through a function it hands
// the new struct to that stores on every path.
func (n *native) initialised(op *slotOp) bool {
	for instr := range instructions(op.fn) {
		c, ok := instr.(*ssa.Call)
		if !ok || !dominates(c, op.call) || c == op.call {
			continue
		}
		if st := n.opOf[c]; st != nil && st.stores() && sameSlot(st, op) {
			return true
		}
		if methodName(c.Common()) == "sync.Once.Do" {
			for _, a := range c.Common().Args {
				if mc, ok := a.(*ssa.MakeClosure); ok && n.storesAlways(mc.Fn.(*ssa.Function), op) {
					return true
				}
			}
		}
	}
	for _, st := range n.ops {
		if !st.stores() || !sameSlotClass(st, op) {
			continue
		}
		if n.runsInInit(st.fn) {
			return true
		}
		if freshStruct(storeBase(st.addr)) {
			return true // into a struct the storing function allocates
		}
	}
	// A package variable that holds a *atomic.Value made by its
	// initializer (var v = newValue(), which stores a default).
	if g := valueGlobal(op.addr); g != nil {
		for _, fn := range n.funcs {
			if fn.Name() != "init" || fn.Signature.Recv() != nil || fn.Parent() != nil {
				continue
			}
			for instr := range instructions(fn) {
				if st, ok := instr.(*ssa.Store); ok && st.Addr == ssa.Value(g) {
					if _, made := st.Val.(*ssa.Call); made {
						return true
					}
				}
			}
		}
	}
	// A constructor that hands the struct it allocates, or a part of it
	// (cl.producer.init(cl) for a producer inside the new Client), to a
	// function that always stores into the field.
	if n.freshCallees == nil {
		n.freshCallees = map[*ssa.Function]bool{}
		for _, fn := range n.funcs {
			for instr := range instructions(fn) {
				if c, ok := instr.(*ssa.Call); ok && len(c.Common().Args) > 0 && freshPart(c.Common().Args[0]) {
					if callee := c.Common().StaticCallee(); callee != nil {
						n.freshCallees[callee] = true
					}
				}
			}
		}
	}
	for callee := range n.freshCallees {
		if n.storesAlways(callee, op) {
			return true
		}
	}
	return false
}

// freshPart reports whether v is a struct the function allocates, or a
// field of one (&cl.producer).
func freshPart(v ssa.Value) bool {
	for fa, ok := v.(*ssa.FieldAddr); ok; fa, ok = v.(*ssa.FieldAddr) {
		v = fa.X
	}
	return freshStruct(v)
}

// runsInInit reports whether fn is package initialisation, or a function
// of the package that initialisation calls (func init() { setNow(time.Now) }).
func (n *native) runsInInit(fn *ssa.Function) bool {
	seen := map[*ssa.Function]bool{}
	work := []*ssa.Function{fn}
	for len(work) > 0 {
		f := work[len(work)-1]
		work = work[:len(work)-1]
		for f.Parent() != nil {
			f = f.Parent()
		}
		if seen[f] {
			continue
		}
		seen[f] = true
		if f.Signature.Recv() == nil && (f.Name() == "init" || strings.HasPrefix(f.Name(), "init#")) {
			return true
		}
		for _, c := range n.locks.callers[f] {
			work = append(work, c.Parent())
		}
	}
	return false
}

// guardedByState reports whether a Load runs only where a condition that
// reads the Value's owner holds (if cs.failed.HasFired() { return
// cs.err.Load().(error) }): a state flag that the owner sets after the
// Store, which rcuvet cannot follow, so it trusts it.
func guardedByState(op *slotOp) bool {
	owner := slotOwner(op)
	b := op.call.Block()
	for d := b.Idom(); d != nil; d = d.Idom() {
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok || len(d.Succs) != 2 {
			continue
		}
		// Only when b runs where the condition holds (and not
		// after an early exit taken when it holds).
		if !onBranch(d, 0, b) {
			continue
		}
		if mentions(ifi.Cond, owner, 6) {
			return true
		}
	}
	return false
}

// mentions reports whether v is computed from want (a Value's owner), or,
// when want is nil (a package-level Value), from a package variable,
// within depth steps.
func mentions(v, want ssa.Value, depth int) bool {
	if want != nil && v == want {
		return true
	}
	if _, ok := v.(*ssa.Global); ok && want == nil {
		return true
	}
	if depth == 0 {
		return false
	}
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return false
	}
	for _, o := range instr.Operands(nil) {
		if *o != nil && mentions(*o, want, depth-1) {
			return true
		}
	}
	return false
}

// valueGlobal returns the package variable a *atomic.Value is loaded
// from (globalTracer.Load() for var globalTracer *atomic.Value), or nil.
func valueGlobal(addr ssa.Value) *ssa.Global {
	if ld, ok := addr.(*ssa.UnOp); ok && ld.Op == token.MUL {
		g, _ := ld.X.(*ssa.Global)
		return g
	}
	return nil
}

// freshStruct reports whether v is a struct the function allocates: the
// allocation, or a load of a variable that holds only it (a variable that
// a closure captures lives in a cell).
func freshStruct(v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.Alloc:
		return true
	case *ssa.UnOp:
		cell, ok := x.X.(*ssa.Alloc)
		if !ok || x.Op != token.MUL || cell.Referrers() == nil {
			return false
		}
		stored := false
		for _, r := range *cell.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == ssa.Value(cell) {
				if _, ok := st.Val.(*ssa.Alloc); !ok {
					return false
				}
				stored = true
			}
		}
		return stored
	}
	return false
}

// storesAlways reports whether fn stores into op's slot class on every
// path from its entry to a return.
func (n *native) storesAlways(fn *ssa.Function, op *slotOp) bool {
	for _, st := range n.byFn[fn] {
		if !st.stores() || !sameSlotClass(st, op) {
			continue
		}
		always := true
		for _, b := range fn.Blocks {
			if len(b.Instrs) == 0 || b == fn.Recover {
				continue // the return after a recovered panic: no normal path
			}
			if _, ret := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ret && !st.call.Block().Dominates(b) {
				always = false
			}
		}
		if always {
			return true
		}
	}
	return false
}
