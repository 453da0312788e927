package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/blocking"
	"golang.org/x/tools/go/ssa"
)

// checkBlocking records what may block inside a classic section (RCU1005),
// grace-period waits inside a section of their own domain (RCU1006),
// callbacks that may block (RCU3001, RCU3002) and expedited grace periods
// in loops (RCU4001).
func (w *walker) checkBlocking(instr ssa.Instruction, state []tstate) {
	if d, ok := instr.(*ssa.Defer); ok {
		// A call deferred after the release of a section runs before it:
		// check it as if made now, with only those sections open.
		open := make([]tstate, len(state))
		for i, st := range state {
			if st.deferred && st.st == live {
				open[i] = tstate{st: live}
			} else {
				open[i] = tstate{st: ended}
			}
		}
		w.checkBlockingAt(&ssa.Call{Call: *d.Common()}, d.Pos(), open)
		return
	}
	w.checkBlockingAt(instr, instr.Pos(), state)
}

// checkBlockingAt checks instr as if it ran at pos with state.
func (w *walker) checkBlockingAt(instr ssa.Instruction, pos token.Pos, state []tstate) {
	g := w.g
	why := ""
	switch v := instr.(type) {
	case *ssa.Send:
		why = "sends on a channel"
	case *ssa.UnOp:
		if v.Op == token.ARROW {
			why = "receives from a channel"
		}
	case *ssa.Select:
		if v.Blocking {
			why = "waits in a select without a default case"
		}
	case *ssa.Call:
		c := v.Common()
		callee, api, _ := g.callee(c)
		if role, ok := api.Has(apisem.Sync); ok {
			w.checkSync(c, role, "waits for a grace period", pos, state)
			if role.Expedited && v.Block() != nil && w.inLoop(instr) {
				w.reportExpeditedInLoop(pos, callee.Name())
			}
			return
		}
		if role, ok := api.Has(apisem.Barrier); ok {
			w.checkSync(c, role, "waits for callbacks", pos, state)
			return
		}
		if role, ok := api.Has(apisem.Call); ok && role.Arg < len(c.Args) {
			w.checkCallbackBlocks(c.Args[role.Arg], pos)
		}
		if m := g.mayBlock(c); m != nil {
			why = m.Why
			if m.GraceWhy != "" {
				w.checkGraceVia(c, m, pos, state)
			}
		}
	}
	if why == "" {
		return
	}
	for i := range g.toks {
		if t := g.display(i); t.kind == tokAcquired && t.domain.classic && g.openHere(i, state) {
			w.reportBlock(i, pos, why)
		}
	}
}

// openHere reports whether section token i is open here (see open) and
// the engine can tell: a token past the budget (shared), or one that
// flowed into a value past the budget (lost), may have been ended through
// that value, so it is never reported as open.
func (g *group) openHere(i int, state []tstate) bool {
	return open(state[i]) && !g.toks[i].shared && g.lost&bit(i) == 0
}

// open reports whether a section is open here, for the code that runs
// here, on some path: not in a goroutine or callback that merely sees it,
// and not only because a range-over-func body may have ended it on its way
// out.
func open(st tstate) bool {
	if st.goroutine || st.callback {
		return false
	}
	return st.st == live || st.st == maybe && !st.iterEnded
}

// mayBlock returns why the function a call calls may block, or nil. Calls
// of closures analysed in place are not counted: their bodies are checked
// where they run.
func (g *group) mayBlock(c *ssa.CallCommon) *blocking.MayBlock {
	fn := c.StaticCallee()
	if fn == nil && c.IsInvoke() && c.Method.Pkg() != nil && c.Method.Pkg().Path() == "net" {
		return g.e.blocking.Call(c.Method) // net.Conn and friends: network I/O
	}
	if why := networkCall(c); why != "" {
		return &blocking.MayBlock{Why: why, SlowWhy: why}
	}
	if fn == nil {
		return nil
	}
	if fn.Parent() != nil && g.e.inContext[fn] {
		return nil
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		return g.e.blocking.Call(obj)
	}
	return g.e.funcBlocks(fn)
}

// funcBlocks returns why fn may block, or nil.
func (e *engine) funcBlocks(fn *ssa.Function) *blocking.MayBlock {
	if lit, ok := fn.Syntax().(*ast.FuncLit); ok {
		return e.blocking.Lit(lit)
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		return e.blocking.Func(obj)
	}
	return nil
}

// reportBlock records that what happens at pos, which why says, may block
// inside the classic section token i.
func (w *walker) reportBlock(i int, pos token.Pos, why string) {
	w.report(blockInSection, i, pos, func(s section) string {
		return fmt.Sprintf("%s inside %s of classic RCU; a classic reader must not block (it holds up every grace period): copy what you need and block after ReadUnlock, or use an SRCU domain, whose readers may block", why, w.g.e.describe(s))
	})
}

// networkCall returns why call c waits for the network through an
// interface (see passes/internal/blocking/network.go), or "": a method of
// a network value (w.Write on an http.ResponseWriter), or a standard
// function handed one (fmt.Fprintf(w, ...), io.Copy(conn, r.Body)).
func networkCall(c *ssa.CallCommon) string {
	if c.IsInvoke() && blocking.NetworkMethod(c.Method.Name()) {
		if what := networkValue(c.Value); what != "" {
			return "calls " + c.Method.Name() + " on " + what
		}
	}
	fn := c.StaticCallee()
	if fn == nil {
		return ""
	}
	obj, _ := fn.Object().(*types.Func)
	if obj != nil && obj.Signature().Recv() != nil && blocking.WrapperMethod(obj.Name()) && len(c.Args) > 0 {
		// json.NewEncoder(w).Encode(v): an encoder over the network.
		if made, ok := c.Args[0].(*ssa.Call); ok && made.Common().StaticCallee() != nil {
			ctor, _ := made.Common().StaticCallee().Object().(*types.Func)
			if i, ok := blocking.StreamWrapper(ctor); ok && i < len(made.Common().Args) {
				if what := networkValue(made.Common().Args[i]); what != "" {
					t := types.TypeString(made.Type(), func(p *types.Package) string { return p.Name() })
					return "calls " + obj.Name() + " on " + blocking.Article(strings.TrimPrefix(t, "*")) + " over " + what
				}
			}
		}
	}
	for _, i := range blocking.StreamArgs(obj) {
		if i < len(c.Args) {
			if what := networkValue(c.Args[i]); what != "" {
				return "calls " + obj.Pkg().Name() + "." + obj.Name() + " on " + what
			}
		}
	}
	return ""
}

// networkValue names what v is, before conversions to an interface, if it
// is a network connection or stream, or returns "".
func networkValue(v ssa.Value) string {
	v = unwrapIface(v)
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if fa, ok := ld.X.(*ssa.FieldAddr); ok {
			if st, ok := pointedStruct(fa.X.Type()); ok && fa.Field < st.NumFields() && blocking.NetworkBody(fa.X.Type(), st.Field(fa.Field).Name()) {
				return "an HTTP body (network I/O)"
			}
		}
	}
	if blocking.IsNetwork(v.Type()) {
		return blocking.Article(types.TypeString(v.Type(), func(p *types.Package) string { return p.Name() })) + " (network I/O)"
	}
	return ""
}
