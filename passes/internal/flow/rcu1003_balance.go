package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// checkRelease records the mistakes of a release call: the zero Section,
// another domain's section, and (given the state, for a call made now) a
// section that has already ended.
func (w *walker) checkRelease(c *ssa.CallCommon, pos token.Pos, state []tstate) {
	g := w.g
	callee, api, _ := g.callee(c)
	role, ok := api.Has(apisem.Release)
	if !ok || role.Arg >= len(c.Args) {
		return
	}
	arg := c.Args[role.Arg]
	if isZero(arg) {
		w.report(releaseZero, -1, pos, func(section) string {
			return fmt.Sprintf("%s of the zero Section, which no ReadLock made; end the Section that ReadLock returned", callee.Name())
		})
	} else if acq := w.zeroOnSomePath(arg, pos); acq != nil {
		f := w.report(releaseZero, -1, pos, func(section) string {
			return fmt.Sprintf("%s of a Section that is the zero value on the paths that skip the ReadLock at %s; end it only where it was begun", callee.Name(), g.e.at(acq.Pos()))
		})
		if f != nil {
			f.Related = append(f.Related, Related{Pos: acq.Pos(), Message: "begun here, on some paths only"})
		}
	}
	w.checkEnd(arg, g.domainOf(c, role.Domain), callee.Name(), pos, state)
	if state != nil {
		w.checkIteratorSection(arg, callee.Name(), pos) // rcu1001_deadderef.go
	}
}

// checkEnd records the mistakes of ending section value arg on domain d
// with function by: a section of another domain (RCU1004), or (given the
// state, for an end made now) one that has already ended. It also remembers, for the
// summary, on which domain the function ends its Section parameters.
func (w *walker) checkEnd(arg ssa.Value, d domain, by string, pos token.Pos, state []tstate) {
	g := w.g
	ends := g.secOf(arg)
	if g.heldInVariable(arg) && ends&(ends-1) != 0 {
		// A variable that holds one section at a time (s = ReadLock() in
		// a loop): ending it ends the one it holds, which is ended twice
		// only if all it may hold are.
		all := true
		ends.each(func(i int) { all = all && state != nil && state[i].st == ended })
		if !all {
			ends = 0
		}
	}
	ends.each(func(i int) {
		if state == nil {
			return
		}
		switch st := state[i]; {
		case st.st == ended:
			w.reportDoubleRelease(i, pos, by, st.endedAt, false)
		case st.st == maybe && st.endedAt != pos && !st.iterEnded && !st.goroutine && !st.callback && g.toks[i].kind != tokPhi && !g.heldInVariable(arg):
			w.reportDoubleRelease(i, pos, by, st.endedAt, true)
		}
	})
	g.under(g.secOf(arg)).each(func(i int) {
		t := g.toks[i]
		if t.kind == tokAcquired && t.domain.differs(d) {
			w.reportWrongDomain(i, pos, by, d) // rcu1004_wrongdomain.go
		}
		if t.kind == tokInput && t.fn == w.f {
			switch {
			case d.classic:
				w.releaseDomain[i] = apisem.Classic
			case d.srcu:
				if p := domainParam(w.f, d.key); p >= 0 {
					w.releaseDomain[i] = p
				}
			}
		}
	})
}

// checkOpenAtExit records sections begun in this function that are still live
// where it returns or panics, unless they are handed to the caller.
func (w *walker) checkOpenAtExit(state []tstate, exit ssa.Instruction, panics bool, handed ...tokset) {
	pos := exit.Pos()
	g := w.g
	var out tokset
	for _, h := range handed {
		out |= h
	}
	for i, t := range g.toks {
		if t.kind != tokAcquired || t.fn != w.f || out&bit(i) != 0 || state[i].deferred || g.lost&bit(i) != 0 || g.stored(i) || g.handedOut(i, w.f) {
			continue
		}
		if st := state[i].st; st == live || st == maybe && !state[i].iterEnded && w.openPathTo(i, exit) {
			var fix *FixHint
			if g.findings && !g.released(i) {
				fix = g.deferFix(t)
			}
			if at := g.e.leakingContinue(t.pos); at.IsValid() {
				w.reportLeak(i, at, "")
				continue
			}
			f := w.report(unbalanced, i, pos, func(s section) string {
				exit := "returns"
				if panics {
					exit = "panics"
				}
				paths := ""
				if st == maybe {
					paths = " on some paths"
				}
				return fmt.Sprintf("function %s with %s still open%s; end it on every path, e.g. with defer right after %s", exit, g.e.describe(s), paths, s.by)
			})
			if f != nil {
				f.Fix = fix
			}
		}
	}
}

