package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
)

// A function that uses a domain it is given (d.ReadLock, d.Call, ... on
// its parameter) says so in its summary (UsesDomains), so that a call of it
// with a domain that was cleaned up is a use after Cleanup (RCU6005) in
// the caller, in any package.

// usesDomains returns the parameters fn uses as a domain.
func (e *engine) usesDomains(fn *ssa.Function) []int {
	var out []int
	for instr := range instructions(fn) {
		c, ok := instr.(ssa.CallInstruction)
		if !ok {
			continue
		}
		cc := c.Common()
		callee := cc.StaticCallee()
		if callee == nil {
			continue
		}
		var args []int
		if obj, ok := callee.Object().(*types.Func); ok {
			if api := e.model.Lookup(obj); api != nil {
				for _, r := range api.Roles {
					if r.Domain >= 0 {
						args = append(args, r.Domain)
					}
				}
			}
		}
		if sum := e.summaryOf(callee); sum != nil && callee != fn {
			args = append(args, sum.UsesDomains...)
		}
		for _, a := range args {
			if a < len(cc.Args) {
				if i := paramOf(fn, cc.Args[a]); i >= 0 && !slices.Contains(out, i) {
					out = append(out, i)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// useAfterCleanupVia reports (UseAfterCleanup) a call, after the Cleanup
// of a domain, of a function that uses that domain as its parameter, and
// reports whether it did.
func (e *engine) useAfterCleanupVia(fn *ssa.Function, c *ssa.CallCommon, callee *ssa.Function, pos token.Pos, st teardownState) bool {
	if len(st.cleaned) == 0 {
		return false
	}
	if obj, ok := callee.Object().(*types.Func); ok && e.model.Lookup(obj) != nil {
		return false // an API function: its roles are checked by the caller
	}
	sum := e.summaryOf(callee)
	if sum == nil {
		return false
	}
	for _, i := range sum.UsesDomains {
		if k := instanceOf(c, i); k.known() && slices.Contains(st.cleaned, k) {
			class := valueClass(c.Args[i])
			e.reportUseAfterCleanup(pos, callee.Name(), class.DomainName())
			return true
		}
	}
	return false
}

// reportUseAfterCleanup records a use at pos, by by, of the domain named
// domain after its Cleanup.
func (e *engine) reportUseAfterCleanup(pos token.Pos, by, domain string) {
	e.report(useAfterCleanup, pos, fmt.Sprintf("%s of %s after its Cleanup: the domain is gone (rcuapi panics); finish every use before Cleanup", by, domain), token.NoPos)
}

// checkCleanupUses reports, in fn, a use of an SRCU domain after its
// Cleanup on every path (RCU6005), and a Cleanup of a domain on which the
// package queues callbacks (posts) with no Barrier of it before on every
// path (RCU6004).
func (e *engine) checkCleanupUses(fn *ssa.Function, posts map[ident.Class]token.Pos) {
	e.mustTeardown(fn, func(c *ssa.CallCommon, pos token.Pos, st teardownState) {
		callee := c.StaticCallee()
		if callee == nil {
			return
		}
		if e.useAfterCleanupVia(fn, c, callee, pos, st) {
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
			if !class.Known() {
				continue
			}
			if k := instanceOf(c, r.Domain); k.known() && slices.Contains(st.cleaned, k) {
				e.reportUseAfterCleanup(pos, callee.Name(), class.DomainName())
				return
			}
			if r.Kind == apisem.Cleanup {
				if p, ok := posts[class]; ok && !slices.Contains(st.barriers, class) {
					e.reportCleanupWithCallbacks(pos, class.DomainName(), p)
				}
				return
			}
		}
	})
}
