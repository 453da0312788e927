package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// Module exit and SRCU teardown. A module's Exit must wait, with the
// matching Barrier, for every callback its package queued (or had queued
// on its behalf) before the module goes away; an SRCU domain must not be
// cleaned up with callbacks queued, nor used afterwards. Domains are
// compared by class: "classic", a package variable, or a struct field
// (every value of a type keeps its domain in the same field).

const classic = "classic"

// classOf returns the class of the domain a call works on (role.Domain of
// call c), or "" if it cannot be told.
func classOf(c *ssa.CallCommon, domainArg int) string {
	if domainArg == apisem.Classic {
		return classic
	}
	if domainArg < 0 || domainArg >= len(c.Args) {
		return ""
	}
	return valueClass(c.Args[domainArg])
}

// valueClass names the domain value v denotes, for comparison across
// functions: a package variable, a field of a struct type, or a parameter
// ("p0", for summaries).
func valueClass(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Global:
		return "g:" + v.Pkg.Pkg.Path() + "." + v.Name()
	case *ssa.FieldAddr:
		if p, ok := v.X.Type().Underlying().(*types.Pointer); ok {
			return "f:" + types.TypeString(p.Elem(), nil) + "." + fieldName(v.X.Type(), v.Field)
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if c := valueClass(v.X); c != "" && c[0] != 'p' {
				return "*" + c
			}
		}
	case *ssa.Parameter:
		for i, p := range v.Parent().Params {
			if p == v {
				return "p" + strconv.Itoa(i)
			}
		}
	}
	return ""
}

// atCall maps a summary's domain class (which may name a parameter) to
// the class at a call site.
func atCall(class string, c *ssa.CallCommon) string {
	if len(class) > 1 && class[0] == 'p' {
		if i, err := strconv.Atoi(class[1:]); err == nil && i < len(c.Args) {
			return valueClass(c.Args[i])
		}
		return ""
	}
	return class
}

// className describes a class for messages.
func className(class string) string {
	class = strings.TrimPrefix(class, "*")
	switch {
	case class == classic:
		return "classic RCU"
	case len(class) > 2 && class[:2] == "g:":
		name := class[2:]
		for i := len(name) - 1; i >= 0; i-- {
			if name[i] == '.' {
				return "SRCU domain " + name[i+1:]
			}
		}
		return "SRCU domain " + name
	case len(class) > 2 && class[:2] == "f:":
		return "the SRCU domain in field " + class[2:]
	}
	return "an SRCU domain"
}

// Post is a callback a function queues: on domain Domain (a class, "p1"
// for its parameter 1), the function in parameter Param.
type Post struct {
	Param  int
	Domain string
}

// summarizeTeardown adds to fn's summary what callers need for the exit
// checks: the callbacks it queues from its parameters, the domains it
// waits for with Barrier on every path, and the parameters it makes a
// module's Exit.
func (e *engine) summarizeTeardown(fn *ssa.Function, sum *Summary) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Call:
				e.eachPost(v.Common(), func(cb ssa.Value, class string) {
					if i := paramOf(fn, cb); i >= 0 {
						sum.Posts = append(sum.Posts, Post{Param: i, Domain: class})
					}
				})
				if i, ok := e.exitStoreViaCall(v.Common()); ok {
					if p := paramOf(fn, i); p >= 0 {
						sum.ExitParams = append(sum.ExitParams, p)
					}
				}
			case *ssa.Store:
				if fa, ok := v.Addr.(*ssa.FieldAddr); ok && e.isExitField(fa) {
					if p := paramOf(fn, v.Val); p >= 0 {
						sum.ExitParams = append(sum.ExitParams, p)
					}
				}
			}
		}
	}
	ts := e.mustTeardown(fn, nil)
	sum.Barriers = ts.barriers
	sum.UsesDomains = e.usesDomains(fn) // usedomain.go
	e.summarizeWaits(fn, sum)           // pointers.go
	e.summarizeDestroys(fn, sum)        // retire.go
	slices.SortFunc(sum.Posts, func(a, b Post) int {
		if a.Param != b.Param {
			return a.Param - b.Param
		}
		return compareStrings(a.Domain, b.Domain)
	})
	sum.Posts = slices.Compact(sum.Posts)
	slices.Sort(sum.ExitParams)
	sum.ExitParams = slices.Compact(sum.ExitParams)
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// paramOf returns the index of the parameter that v is, or that a closure
// v binds and calls, or -1.
func paramOf(fn *ssa.Function, v ssa.Value) int {
	switch v := v.(type) {
	case *ssa.Parameter:
		for i, p := range fn.Params {
			if p == v {
				return i
			}
		}
	case *ssa.MakeClosure:
		for _, b := range v.Bindings {
			if i := paramOf(fn, b); i >= 0 {
				return i
			}
		}
	case *ssa.Alloc:
		// A captured parameter lives in a cell: look at what is stored.
		if refs := v.Referrers(); refs != nil {
			for _, r := range *refs {
				if st, ok := r.(*ssa.Store); ok && st.Addr == v {
					if i := paramOf(fn, st.Val); i >= 0 {
						return i
					}
				}
			}
		}
	}
	return -1
}

