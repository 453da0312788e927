package flow

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Writes into a snapshot made through function values: a method value
// bound to it (register := snap.add; register(k, v)), and a callback that
// one of its methods applies to its parts (snap.each(func(t *Tenant) {
// t.Limit = 0 })). Both are found from the call that hands the snapshot
// over (callWrites).

// callbackWrites reports a callback, among args of a call of fn, that fn
// applies to parts of what it was given and that writes into its
// argument: the write is in the callback, where it is reported.
func (n *native) callbackWrites(fn *ssa.Function, args []ssa.Value, a *aliasSet) (write, bool) {
	for _, ap := range n.appliesOf(fn) {
		if ap.from >= len(args) || ap.fn >= len(args) || !a.has(args[ap.from]) {
			continue
		}
		g := funcValue(args[ap.fn])
		if g == nil || ap.arg >= len(g.Params) {
			continue
		}
		if inner := n.writes(g, n.reach(g, []ssa.Value{g.Params[ap.arg]}, nil)); len(inner) > 0 {
			w := inner[0]
			return write{w.instr, w.pos, fmt.Sprintf(w.what, "what "+fn.Name()+" hands to this function from %s")}, true
		}
	}
	return write{}, false
}

// An apply says that a function calls its function-valued parameter fn
// with, as argument arg, memory reachable from its parameter from: each
// calls its callback on the elements of its receiver (from 0, fn 1, arg
// 0), directly or through a function it hands the callback to.
type apply struct{ from, fn, arg int }

// appliesOf returns the applies of fn, a function of this package.
func (n *native) appliesOf(fn *ssa.Function) []apply {
	if fn.Pkg == nil || fn.Pkg.Pkg != n.e.pass.Pkg {
		return nil
	}
	n.localWrites(fn)
	return n.applies[fn]
}

// findApplies records fn's applies from parameter i, given a, the memory
// reachable from it.
func (n *native) findApplies(fn *ssa.Function, i int, a *aliasSet) {
	param := func(v ssa.Value) int {
		for q, p := range fn.Params {
			if v == ssa.Value(p) {
				return q
			}
		}
		return -1
	}
	add := func(ap apply) {
		if !slices.Contains(n.applies[fn], ap) {
			n.applies[fn] = append(n.applies[fn], ap)
		}
	}
	for instr := range instructions(fn) {
		c, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		cc := c.Common()
		if q := param(cc.Value); q >= 0 {
			for j, arg := range cc.Args {
				if a.has(arg) {
					add(apply{i, q, j})
				}
			}
			continue
		}
		if g := cc.StaticCallee(); g != nil && g != fn {
			for _, ap := range n.appliesOf(g) {
				if ap.fn < len(cc.Args) && ap.from < len(cc.Args) && a.has(cc.Args[ap.from]) {
					if q := param(cc.Args[ap.fn]); q >= 0 {
						add(apply{i, q, ap.arg})
					}
				}
			}
		}
	}
}

// boundMethod returns, for a method value (f := x.m), the method it
// calls and the receiver bound in it, or nil.
func boundMethod(v ssa.Value) (*ssa.Function, ssa.Value) {
	mc, ok := v.(*ssa.MakeClosure)
	if !ok || len(mc.Bindings) != 1 {
		return nil, nil
	}
	wrapper, ok := mc.Fn.(*ssa.Function)
	if !ok || !strings.HasPrefix(wrapper.Synthetic, "bound method wrapper") {
		return nil, nil
	}
	m, ok := wrapper.Object().(*types.Func)
	if !ok {
		return nil, nil
	}
	f := wrapper.Prog.FuncValue(m)
	if f == nil {
		return nil, nil // an interface's method
	}
	return f, mc.Bindings[0]
}

// funcValue returns the function a function value calls: a function, or
// the body of a closure; nil if unknown.
func funcValue(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		f, _ := v.Fn.(*ssa.Function)
		return f
	}
	return nil
}
