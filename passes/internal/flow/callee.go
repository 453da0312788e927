package flow

import (
	"go/types"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ssa"
)

type calleeInfo struct {
	fn  *ssa.Function
	api *apisem.API
	sum *summary
}

// callee returns the static callee of a call, and its API if it is one,
// else its summary.
func (g *group) callee(c *ssa.CallCommon) (*ssa.Function, *apisem.API, *summary) {
	if ci, ok := g.e.callees[c]; ok {
		return ci.fn, ci.api, ci.sum
	}
	fn, api, sum := g.e.lookupCallee(c)
	if _, pending := g.e.summaries[fn]; pending || fn == nil || fn.Pkg == nil || fn.Pkg.Pkg != g.e.pass.Pkg {
		// Summaries of this package's functions are still being made:
		// cache only what cannot change.
		g.e.callees[c] = calleeInfo{fn, api, sum}
	}
	return fn, api, sum
}

func (e *engine) lookupCallee(c *ssa.CallCommon) (*ssa.Function, *apisem.API, *summary) {
	fn := c.StaticCallee()
	if fn == nil {
		return nil, nil, nil
	}
	// A directive says what a function does, in every package: it wins
	// over the summary made from its body (a wrapper of the caller's own
	// package that carries //rcu:acquire).
	if obj, ok := fn.Object().(*types.Func); ok {
		if api := e.model.Lookup(obj); api != nil {
			return fn, api, nil
		}
	}
	return fn, nil, e.summaryOf(fn)
}

// ownSummary returns the summary made for fn (or the generic function it
// instantiates) in this package, or nil.
func (e *engine) ownSummary(fn *ssa.Function) *summary {
	if s, ok := e.summaries[fn]; ok {
		return s
	}
	if o := fn.Origin(); o != nil {
		if s, ok := e.summaries[o]; ok {
			return s
		}
	}
	return nil
}

// summaryOf returns what fn does, as its callers see it: the summary made
// for it in this package, or its facts; nil if it has neither.
func (e *engine) summaryOf(fn *ssa.Function) *summary {
	if s := e.ownSummary(fn); s != nil {
		return s
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return nil
	}
	obj = obj.Origin()
	if s, ok := e.imported[obj]; ok {
		return s
	}
	s := importSummary(e.pass, obj)
	e.imported[obj] = s
	return s
}

// methodName names the method a call calls as "pkgpath.Type.Method" (the
// receiver's named type, pointer or not: "sync.Mutex.Lock",
// "sync/atomic.Bool.Load"), or "" for a call of a function, of a method
// not known statically, or with no arguments.
func methodName(c *ssa.CallCommon) string {
	fn := c.StaticCallee()
	if fn == nil || fn.Signature.Recv() == nil || len(c.Args) == 0 {
		return ""
	}
	t := fn.Signature.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name() + "." + fn.Name()
}

func calleeName(c *ssa.Call) string {
	if fn := c.Common().StaticCallee(); fn != nil {
		return fn.Name()
	}
	return "the publishing call"
}

// behind returns the function that function value v runs (a callback,
// a module's Exit): fn, the function or the closure's function, with a
// method value's wrapper seen through to the method it calls; and obj,
// the declared function or method behind it (an interface method for a
// wrapper that calls one; nil for a function literal). fn is nil if v is
// no function that can be told statically.
func behind(v ssa.Value) (fn *ssa.Function, obj *types.Func) {
	switch v := v.(type) {
	case *ssa.Function:
		fn = v
	case *ssa.MakeClosure:
		fn = v.Fn.(*ssa.Function)
	default:
		return nil, nil
	}
	if fn.Synthetic != "" && len(fn.Blocks) > 0 {
		// A bound method wrapper or a thunk calls the method once.
		for _, instr := range fn.Blocks[0].Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if callee := c.Common().StaticCallee(); callee != nil {
				if _, closure := v.(*ssa.MakeClosure); closure {
					fn = callee // a bound method: the method runs
				}
				if o, ok := callee.Object().(*types.Func); ok {
					return fn, o
				}
			}
			if c.Common().IsInvoke() {
				return fn, c.Common().Method
			}
		}
	}
	if o, ok := fn.Object().(*types.Func); ok {
		return fn, o
	}
	return fn, nil
}

// belongs reports whether callback value cb runs code of this package.
func (e *engine) belongs(cb ssa.Value) bool {
	if c, ok := cb.(*ssa.Call); ok {
		// A callback made by a function that returns it
		// (deferq.Add(release(t)), with release returning a closure).
		if maker := c.Common().StaticCallee(); maker != nil && len(maker.Blocks) > 0 {
			for _, b := range maker.Blocks {
				if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
					if fn, _ := behind(ret.Results[0]); fn != nil && fn.Pkg != nil && fn.Pkg.Pkg == e.pass.Pkg {
						return true
					}
				}
			}
		}
		return false
	}
	fn, obj := behind(cb)
	if fn == nil {
		return false
	}
	if obj != nil {
		return obj.Pkg() == e.pass.Pkg
	}
	return fn.Pkg != nil && fn.Pkg.Pkg == e.pass.Pkg
}

// exitFn returns the function that a module's Exit (or a callback) value
// runs, or nil.
func exitFn(v ssa.Value) *ssa.Function {
	fn, _ := behind(v)
	return fn
}