// eachPost calls f for each callback call c queues: directly, with an API
// call function, or through a helper whose summary says it queues one of
// its parameters.
func (e *engine) eachPost(c *ssa.CallCommon, f func(cb ssa.Value, class string)) {
	fn := c.StaticCallee()
	if fn == nil {
		return
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		if role, ok := e.model.Lookup(obj).Has(apisem.Call); ok && role.Arg < len(c.Args) {
			if class := classOf(c, role.Domain); class != "" {
				f(c.Args[role.Arg], class)
			}
			return
		}
	}
	if sum := e.summaryOf(fn); sum != nil {
		for _, p := range sum.Posts {
			if p.Param < len(c.Args) {
				if class := atCall(p.Domain, c); class != "" {
					f(c.Args[p.Param], class)
				}
			}
		}
	}
}

// summaryOf returns the summary of fn: this package's, or a fact.
func (e *engine) summaryOf(fn *ssa.Function) *Summary {
	if s, ok := e.summaries[fn]; ok {
		return s
	}
	if o := fn.Origin(); o != nil {
		if s, ok := e.summaries[o]; ok {
			return s
		}
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return nil
	}
	var s Summary
	if e.pass.ImportObjectFact(obj.Origin(), &s) {
		return &s
	}
	return nil
}

func (e *engine) isExitField(fa *ssa.FieldAddr) bool {
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return false
	}
	return e.model.IsExit(st.Field(fa.Field))
}

// exitStoreViaCall returns the argument that a helper called by c makes a
// module's Exit.
func (e *engine) exitStoreViaCall(c *ssa.CallCommon) (ssa.Value, bool) {
	fn := c.StaticCallee()
	if fn == nil {
		return nil, false
	}
	if sum := e.summaryOf(fn); sum != nil {
		for _, i := range sum.ExitParams {
			if i < len(c.Args) {
				return c.Args[i], true
			}
		}
	}
	return nil, false
}

// belongs reports whether callback value cb runs code of this package.
func (e *engine) belongs(cb ssa.Value) bool {
	var fn *ssa.Function
	switch v := cb.(type) {
	case *ssa.Function:
		fn = v
	case *ssa.MakeClosure:
		fn = v.Fn.(*ssa.Function)
	}
	if fn == nil {
		return false
	}
	if obj := callbackFunc(fn); obj != nil {
		return obj.Pkg() == e.pass.Pkg
	}
	return fn.Pkg != nil && fn.Pkg.Pkg == e.pass.Pkg
}

// teardownState is what has certainly happened on every path to a point:
// the domains waited for with Barrier (or whose Barrier is deferred), and
// those cleaned up.
type teardownState struct {
	barriers []string
	deferred []string
	cleaned  []string
}

