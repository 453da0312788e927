package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/blocking"
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
				w.emit(Event{Pos: pos, Callee: callee.Name()}, -1, ExpeditedInLoop)
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
			w.emit(Event{Pos: pos, How: why}, i, BlockInSection)
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

// checkGraceVia records a call to a function that waits for a grace
// period or for callbacks: on the domain of an open section it waits for
// itself (RCU1006); inside a classic section of another domain, it blocks
// it (RCU1005).
func (w *walker) checkGraceVia(c *ssa.CallCommon, m *blocking.MayBlock, pos token.Pos, state []tstate) {
	g := w.g
	class := atCall(m.GraceDomain, c)
	callee, own := "the function", m.GraceWhy
	if fn := c.StaticCallee(); fn != nil {
		callee = fn.Name()
		if obj, ok := fn.Object().(*types.Func); ok {
			if raw := g.e.blocking.Func(obj); raw != nil && raw.GraceWhy != "" {
				own = raw.GraceWhy // what the callee itself does
			}
		}
	}
	for i := range g.toks {
		t := g.display(i)
		if t.kind != tokAcquired || !g.openHere(i, state) {
			continue
		}
		switch {
		case class != "" && class == t.domain.class:
			w.emit(Event{Pos: pos, Callee: callee, How: own}, i, SyncInSection)
		case t.domain.classic:
			w.emit(Event{Pos: pos, How: m.GraceWhy}, i, BlockInSection)
		}
	}
}

// mayBlock returns why the function a call calls may block, or nil. Calls
// of closures analysed in place are not counted: their bodies are checked
// where they run.
func (g *group) mayBlock(c *ssa.CallCommon) *blocking.MayBlock {
	fn := c.StaticCallee()
	if fn == nil {
		if c.IsInvoke() && c.Method.Pkg() != nil && c.Method.Pkg().Path() == "net" {
			return g.e.blocking.Call(c.Method) // net.Conn and friends: network I/O
		}
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

// checkSync records a grace-period or barrier wait on the domain of a
// section that is live here: it would wait for itself (RCU1006). A wait on
// another domain inside a classic section blocks it (RCU1005).
func (w *walker) checkSync(c *ssa.CallCommon, role apisem.Role, what string, pos token.Pos, state []tstate) {
	g := w.g
	callee, _, _ := g.callee(c)
	d := g.domainOf(c, role.Domain)
	for i := range g.toks {
		t := g.display(i)
		if t.kind != tokAcquired || !g.openHere(i, state) {
			continue
		}
		same := t.domain.classic && d.classic || t.domain.srcu && d.srcu && t.domain.key != "" && t.domain.key == d.key
		switch {
		case same:
			w.emit(Event{Pos: pos, Callee: callee.Name(), How: what}, i, SyncInSection)
		case t.domain.classic:
			w.emit(Event{Pos: pos, How: "calls " + callee.Name() + ", which " + what}, i, BlockInSection)
		}
	}
}

// checkCallbackBlocks records a callback, queued here, that may block.
func (w *walker) checkCallbackBlocks(fnv ssa.Value, pos token.Pos) {
	var fn *ssa.Function
	switch v := fnv.(type) {
	case *ssa.Function:
		fn = v
	case *ssa.MakeClosure:
		fn = v.Fn.(*ssa.Function)
	}
	if fn == nil {
		return // a callback not known here: precision first
	}
	if obj := callbackFunc(fn); obj != nil {
		if m := w.g.e.blocking.Func(obj); m != nil {
			w.reportCallback(m, obj.Name(), pos)
		}
		return
	}
	if m := w.g.e.funcBlocks(fn); m != nil {
		w.reportCallback(m, "", pos)
	}
}

// callbackFunc returns the declared function or method that fn runs: fn
// itself, or for a method value the method its wrapper calls. It returns
// nil for a function literal.
func callbackFunc(fn *ssa.Function) *types.Func {
	if obj, ok := fn.Object().(*types.Func); ok {
		return obj
	}
	if fn.Synthetic != "" && len(fn.Blocks) > 0 {
		// A bound method wrapper calls the method once.
		for _, instr := range fn.Blocks[0].Instrs {
			if c, ok := instr.(*ssa.Call); ok {
				if callee := c.Common().StaticCallee(); callee != nil {
					if obj, ok := callee.Object().(*types.Func); ok {
						return obj
					}
				}
				if c.Common().IsInvoke() {
					return c.Common().Method
				}
			}
		}
	}
	return nil
}

func (w *walker) reportCallback(m *blocking.MayBlock, name string, pos token.Pos) {
	if m.Why != "" {
		w.emit(Event{Pos: pos, Callee: name, How: m.Why}, -1, CallbackBlocks)
	}
	if m.GraceWhy != "" {
		w.emit(Event{Pos: pos, Callee: name, How: m.GraceWhy}, -1, CallbackSyncs)
	}
}

// inLoop reports whether instr can run more than once in one call of its
// function: its block is on a cycle, or the function is the body of a
// range-over-func loop.
func (w *walker) inLoop(instr ssa.Instruction) bool {
	f := instr.Parent()
	if ctx := w.g.ctx[f]; ctx != nil {
		switch ctx.kind {
		case ctxIter:
			return true
		case ctxCall, ctxDefer:
			if w.inLoop(ctx.at) {
				return true // a closure called in place in a loop
			}
		}
	}
	start := instr.Block()
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), start.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == start {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}