// reportLeak records that section token i is left open by the continue at
// pos (and, if by is not empty, ended later by that quiescent state).
func (w *walker) reportLeak(i int, pos token.Pos, by string) {
	w.report(unbalanced, i, pos, func(s section) string {
		if by != "" {
			return fmt.Sprintf("this continue leaves %s open: only the next iteration's %s ends it, with no ReadUnlock; end it before continuing", w.g.e.describe(s), by)
		}
		return fmt.Sprintf("this continue leaves %s open: the next iteration begins another, and the first is never ended; end it before continuing", w.g.e.describe(s))
	})
}

// stored reports whether section token i is stored outside local
// variables, so that somebody else may end it.
func (g *group) stored(i int) bool {
	for _, f := range g.fns {
		for instr := range instructions(f) {
			if s, ok := instr.(*ssa.Store); ok && g.memRoot(s.Addr) == nil && g.under(g.secOf(s.Val))&bit(i) != 0 {
				return true
			}
			if mc, ok := instr.(*ssa.MakeClosure); ok && !g.e.inContext[mc.Fn.(*ssa.Function)] {
				for _, bnd := range mc.Bindings {
					if g.under(g.secOf(bnd))&bit(i) != 0 {
						return true
					}
					if root := g.memRoot(bnd); root != nil && g.mem[root]&bit(i) != 0 {
						return true
					}
				}
			}
		}
	}
	return false
}

// released reports whether anything in the group ends section token i:
// then a fix that adds a release could end it twice.
func (g *group) released(i int) bool {
	ends := func(c *ssa.CallCommon) bool {
		_, api, sum := g.callee(c)
		if role, ok := api.Has(apisem.Release); ok && role.Arg < len(c.Args) && g.under(g.secOf(c.Args[role.Arg]))&bit(i) != 0 {
			return true
		}
		for _, a := range c.Args {
			if g.under(g.secOf(a))&bit(i) != 0 && (sum != nil || c.StaticCallee() == nil) {
				return true // handed to a helper: it may end it
			}
			if root := g.memRoot(a); root != nil && g.mem[root]&bit(i) != 0 {
				return true
			}
		}
		return false
	}
	for _, f := range g.fns {
		for instr := range instructions(f) {
			if c, ok := instr.(ssa.CallInstruction); ok && ends(c.Common()) {
				return true
			}
		}
	}
	for _, anon := range g.root.AnonFuncs {
		if sum := g.e.summaries[anon]; sum != nil && len(sum.Releases) > 0 {
			return true
		}
	}
	return g.stored(i)
}

// deferFix returns the fix for a section that is never ended: end it with
// a deferred release right after the statement that begins it, when that
// statement is a plain "s := x.Acquire()".
func (g *group) deferFix(t *tok) *FixHint {
	if t.api == nil {
		return nil
	}
	rel := g.e.model.ReleaseFor(t.api)
	if rel == nil {
		return nil
	}
	pass := g.e.pass
	var file *ast.File
	for _, f := range pass.Files {
		if f.FileStart <= t.pos && t.pos < f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, t.pos, t.pos)
	var call *ast.CallExpr
	var assign *ast.AssignStmt
	for _, n := range path {
		if c, ok := n.(*ast.CallExpr); ok && call == nil {
			call = c
		}
		if a, ok := n.(*ast.AssignStmt); ok {
			assign = a
			break
		}
	}
	if call == nil || assign == nil || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 || assign.Rhs[0] != call {
		return nil
	}
	id, ok := assign.Lhs[0].(*ast.Ident)
	sel, ok2 := call.Fun.(*ast.SelectorExpr)
	if !ok || !ok2 || id.Name == "_" {
		return nil
	}
	indent := strings.Repeat("\t", max(pass.Fset.Position(assign.Pos()).Column-1, 0))
	text := "\n" + indent + "defer " + types.ExprString(sel.X) + "." + rel.Name() + "(" + id.Name + ")"
	return &FixHint{Message: "End the section with a deferred " + rel.Name(), Pos: assign.End(), Text: text}
}