func joinSets(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func addSet(a []string, x string) []string {
	if x == "" || slices.Contains(a, x) {
		return a
	}
	return append(slices.Clone(a), x)
}

// mustTeardown computes, for fn, the domains waited for with Barrier on
// every path that returns. If visit is not nil, it is called at every call
// with the state before it.
func (e *engine) mustTeardown(fn *ssa.Function, visit func(c *ssa.CallCommon, pos token.Pos, st teardownState)) struct{ barriers []string } {
	n := len(fn.Blocks)
	if n == 0 {
		return struct{ barriers []string }{}
	}
	in := make([]*teardownState, n)
	in[0] = &teardownState{}
	var exit *teardownState
	step := func(b *ssa.BasicBlock, st teardownState, visit func(*ssa.CallCommon, token.Pos, teardownState)) teardownState {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Call:
				if visit != nil {
					visit(v.Common(), v.Pos(), st)
				}
				st = e.teardownCall(v.Common(), st, false)
			case *ssa.Defer:
				st = e.teardownCall(v.Common(), st, true)

			case *ssa.Return:
				done := teardownState{barriers: st.barriers}
				for _, d := range st.deferred {
					done.barriers = addSet(done.barriers, d)
				}
				if exit == nil {
					exit = &done
				} else {
					exit.barriers = joinSets(exit.barriers, done.barriers)
				}
			}
		}
		return st
	}
	// Forward must-analysis to a fixed point over the blocks.
	for changed := true; changed; {
		changed = false
		exit = nil
		for _, b := range fn.Blocks {
			if in[b.Index] == nil {
				continue
			}
			out := step(b, *in[b.Index], nil)
			for _, s := range b.Succs {
				if in[s.Index] == nil {
					cp := out
					in[s.Index] = &cp
					changed = true
					continue
				}
				j := teardownState{
					barriers: joinSets(in[s.Index].barriers, out.barriers),
					deferred: joinSets(in[s.Index].deferred, out.deferred),
					cleaned:  joinSets(in[s.Index].cleaned, out.cleaned),
				}
				if len(j.barriers) != len(in[s.Index].barriers) || len(j.deferred) != len(in[s.Index].deferred) || len(j.cleaned) != len(in[s.Index].cleaned) {
					in[s.Index] = &j
					changed = true
				}
			}
		}
	}
	if visit != nil {
		for _, b := range fn.Blocks {
			if in[b.Index] != nil {
				step(b, *in[b.Index], visit)
			}
		}
	}
	if exit == nil {
		return struct{ barriers []string }{}
	}
	slices.Sort(exit.barriers)
	return struct{ barriers []string }{exit.barriers}
}

// teardownCall applies call c (deferred, if deferred) to st.
func (e *engine) teardownCall(c *ssa.CallCommon, st teardownState, deferred bool) teardownState {
	fn := c.StaticCallee()
	if fn == nil {
		return st
	}
	var barriers []string
	if obj, ok := fn.Object().(*types.Func); ok {
		api := e.model.Lookup(obj)
		if role, ok := api.Has(apisem.Barrier); ok {
			barriers = append(barriers, classOf(c, role.Domain))
		}
		if role, ok := api.Has(apisem.Cleanup); ok && !deferred {
			st.cleaned = addSet(st.cleaned, instanceOf(c, role.Domain))
		}
	}
	if sum := e.summaryOf(fn); sum != nil {
		for _, b := range sum.Barriers {
			barriers = append(barriers, atCall(b, c))
		}
	}
	for _, b := range barriers {
		if deferred {
			st.deferred = addSet(st.deferred, b)
		} else {
			st.barriers = addSet(st.barriers, b)
		}
	}
	return st
}

