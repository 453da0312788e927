package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// An SRCU domain made inside a function (rcuapi.NewSRCU, or a local
// rcuapi.SRCU variable) has no class: it is no package variable and no
// field. checkLocalCleanup follows such a domain through the function
// that makes it and reports (RCU6004) its Cleanup where a callback queued
// on it, by the function or by a helper it hands the domain to, may not
// have been waited for with Barrier since.

// localDomain names a domain value made in this function, or "".
func localDomain(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Alloc:
		return fmt.Sprintf("l:%d", v.Pos())
	case *ssa.Call:
		if fn := v.Common().StaticCallee(); fn != nil && fn.Name() == "NewSRCU" && fn.Pkg != nil && fn.Pkg.Pkg.Path() == rcuapiPath {
			return fmt.Sprintf("l:%d", v.Pos())
		}
	}
	return ""
}

// localOps returns what call c does to local domains: the domains it
// queues callbacks on, waits for with Barrier, and cleans up.
func (e *engine) localOps(c *ssa.CallCommon) (posts, barriers, cleanups []string) {
	fn := c.StaticCallee()
	if fn == nil {
		return
	}
	arg := func(i int) string {
		if i >= 0 && i < len(c.Args) {
			return localDomain(c.Args[i])
		}
		return ""
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		if api := e.model.Lookup(obj); api != nil {
			for _, r := range api.Roles {
				k := arg(r.Domain)
				if k == "" {
					continue
				}
				switch r.Kind {
				case apisem.Call:
					if r.Arg < len(c.Args) && e.belongs(c.Args[r.Arg]) {
						posts = append(posts, k)
					}
				case apisem.Barrier:
					barriers = append(barriers, k)
				case apisem.Cleanup:
					cleanups = append(cleanups, k)
				}
			}
			return
		}
	}
	if sum := e.summaryOf(fn); sum != nil {
		param := func(class string) string {
			var i int
			if _, err := fmt.Sscanf(class, "p%d", &i); err == nil {
				return arg(i)
			}
			return ""
		}
		for _, p := range sum.Posts {
			if k := param(p.Domain); k != "" && p.Param < len(c.Args) && e.belongs(c.Args[p.Param]) {
				posts = append(posts, k)
			}
		}
		for _, b := range sum.Barriers {
			if k := param(b); k != "" {
				barriers = append(barriers, k)
			}
		}
	}
	return
}

func (e *engine) checkLocalCleanup(fn *ssa.Function) {
	any := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok {
				if p, _, _ := e.localOps(c.Common()); len(p) > 0 {
					any = true
				}
			}
		}
	}
	if !any {
		return
	}
	// The state: the local domains on which a callback may have been
	// queued with no Barrier since (on some path), and where.
	type state map[string]token.Pos
	step := func(b *ssa.BasicBlock, st state, report func(c *ssa.Call, k string, at token.Pos)) state {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			posts, barriers, cleanups := e.localOps(c.Common())
			for _, k := range cleanups {
				if at, ok := st[k]; ok && report != nil {
					report(c, k, at)
				}
			}
			for _, k := range barriers {
				delete(st, k)
			}
			for _, k := range posts {
				if _, ok := st[k]; !ok {
					st[k] = c.Pos()
				}
			}
		}
		return st
	}
	in := forward(fn, state{}, maps.Clone[state],
		func(dst *state, src state) bool { return mergeInto(*dst, src) },
		func(b *ssa.BasicBlock, st state) state { return step(b, st, nil) })
	reported := make(map[*ssa.Call]bool)
	for _, b := range fn.Blocks {
		if in[b.Index] == nil {
			continue
		}
		step(b, maps.Clone(*in[b.Index]), func(c *ssa.Call, k string, at token.Pos) {
			if reported[c] {
				return
			}
			reported[c] = true
			name := "the SRCU domain made in " + fn.Name()
			if len(c.Call.Args) > 0 {
				if a, ok := c.Call.Args[0].(*ssa.Alloc); ok && a.Comment != "" {
					name = "SRCU domain " + a.Comment
				}
			}
			e.result.Events = append(e.result.Events, Event{Kind: CleanupWithCallbacks, Pos: c.Pos(), Domain: name, Related: at, Func: fn.RelString(fn.Pkg.Pkg)})
		})
	}
}
