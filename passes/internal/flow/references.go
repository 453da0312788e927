package flow

import (
	"go/types"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ssa"
)

// offersReference reports whether any of the values vs (or, for a
// closure, the values it captures) points to an object that offers a
// reference to take inside a section: a method that takes one (an API
// with the get directive, such as Module.TryGet, or a method whose body
// shows a reference count taken, see refTaken), its own or that of a
// field's. Only then does an escape's message suggest taking one.
func (e *engine) offersReference(vs []ssa.Value) bool {
	seen := map[types.Type]bool{}
	for _, v := range vs {
		if v == nil {
			continue
		}
		if mc, ok := v.(*ssa.MakeClosure); ok {
			for _, b := range mc.Bindings {
				if e.typeOffersReference(b.Type(), seen, 0) {
					return true
				}
			}
			continue
		}
		if e.typeOffersReference(v.Type(), seen, 0) {
			return true
		}
	}
	return false
}

func (e *engine) typeOffersReference(t types.Type, seen map[types.Type]bool, depth int) bool {
	if depth > 3 || seen[t] {
		return false
	}
	seen[t] = true
	switch u := t.(type) {
	case *types.Pointer:
		return e.typeOffersReference(u.Elem(), seen, depth+1)
	case *types.Alias:
		return e.typeOffersReference(types.Unalias(u), seen, depth)
	case *types.Named:
		ms := types.NewMethodSet(types.NewPointer(u))
		for i := range ms.Len() {
			if fn, ok := ms.At(i).Obj().(*types.Func); ok && e.takesReference(fn) {
				return true
			}
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if e.typeOffersReference(u.Field(i).Type(), seen, depth+1) {
				return true
			}
		}
	case *types.Slice:
		return e.typeOffersReference(u.Elem(), seen, depth+1)
	case *types.Array:
		return e.typeOffersReference(u.Elem(), seen, depth+1)
	case *types.Map:
		return e.typeOffersReference(u.Elem(), seen, depth+1)
	}
	return false
}

// takesReference reports whether method fn takes a reference on its
// receiver.
func (e *engine) takesReference(fn *types.Func) bool {
	if _, ok := e.model.Lookup(fn).Has(apisem.Get); ok {
		return true
	}
	if len(e.funcs) == 0 {
		return false
	}
	f := e.funcs[0].Prog.FuncValue(fn.Origin())
	if f == nil {
		return false
	}
	if sum := e.summaryOf(f); sum != nil {
		for _, i := range sum.Pins {
			if i == 0 {
				return true
			}
		}
	}
	return false
}
