package flow

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
)

// Callbacks posted on a module's behalf from stored function values
// (RCU6001). A package that keeps the function values others hand it (a
// registry of free functions, a timer wheel, a deferred-work list) and
// later queues them with Call posts callbacks on behalf of the packages
// that stored them. It says so in a package fact, StoredPosts: the classes
// of the slots (a package variable, a field, the elements of a map or
// slice) whose function values it queues, and on which domain. A function
// that stores its parameter in such a slot says so in its summary
// (TeardownSummary.Stores). The package that stores one of its functions
// in a posted slot, directly or through such a function, queues callbacks
// on that domain as surely as if it called Call itself.

// StoredPosts is the package fact: the slots whose function values the
// package queues as callbacks.
type StoredPosts struct {
	Posts []StoredPost
}

// StoredPost is one slot (Into) whose values are queued on Domain.
type StoredPost struct {
	Into, Domain ident.Class
}

// StoredFunc says that a function stores its parameter Param into the
// slot Into.
type StoredFunc struct {
	Param int
	Into  ident.Class
}

func (*StoredPosts) AFact() {}

func (s *StoredPosts) String() string { return "storedposts" }

// slotOf returns the slot a callback value was loaded from: the class of
// the variable, field or element it came from, or the unknown class.
func slotOf(v ssa.Value) ident.Class {
	switch v := v.(type) {
	case *ssa.UnOp, *ssa.Lookup, *ssa.Index:
		if c := valueClass(v); c.Known() && !c.IsParam() {
			return c.Var()
		}
		if u, ok := v.(*ssa.UnOp); ok {
			if c := valueClass(u.X); c.Known() && !c.IsParam() {
				return c.Var()
			}
		}
	}
	return ident.Class{}
}

// postedSlots returns the slots whose values call c queues as callbacks:
// the callback itself loaded from a slot, or a function literal that calls
// one it captured (func() { free(o) }).
func (e *engine) postedSlots(c *ssa.CallCommon) []StoredPost {
	var out []StoredPost
	e.eachPost(c, func(cb ssa.Value, domain ident.Class) {
		if !domain.Known() || domain.IsParam() {
			return
		}
		if s := slotOf(cb); s.Known() {
			out = append(out, StoredPost{s, domain})
			return
		}
		mc, ok := cb.(*ssa.MakeClosure)
		if !ok {
			return
		}
		fn := mc.Fn.(*ssa.Function)
		for instr := range instructions(fn) {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			called := ci.Common().Value
			if ld, ok := called.(*ssa.UnOp); ok && ld.Op == token.MUL {
				called = ld.X // a captured variable's cell
			}
			for i, fv := range fn.FreeVars {
				if called != fv || i >= len(mc.Bindings) {
					continue
				}
				for _, b := range cellValues(mc.Bindings[i]) {
					if s := slotOf(b); s.Known() {
						out = append(out, StoredPost{s, domain})
					}
				}
			}
		}
	})
	return out
}

// exportStoredPosts exports the package's StoredPosts fact.
func (e *engine) exportStoredPosts(funcs []*ssa.Function) {
	var posts []StoredPost
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if c, ok := instr.(ssa.CallInstruction); ok {
				for _, p := range e.postedSlots(c.Common()) {
					if !slices.Contains(posts, p) {
						posts = append(posts, p)
					}
				}
			}
		}
	}
	if len(posts) == 0 {
		return
	}
	slices.SortFunc(posts, func(a, b StoredPost) int {
		if c := ident.Compare(a.Into, b.Into); c != 0 {
			return c
		}
		return ident.Compare(a.Domain, b.Domain)
	})
	e.pass.ExportPackageFact(&StoredPosts{posts})
}