// reportDoubleRelease records that by ends section token i at pos, which
// already ended at endedAt.
func (w *walker) reportDoubleRelease(i int, pos token.Pos, by string, endedAt token.Pos, somePaths bool) {
	w.report(doubleRelease, i, pos, func(s section) string {
		if somePaths {
			return fmt.Sprintf("%s ends %s, which has already ended on some paths (at %s); end each section exactly once on every path", by, w.g.e.describe(s), w.g.e.at(endedAt))
		}
		return fmt.Sprintf("%s ends %s, which already ended at %s; end each section exactly once", by, w.g.e.describe(s), w.g.e.at(endedAt))
	})
}

// heldInVariable reports whether section value v is loaded from a local
// variable.
func (g *group) heldInVariable(v ssa.Value) bool {
	ld, ok := g.resolve(v).(*ssa.UnOp)
	return ok && ld.Op == token.MUL && g.memRoot(ld.X) != nil
}

// handedOut reports whether section token i, begun in closure f, is stored
// in a variable of the function f runs in (a range-over-func loop body
// that re-takes the section into the loop's variable: s = ReadLock()):
// that function ends it.
func (g *group) handedOut(i int, f *ssa.Function) bool {
	if f.Parent() == nil {
		return false
	}
	for instr := range instructions(f) {
		if s, ok := instr.(*ssa.Store); ok && g.under(g.secOf(s.Val))&bit(i) != 0 {
			if root := g.memRoot(s.Addr); root != nil && root.Parent() != f {
				return true
			}
		}
	}
	return false
}

// checkOverwrite records (RCU1003) a section begun into a variable that
// still holds an open section (s = ReadLock() again, before ReadUnlock(s)):
// the first section is never ended, and the one end left ends the second.
// The variable is seen through the phis that merge its values: the value
// it holds where the new section begins is the phi of a loop around the
// acquire, or the other value merged, when it is defined before. A
// section that flowed into a value past the token budget is not followed
// there, so its end is not seen: it is left alone.
func (w *walker) checkOverwrite(c *ssa.Call, state []tstate) {
	g := w.g
	t, ok := g.tokOf[c]
	if !ok || g.toks[t].kind != tokAcquired || c.Referrers() == nil {
		return
	}
	var held []ssa.Value
	for _, r := range *c.Referrers() {
		switch r := r.(type) {
		case *ssa.Phi:
			if r.Comment == "" {
				continue
			}
			if r.Block().Dominates(c.Block()) {
				held = append(held, r)
			}
			for _, e := range r.Edges {
				if e == ssa.Value(c) {
					continue
				}
				if d, ok := e.(ssa.Instruction); ok && dominates(d, c) {
					held = append(held, e)
				}
			}
		case *ssa.Store:
			if r.Val == ssa.Value(c) {
				if root := g.memRoot(r.Addr); root != nil {
					for _, st := range g.storeAt[root] {
						if st != r && dominates(st, c) {
							held = append(held, st.Val)
						}
					}
				}
			}
		}
	}
	for _, h := range held {
		var open int = -1
		g.under(g.secOf(h)).each(func(i int) {
			if i != t && open < 0 && g.toks[i].kind == tokAcquired && !g.toks[i].shared && g.lost&bit(i) == 0 && state[i].st == live && !state[i].deferred {
				open = i
			}
		})
		if open < 0 {
			continue
		}
		name := c.Common().StaticCallee().Name()
		w.report(unbalanced, open, c.Pos(), func(s section) string {
			return fmt.Sprintf("%s begins a new section in the variable that holds %s, which is still open: that section is never ended, and the end meant for it ends the new one; end it before beginning another", name, g.e.describe(s))
		})
		return
	}
}
