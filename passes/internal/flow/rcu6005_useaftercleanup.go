package flow

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

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
		if i >= len(c.Args) {
			continue
		}
		// The domain value itself, or the field that holds it, loaded
		// again (g.d.Cleanup(), then drain.Quiesce(g.d)).
		if k, f := instanceOf(c, i), refOf(c.Args[i]); k.known() && slices.Contains(st.cleaned, k) || f.known() && slices.Contains(st.cleaned, f) {
			class := valueClass(c.Args[i])
			e.reportUseAfterCleanup(pos, callee.Name(), class.ShortDomainName())
			return true
		}
	}
	for _, fd := range sum.UsesFields {
		if k := fieldAt(c, fd); k.known() && slices.Contains(st.cleaned, k) {
			e.reportUseAfterCleanup(pos, callee.Name(), "the SRCU domain "+k.name())
			return true
		}
	}
	return false
}

// fieldAt names, at call c, the domain in a field of an argument that a
// summary's FieldDomain names.
func fieldAt(c *ssa.CallCommon, fd FieldDomain) ref {
	base := instanceOf(c, fd.Param)
	if !base.known() {
		return ref{}
	}
	base.path += fd.Path
	if fd.Loaded {
		base.derefs++
	}
	return base
}

// fieldDomain returns the parameter field that domain value v is in, if
// it is in one (r.d for parameter r).
func fieldDomain(fn *ssa.Function, v ssa.Value) (FieldDomain, bool) {
	r := refOf(v)
	if r.root.kind != refParam || r.derefs > 1 || r.path == "" {
		return FieldDomain{}, false
	}
	for i, p := range fn.Params {
		if p.Name() == r.root.name {
			return FieldDomain{i, r.path, r.derefs == 1}, true
		}
	}
	return FieldDomain{}, false
}

// fieldDomains returns the domains in fields of fn's parameters that fn
// uses (directly or through what it calls), and those it cleans up.
func (e *engine) fieldDomains(fn *ssa.Function) (uses, cleans []FieldDomain) {
	add := func(set *[]FieldDomain, fd FieldDomain) {
		if !slices.Contains(*set, fd) {
			*set = append(*set, fd)
		}
	}
	for instr := range instructions(fn) {
		c, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		cc := c.Common()
		callee := cc.StaticCallee()
		if callee == nil || callee == fn {
			continue
		}
		if obj, ok := callee.Object().(*types.Func); ok {
			if api := e.model.Lookup(obj); api != nil {
				for _, r := range api.Roles {
					if r.Domain < 0 || r.Domain >= len(cc.Args) || r.Kind == apisem.Release {
						continue
					}
					if fd, ok := fieldDomain(fn, cc.Args[r.Domain]); ok {
						add(&uses, fd)
						if r.Kind == apisem.Cleanup {
							add(&cleans, fd)
						}
					}
				}
				continue
			}
		}
		sum := e.summaryOf(callee)
		if sum == nil {
			continue
		}
		// A callee's field domains, seen from here: a field of the
		// argument, if that is a parameter here (or a field of one).
		lift := func(fd FieldDomain) (FieldDomain, bool) {
			if fd.Param >= len(cc.Args) {
				return FieldDomain{}, false
			}
			r := refOf(cc.Args[fd.Param])
			if r.root.kind != refParam || r.derefs != 0 {
				return FieldDomain{}, false
			}
			for i, p := range fn.Params {
				if p.Name() == r.root.name {
					return FieldDomain{i, r.path + fd.Path, fd.Loaded}, true
				}
			}
			return FieldDomain{}, false
		}
		for _, fd := range sum.UsesFields {
			if l, ok := lift(fd); ok {
				add(&uses, l)
			}
		}
		for _, fd := range sum.Cleans {
			if l, ok := lift(fd); ok {
				add(&cleans, l)
			}
		}
	}
	sortFields := func(s []FieldDomain) {
		slices.SortFunc(s, func(a, b FieldDomain) int {
			return cmp.Or(cmp.Compare(a.Param, b.Param), strings.Compare(a.Path, b.Path), cmp.Compare(b2i(a.Loaded), b2i(b.Loaded)))
		})
	}
	sortFields(uses)
	sortFields(cleans)
	return uses, cleans
}

// reportUseAfterCleanup records a use at pos, by by, of the domain named
// domain after its Cleanup.
func (e *engine) reportUseAfterCleanup(pos token.Pos, by, domain string) {
	e.report(useAfterCleanup, pos, fmt.Sprintf("%s of %s after its Cleanup: the domain is gone (rcuapi panics); finish every use before Cleanup", by, domain))
}

// checkCleanupUses reports, in fn, a use of an SRCU domain after its
// Cleanup on every path (RCU6005), and a Cleanup of a domain on which the
// package queues callbacks (posts) with no Barrier of it before on every
// path (RCU6004).
func (e *engine) checkCleanupUses(fn *ssa.Function, posts map[ident.Class]token.Pos) {
	e.mustTeardown(fn, func(c *ssa.CallCommon, pos token.Pos, st teardownState) {
		if c == nil {
			// A return: the deferred uses run after every Cleanup made.
			for _, u := range st.uses {
				// Deferred calls run last in, first out: a Cleanup
				// deferred after the use runs before it.
				cleanedFirst := slices.ContainsFunc(st.cleans, func(dc deferredUse) bool {
					return dc.key == u.key && e.comparePos(dc.pos, u.pos) > 0
				})
				if u.key.known() && (slices.Contains(st.cleaned, u.key) || cleanedFirst) && e.once(useAfterCleanup, u.pos) {
					e.report(useAfterCleanup, u.pos, fmt.Sprintf("%s of the SRCU domain %s runs after its Cleanup: deferred calls run last in, first out, and the Cleanup runs first (or has run on every path); the domain is gone then (rcuapi panics): defer the Cleanup before this call", u.by, u.key.name()))
				}
			}
			return
		}
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
				e.reportUseAfterCleanup(pos, callee.Name(), class.ShortDomainName())
				return
			}
			if r.Kind == apisem.Cleanup {
				if p, ok := posts[class]; ok && !slices.Contains(st.barriers, class) {
					e.reportCleanupWithCallbacks(pos, class.ShortDomainName(), p)
				}
				return
			}
		}
	})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
