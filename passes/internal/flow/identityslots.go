package flow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Identity-only slots. A reader may remember a protected pointer past its
// section to compare it later (has the published version changed?) or to
// key per-version state, without ever reading through it again: the
// kernel's rcu_access_pointer() comparisons. Storing the pointer in such a
// slot is no escape (RCU1002). A slot is an unexported field or package
// variable, which only this package can read; it is identity-only when
// the package never takes a pointer back out of it for anything but a
// comparison:
//
//   - a pointer slot whose every load is only compared (==, !=), looked
//     up in a map, deleted from one, or made the key of an identity-keyed
//     map;
//   - a map slot (identity-keyed) that holds only maps made for it, whose
//     every load is only indexed, updated, deleted from, measured, cleared
//     or ranged over with the keys only compared, looked up or deleted.
//
// A slot whose address is taken, or a field read from a copy of its
// struct, is not followed and so not identity-only.

// A slot is an unexported struct field (owner is the struct type) or an
// unexported package variable (owner is its name, field is -1).
type idSlot struct {
	owner string
	field int
}

// identitySlotOf returns the slot addr addresses, if it is one.
func identitySlotOf(addr ssa.Value) (idSlot, bool) {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		st, ok := pointedStruct(a.X.Type())
		if !ok || a.Field >= st.NumFields() || st.Field(a.Field).Exported() {
			return idSlot{}, false
		}
		return idSlot{types.TypeString(a.X.Type().Underlying().(*types.Pointer).Elem(), nil), a.Field}, true
	case *ssa.Global:
		if a.Object() == nil || a.Object().Exported() {
			return idSlot{}, false
		}
		return idSlot{a.Pkg.Pkg.Path() + "." + a.Name(), -1}, true
	}
	return idSlot{}, false
}