// checkTeardown runs the exit and SRCU teardown checks over the package.
func (e *engine) checkTeardown(funcs []*ssa.Function) {
	// What the package queues: its own callbacks, by domain.
	posts := make(map[string]token.Pos)
	var exits []exitSite
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch v := instr.(type) {
				case *ssa.Call:
					e.eachPost(v.Common(), func(cb ssa.Value, class string) {
						if class != "" && class[0] != 'p' && e.belongs(cb) {
							if p, ok := posts[class]; !ok || v.Pos() < p {
								posts[class] = v.Pos()
							}
						}
					})
					if x, ok := e.exitStoreViaCall(v.Common()); ok {
						exits = append(exits, exitSite{x, v.Pos()})
					}
				case *ssa.Store:
					if fa, ok := v.Addr.(*ssa.FieldAddr); ok && e.isExitField(fa) {
						exits = append(exits, exitSite{v.Val, v.Pos()})
					}
				}
			}
		}
	}
	// The locks callbacks take, by domain, for RCU3003.
	callbackLocks := make(map[string]token.Pos)
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok {
					e.eachPost(c.Common(), func(cb ssa.Value, class string) {
						if class == "" || class[0] == 'p' {
							return
						}
						e.callbackLocking(exitFunc(cb), 0, func(lock string, pos token.Pos) {
							if _, ok := callbackLocks[class+"|"+lock]; !ok {
								callbackLocks[class+"|"+lock] = pos
							}
						})
					})
				}
			}
		}
	}
	e.lockOrder(callbackLocks)
	e.finishPointers(funcs) // pointers.go
	e.checkRetire(funcs)    // retire.go

	classes := make([]string, 0, len(posts))
	for c := range posts {
		classes = append(classes, c)
	}
	slices.Sort(classes)

	var signals map[string]*stopSignals
	if len(exits) > 0 {
		signals = e.posterSignals(funcs) // stop.go
	} else {
		e.checkModulesWithoutExit(funcs, classes, posts) // noexit.go
	}
	seen := make(map[*ssa.Function]bool)
	for _, x := range exits {
		fn := exitFunc(x.val)
		if fn == nil || seen[fn] || fn.Pkg == nil || fn.Pkg.Pkg != e.pass.Pkg {
			continue
		}
		seen[fn] = true
		e.checkExit(fn, x.pos, classes, posts)
		e.checkStopOrder(fn, signals)
	}
	// SRCU teardown in every function.
	for _, fn := range funcs {
		e.checkDeferredCleanup(fn, posts) // defercleanup.go
		e.checkLocalCleanup(fn)           // localsrcu.go
		e.checkQSBRSelfWait(fn)           // qsbrself.go
		e.mustTeardown(fn, func(c *ssa.CallCommon, pos token.Pos, st teardownState) {
			callee := c.StaticCallee()
			if callee == nil {
				return
			}
			if e.useAfterCleanupVia(fn, c, callee, pos, st) { // usedomain.go
				return
			}
			obj, ok := callee.Object().(*types.Func)
			if !ok {
				return
			}
			api := e.model.Lookup(obj)
			if api == nil {
				return
			}
			for _, r := range api.Roles {
				if r.Domain < 0 || r.Kind == apisem.Release {
					continue
				}
				class := classOf(c, r.Domain)
				if class == "" {
					continue
				}
				if k := instanceOf(c, r.Domain); k != "" && slices.Contains(st.cleaned, k) {
					e.result.Events = append(e.result.Events, Event{Kind: UseAfterCleanup, Pos: pos, Domain: className(class), Callee: callee.Name(), Func: fn.RelString(fn.Pkg.Pkg)})
					return
				}
				if r.Kind == apisem.Cleanup {
					if p, ok := posts[class]; ok && !slices.Contains(st.barriers, class) {
						e.result.Events = append(e.result.Events, Event{Kind: CleanupWithCallbacks, Pos: pos, Domain: className(class), Related: p, Func: fn.RelString(fn.Pkg.Pkg)})
					}
					return
				}
			}
		})
	}
}

type exitSite struct {
	val ssa.Value
	pos token.Pos
}

