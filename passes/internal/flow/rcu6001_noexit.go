package flow

import (
	"fmt"
	"go/token"
	"go/types"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
)

// checkModulesWithoutExit reports (ModuleWithoutExit, RCU6001) the modules
// with an Init (a module that starts something) that a package builds when the package queues callbacks of its own but sets no
// module's Exit anywhere: nothing waits for those callbacks when the
// module is unloaded. A package that sets an Exit somewhere (a literal, an
// assignment, a helper that builds modules) is left to checkExit.
func (e *engine) checkModulesWithoutExit(funcs []*ssa.Function, classes []ident.Class, posts map[ident.Class]token.Pos) {
	if len(classes) == 0 {
		return
	}
	first := classes[0]
	for _, c := range classes {
		if posts[c] < posts[first] {
			first = c
		}
	}
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			a, ok := instr.(*ssa.Alloc)
			if !ok || !e.isModule(a.Type()) || !setsField(a, "Init") {
				continue
			}
			pos := a.Pos()
			if pos == token.NoPos {
				continue
			}
			e.report(moduleWithoutExit, pos, fmt.Sprintf("this module has no Exit, but its package queues callbacks on %s (at %s): they could run after the module is unloaded; give it an Exit that stops queueing them, then calls %s", first.ShortDomainName(), e.at(posts[first]), e.barrierCall(first)), rel(posts[first], "a callback is queued here"))
		}
	}
}

// isModule reports whether t points to a struct with a field that holds a
// module's exit function (rcuapi.Module, or a user's type so marked).
func (e *engine) isModule(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if e.model.IsExit(f) {
			return true
		}
	}
	return false
}

// setsField reports whether the struct that a points to gets a value in
// its field name where a is made (a composite literal).
func setsField(a *ssa.Alloc, name string) bool {
	refs := a.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fieldName(a.Type(), fa.Field) != name {
			continue
		}
		if frefs := fa.Referrers(); frefs != nil {
			for _, fr := range *frefs {
				if st, ok := fr.(*ssa.Store); ok && st.Addr == fa {
					return true
				}
			}
		}
	}
	return false
}