// storedParams returns the parameters of fn that a store of value v puts
// into the slot: v itself, or the values appended in v.
func storedParams(fn *ssa.Function, v ssa.Value) []int {
	if i := paramOf(fn, v); i >= 0 {
		return []int{i}
	}
	var out []int
	if c, ok := v.(*ssa.Call); ok {
		if b, ok := c.Common().Value.(*ssa.Builtin); ok && b.Name() == "append" {
			for _, a := range c.Common().Args[1:] {
				out = append(out, storedParams(fn, a)...)
			}
		}
	}
	if s, ok := v.(*ssa.Slice); ok {
		// append(list, f) packs f into a slice literal: what it holds.
		if a, ok := s.X.(*ssa.Alloc); ok && a.Referrers() != nil {
			for _, r := range *a.Referrers() {
				if ia, ok := r.(*ssa.IndexAddr); ok && ia.Referrers() != nil {
					for _, r2 := range *ia.Referrers() {
						if st, ok := r2.(*ssa.Store); ok && st.Addr == ia {
							out = append(out, storedParams(fn, st.Val)...)
						}
					}
				}
			}
		}
	}
	return out
}

// summarizeStores adds to fn's summary the parameters it stores into
// slots of long-lived memory.
func summarizeStores(fn *ssa.Function, sum *summary) {
	add := func(p int, into ident.Class) {
		if !into.Known() || into.IsParam() {
			return
		}
		sf := StoredFunc{p, into.Var()}
		if !slices.Contains(sum.Stores, sf) {
			sum.Stores = append(sum.Stores, sf)
		}
	}
	for instr := range instructions(fn) {
		switch v := instr.(type) {
		case *ssa.Store:
			into := valueClass(v.Addr)
			if c, ok := v.Val.(*ssa.Call); ok {
				if b, ok := c.Common().Value.(*ssa.Builtin); ok && b.Name() == "append" {
					into = into.Element()
				}
			}
			for _, p := range storedParams(fn, v.Val) {
				add(p, into)
			}
		case *ssa.MapUpdate:
			for _, p := range storedParams(fn, v.Value) {
				add(p, valueClass(v.Map).Element())
			}
		}
	}
	slices.SortFunc(sum.Stores, func(a, b StoredFunc) int {
		if a.Param != b.Param {
			return a.Param - b.Param
		}
		return ident.Compare(a.Into, b.Into)
	})
}

// storedPostsSeen returns, from the packages this one imports, the slots
// whose values are queued, by slot.
func (e *engine) storedPostsSeen() map[ident.Class][]ident.Class {
	out := make(map[ident.Class][]ident.Class)
	for _, f := range e.pass.AllPackageFacts() {
		if sp, ok := f.Fact.(*StoredPosts); ok {
			for _, p := range sp.Posts {
				if !slices.Contains(out[p.Into], p.Domain) {
					out[p.Into] = append(out[p.Into], p.Domain)
				}
			}
		}
	}
	return out
}

// storedPosts calls post for each callback the package queues through a
// posted slot: one of its functions stored in a slot that another package
// queues from, directly or through a function that stores its parameter
// there.
func (e *engine) storedPosts(funcs []*ssa.Function, post func(domain ident.Class, at ssa.Instruction)) {
	slots := e.storedPostsSeen()
	if len(slots) == 0 {
		return
	}
	into := func(slot ident.Class, v ssa.Value, at ssa.Instruction) {
		if doms, ok := slots[slot.Var()]; ok && e.belongs(v) {
			for _, d := range doms {
				post(d, at)
			}
		}
	}
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			switch v := instr.(type) {
			case *ssa.Store:
				into(valueClass(v.Addr), v.Val, v)
			case *ssa.MapUpdate:
				into(valueClass(v.Map).Element(), v.Value, v)
			case *ssa.Call:
				callee := v.Common().StaticCallee()
				if callee == nil {
					continue
				}
				if sum := e.summaryOf(callee); sum != nil {
					for _, sf := range sum.Stores {
						if sf.Param < len(v.Common().Args) {
							into(sf.Into, v.Common().Args[sf.Param], v)
						}
					}
				}
			}
		}
	}
}

// cellValues returns what a closure's binding holds: the value, or for a
// captured variable's cell, the values stored in it.
func cellValues(b ssa.Value) []ssa.Value {
	a, ok := b.(*ssa.Alloc)
	if !ok || a.Referrers() == nil {
		return []ssa.Value{b}
	}
	var out []ssa.Value
	for _, r := range *a.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == a {
			out = append(out, st.Val)
		}
	}
	return out
}