// exitFunc returns the function of this package that an exit value runs.
func exitFunc(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn := v.Fn.(*ssa.Function)
		if fn.Synthetic != "" && len(fn.Blocks) > 0 {
			for _, instr := range fn.Blocks[0].Instrs {
				if c, ok := instr.(*ssa.Call); ok {
					if callee := c.Common().StaticCallee(); callee != nil {
						return callee
					}
				}
			}
		}
		return fn
	}
	return nil
}

// checkExit checks one module's exit function: it must wait with Barrier
// for each domain on which the package queues callbacks.
func (e *engine) checkExit(fn *ssa.Function, at token.Pos, classes []string, posts map[string]token.Pos) {
	var syncs []struct {
		class string
		pos   token.Pos
		call  *ssa.CallCommon
	}
	done := e.mustTeardown(fn, func(c *ssa.CallCommon, pos token.Pos, st teardownState) {
		if callee := c.StaticCallee(); callee != nil {
			if obj, ok := callee.Object().(*types.Func); ok {
				if role, ok := e.model.Lookup(obj).Has(apisem.Sync); ok {
					syncs = append(syncs, struct {
						class string
						pos   token.Pos
						call  *ssa.CallCommon
					}{classOf(c, role.Domain), pos, c})
				}
			}
		}
	})
	name := fn.Name()
	if fn.Parent() != nil {
		name = "the Exit function literal"
	}
	for _, class := range classes {
		if slices.Contains(done.barriers, class) {
			continue
		}
		reported := false
		if !e.callsBarrier(fn, class) {
			for _, s := range syncs {
				if s.class == class {
					var fix *FixHint
					if len(s.call.Args) == 0 || (s.call.Signature() != nil && s.call.Signature().Recv() != nil && len(s.call.Args) == 1) {
						fix = e.barrierFix(s.pos)
					}
					e.result.Events = append(e.result.Events, Event{Kind: ExitSyncNotBarrier, Pos: s.pos, Domain: className(class), Callee: name, Related: posts[class], Fix: fix})
					reported = true
				}
			}
		}
		if !reported {
			pos := fn.Pos()
			if pos == token.NoPos {
				pos = at
			}
			e.result.Events = append(e.result.Events, Event{Kind: ExitMissingBarrier, Pos: pos, Domain: className(class), Callee: name, Related: posts[class], How: barrierCall(class)})
		}
	}
}

// barrierCall says how to wait for the callbacks of a domain class.
func barrierCall(class string) string {
	if class == classic {
		return "rcuapi.Barrier()"
	}
	return "the domain's Barrier()"
}

// barrierFix replaces the name of the Synchronize call at pos with
// Barrier.
func (e *engine) barrierFix(pos token.Pos) *FixHint {
	for _, f := range e.pass.Files {
		if f.FileStart > pos || pos >= f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				continue
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return nil
			}
			return &FixHint{Message: "Wait for the callbacks with Barrier", Pos: sel.Sel.Pos(), End: sel.Sel.End(), Text: "Barrier"}
		}
	}
	return nil
}

// callsBarrier reports whether fn calls Barrier for class on some path: an
// Exit that does so but misses a path needs RCU6001, not a Barrier in place
// of its Synchronize.
func (e *engine) callsBarrier(fn *ssa.Function, class string) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			st := e.teardownCall(c.Common(), teardownState{}, false)
			if slices.Contains(st.barriers, class) {
				return true
			}
		}
	}
	return false
}

// instanceOf names the one domain value an API call at c works on, within
// its function: a package variable, a field of a parameter, a local
// variable; a domain loaded from a pointer variable is named by that load
// alone (the variable may hold another domain later). "" if unknown.
func instanceOf(c *ssa.CallCommon, domainArg int) string {
	if domainArg < 0 || domainArg >= len(c.Args) {
		return ""
	}
	v := c.Args[domainArg]
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		return fmt.Sprintf("v:%p", u)
	}
	k, _ := valueKey(v)
	return k
}
