package flow

import (
	"go/types"
	"sort"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ssa"
)

// order returns the package's functions that are analysed on their own
// (named functions, methods, and closures that are not analysed in the
// context of their caller), callees before callers so that summaries of
// the package's own functions are ready when their callers need them.
func (e *engine) order(pkg *ssa.Package) (roots, all []*ssa.Function) {
	all = members(pkg)
	for _, f := range all {
		for _, anon := range f.AnonFuncs {
			if ctx := e.contextOf(anon); ctx != nil {
				e.inContext[anon] = true
				e.iterBody[anon] = ctx.kind == ctxIter
			}
		}
	}
	seen := make(map[*ssa.Function]bool)
	var visit func(f *ssa.Function)
	visit = func(f *ssa.Function) {
		if seen[f] {
			return
		}
		seen[f] = true
		for instr := range instructions(f) {
			if c, ok := instr.(ssa.CallInstruction); ok {
				if callee := c.Common().StaticCallee(); callee != nil && callee.Pkg == pkg {
					visit(callee)
				}
			}
			if mc, ok := instr.(*ssa.MakeClosure); ok {
				visit(mc.Fn.(*ssa.Function))
			}
		}
		if !e.inContext[f] {
			roots = append(roots, f)
		}
	}
	for _, f := range all {
		visit(f)
	}
	return roots, all
}

// callCtx says where an in-context closure runs in its parent.
type callCtx struct {
	parent *ssa.Function
	at     ssa.Instruction // the call, go or defer that runs it
	kind   ctxKind
	seq    ssa.Value // ctxIter: the iterator whose yield function it is
}

type ctxKind uint8

const (
	ctxCall ctxKind = iota
	ctxIter
	ctxGo
	ctxDefer
	ctxCallback // queued by an API call function: runs after a grace period
)

// contextOf returns where closure fn runs, if it is made in one place and
// used once, as the function of a call, go or defer statement, or as the
// yield function of a range-over-func loop.
func (e *engine) contextOf(fn *ssa.Function) *callCtx {
	if fn.Parent() == nil {
		return nil
	}
	parent := fn.Parent()
	// The closure value: a MakeClosure, or fn itself if it binds nothing.
	var val ssa.Value
	var uses []ssa.Instruction
	for instr := range instructions(parent) {
		if m, ok := instr.(*ssa.MakeClosure); ok && m.Fn == fn {
			if val != nil {
				return nil
			}
			val = m
			uses = append(uses, *m.Referrers()...)
			continue
		}
		var ops [8]*ssa.Value
		for _, op := range instr.Operands(ops[:0]) {
			if op != nil && *op == fn {
				val = fn
				uses = append(uses, instr)
			}
		}
	}
	if val == nil || len(uses) != 1 {
		return nil
	}
	mc := val
	use := uses[0]
	c, ok := use.(ssa.CallInstruction)
	if !ok {
		return nil
	}
	common := c.Common()
	kind := ctxCall
	switch use.(type) {
	case *ssa.Go:
		kind = ctxGo
	case *ssa.Defer:
		kind = ctxDefer
	}
	if common.Value == mc {
		return &callCtx{parent: parent, at: use, kind: kind}
	}
	if kind == ctxCall && !common.IsInvoke() && len(common.Args) == 1 && common.Args[0] == mc && fn.Synthetic == "range-over-func yield" {
		return &callCtx{parent: parent, at: use, kind: ctxIter, seq: common.Value}
	}
	if kind == ctxCall {
		if callee := common.StaticCallee(); callee != nil {
			if obj, ok := callee.Object().(*types.Func); ok {
				if role, ok := e.model.Lookup(obj).Has(apisem.Call); ok && role.Arg < len(common.Args) && common.Args[role.Arg] == mc {
					return &callCtx{parent: parent, at: use, kind: ctxCallback}
				}
			}
		}
	}
	return nil
}

// members returns the functions of pkg with bodies of its own, methods and
// function literals included, in source order.
func members(pkg *ssa.Package) []*ssa.Function {
	var all []*ssa.Function
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		all = append(all, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	for _, mem := range pkg.Members {
		switch mem := mem.(type) {
		case *ssa.Function:
			addAnons(mem)
		case *ssa.Type:
			if named, ok := mem.Type().(*types.Named); ok && named.TypeParams().Len() > 0 {
				// A generic type's methods have no method values; their
				// generic bodies are built as functions of their own.
				for m := range named.Methods() {
					if fn := pkg.Prog.FuncValue(m); fn != nil && fn.Pkg == pkg {
						addAnons(fn)
					}
				}
				continue
			}
			mset := pkg.Prog.MethodSets.MethodSet(types.NewPointer(mem.Type()))
			for m := range mset.Methods() {
				if fn := pkg.Prog.MethodValue(m); fn != nil && fn.Pkg == pkg && fn.Synthetic == "" {
					addAnons(fn)
				}
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Pos() < all[j].Pos() })
	return all
}