// pointedStruct returns the struct that a pointer type points to.
func pointedStruct(ptr types.Type) (*types.Struct, bool) {
	p, ok := ptr.Underlying().(*types.Pointer)
	if !ok {
		return nil, false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	return st, ok
}

// slotUses gathers how the package uses each slot.
type slotUses struct {
	loads  map[idSlot][]ssa.Value
	stored map[idSlot][]ssa.Value
	lost   map[idSlot]bool // address taken, or read from a struct copy
}

// identitySlots returns the identity-only slots of the package, computed on
// first use from every function of the package.
func (e *engine) identitySlots() map[idSlot]bool {
	if e.idSlots != nil {
		return e.idSlots
	}
	u := slotUses{loads: map[idSlot][]ssa.Value{}, stored: map[idSlot][]ssa.Value{}, lost: map[idSlot]bool{}}
	for _, fn := range e.funcs {
		for instr := range instructions(fn) {
			u.see(instr)
		}
	}
	only := map[idSlot]bool{}
	// Map slots first: whether a pointer slot is identity-only may depend
	// on the maps its loads key.
	for sl, lds := range u.loads {
		if _, ok := lds[0].Type().Underlying().(*types.Map); ok && !u.lost[sl] {
			only[sl] = allOf(lds, keysStayIn) && allOf(u.stored[sl], func(v ssa.Value) bool { return madeFor(v, sl) })
		}
	}
	for sl, lds := range u.loads {
		if _, ok := lds[0].Type().Underlying().(*types.Pointer); ok && !u.lost[sl] {
			only[sl] = allOf(lds, func(v ssa.Value) bool { return usesOnly(v, identityKeyOf(only, v)) })
		}
	}
	e.idSlots = only
	return only
}

// see records what instr does with the slots it names.
func (u *slotUses) see(instr ssa.Instruction) {
	switch v := instr.(type) {
	case *ssa.UnOp:
		if sl, ok := identitySlotOf(v.X); ok && v.Op == token.MUL {
			u.loads[sl] = append(u.loads[sl], v)
			return
		}
	case *ssa.Store:
		if sl, ok := identitySlotOf(v.Addr); ok {
			u.stored[sl] = append(u.stored[sl], v.Val)
			if sl2, ok := identitySlotOf(v.Val); ok {
				u.lost[sl2] = true
			}
			return
		}
	case *ssa.Field:
		if st, ok := v.X.Type().Underlying().(*types.Struct); ok && !st.Field(v.Field).Exported() {
			u.lost[idSlot{types.TypeString(v.X.Type(), nil), v.Field}] = true
		}
	}
	// Any other instruction that names a slot's address takes it.
	var ops [8]*ssa.Value
	for _, op := range instr.Operands(ops[:0]) {
		if op == nil || *op == nil {
			continue
		}
		if sl, ok := identitySlotOf(*op); ok {
			if fa, isFA := instr.(*ssa.FieldAddr); isFA && fa.X == *op {
				continue // a field of a field: the outer slot is not read
			}
			u.lost[sl] = true
		}
	}
}

func allOf(vs []ssa.Value, f func(ssa.Value) bool) bool {
	for _, v := range vs {
		if !f(v) {
			return false
		}
	}
	return true
}

// madeFor reports whether the map value v stored into slot sl is nil or a
// map made for it: stored nowhere else, and used only as keysStayIn
// allows.
func madeFor(v ssa.Value, sl idSlot) bool {
	switch v := v.(type) {
	case *ssa.Const:
		return v.Value == nil
	case *ssa.MakeMap:
		return usesOnlyMap(v, &sl)
	}
	return false
}

// identityKeyOf returns what usesOnly also accepts of v: being made the
// key of a map loaded from an identity-keyed slot.
func identityKeyOf(only map[idSlot]bool, v ssa.Value) func(ssa.Instruction) bool {
	return func(r ssa.Instruction) bool {
		up, ok := r.(*ssa.MapUpdate)
		if !ok || up.Key != v {
			return false
		}
		ld, ok := up.Map.(*ssa.UnOp)
		if !ok || ld.Op != token.MUL {
			return false
		}
		sl, ok := identitySlotOf(ld.X)
		return ok && only[sl]
	}
}

// identityStore reports whether a store into addr keeps a pointer only to
// compare it.
func (e *engine) identityStore(addr ssa.Value) bool {
	sl, ok := identitySlotOf(addr)
	return ok && e.identitySlots()[sl]
}

// identityKeys reports whether the keys of map m, loaded from a slot, are
// never read back.
func (e *engine) identityKeys(m ssa.Value) bool {
	ld, ok := m.(*ssa.UnOp)
	return ok && ld.Op == token.MUL && e.identityStore(ld.X)
}

// comparedOnly reports whether every use of v compares it, looks it up in
// a map or deletes it from one.
func comparedOnly(v ssa.Value) bool {
	return usesOnly(v, func(ssa.Instruction) bool { return false })
}

// usesOnly reports whether every use of v is a comparison, a lookup, a
// delete, or one that also accepts.
func usesOnly(v ssa.Value, also func(ssa.Instruction) bool) bool {
	refs := v.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.BinOp:
			if r.Op != token.EQL && r.Op != token.NEQ {
				return false
			}
		case *ssa.Lookup:
			if r.Index != v {
				return false
			}
		case *ssa.Call:
			b, ok := r.Call.Value.(*ssa.Builtin)
			if !ok || b.Name() != "delete" || len(r.Call.Args) != 2 || r.Call.Args[1] != v {
				return false
			}
		default:
			if !also(r) {
				return false
			}
		}
	}
	return true
}

// keysStayIn reports whether the map value m is used only where its keys
// are not read.
func keysStayIn(m ssa.Value) bool { return usesOnlyMap(m, nil) }

// usesOnlyMap reports whether the map value m is only indexed, updated,
// deleted from, measured, cleared, compared with nil or ranged over with
// the keys only compared, looked up or deleted; and stored into slot home,
// if not nil, the one it was made for.
func usesOnlyMap(m ssa.Value, home *idSlot) bool {
	refs := m.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.DebugRef, *ssa.Lookup, *ssa.MapUpdate, *ssa.BinOp:
		case *ssa.Store:
			if sl, ok := identitySlotOf(r.Addr); home == nil || !ok || sl != *home || r.Val != m {
				return false
			}
		case *ssa.Range:
			if !rangeKeysCompared(r) {
				return false
			}
		case *ssa.Call:
			b, ok := r.Call.Value.(*ssa.Builtin)
			if !ok {
				return false
			}
			switch b.Name() {
			case "len", "delete", "clear":
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}

// rangeKeysCompared reports whether a range over a map uses its keys for
// nothing but comparisons, lookups and deletes.
func rangeKeysCompared(r *ssa.Range) bool {
	refs := r.Referrers()
	if refs == nil {
		return true
	}
	for _, n := range *refs {
		next, ok := n.(*ssa.Next)
		if !ok {
			return false
		}
		if nrefs := next.Referrers(); nrefs != nil {
			for _, x := range *nrefs {
				ex, ok := x.(*ssa.Extract)
				if !ok {
					return false
				}
				if ex.Index == 1 && !comparedOnly(ex) {
					return false
				}
			}
		}
	}
	return true
}
