package flow

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
)

// Snapshots and handles. A slot does not always hold a read-only snapshot:
// as often it holds a handle (a connection, a random source, a lock-free
// queue's node, a response being written) whose methods change it by
// design, under synchronisation of its own. Writes into what a slot holds
// are reported (RCU7002, RCU7003) only for a snapshot slot: one that the
// package updates by copying (a Store derived from a Load of it, as
// RCU7001 finds), or one that holds plain data: maps, slices, and structs
// with no mutex, atomic or channel of their own and no method of their
// API that changes them through a pointer. A getter marked //rcu:snapshot is one by
// declaration. Retiring an old value (RCU7004) concerns handles as much.

// snapshotSlot reports whether op's slot holds snapshots.
func (n *native) snapshotSlot(op *slotOp) bool {
	if !op.class.Known() {
		return false
	}
	if v, ok := n.snapshots[op.class]; ok {
		return v
	}
	n.snapshots[op.class] = false // while deciding
	v := n.copiedOnWrite(op.class)
	if !v {
		v = true
		for _, t := range n.slotTypes(op.class) {
			if !n.plainData(t, 0) {
				v = false
				break
			}
		}
		if len(n.slotTypes(op.class)) == 0 {
			v = false
		}
	}
	n.snapshots[op.class] = v
	return v
}

// copiedOnWrite reports whether some update of the slot class stores a
// value derived from a Load of it.
func (n *native) copiedOnWrite(c ident.Class) bool {
	for _, op := range n.ops {
		if (op.op == slotStore || op.op == slotSwap) && op.class == c && n.derivedFromLoad(op) {
			return true
		}
	}
	return false
}

// slotTypes returns the types of what a slot class holds: T of an
// atomic.Pointer[T], or the concrete types stored into and asserted out
// of an atomic.Value.
func (n *native) slotTypes(c ident.Class) []types.Type {
	var out []types.Type
	for _, op := range n.ops {
		if op.class != c {
			continue
		}
		if !op.value {
			if p, ok := op.addr.Type().Underlying().(*types.Pointer); ok {
				if named, ok := types.Unalias(p.Elem()).(*types.Named); ok && named.TypeArgs().Len() == 1 {
					return []types.Type{named.TypeArgs().At(0)}
				}
			}
			continue
		}
		if op.stores() {
			if mi, ok := op.val.(*ssa.MakeInterface); ok {
				out = append(out, mi.X.Type())
			}
		}
		if op.op == slotLoad && op.call.Referrers() != nil {
			for _, r := range *op.call.Referrers() {
				if ta, ok := r.(*ssa.TypeAssert); ok {
					out = append(out, ta.AssertedType)
				}
			}
		}
	}
	return out
}

// plainData reports whether values of type t are plain data: no mutex,
// atomic or channel of their own, and no method of their API (any method
// of a type of another package, an exported method of an exported type
// of this one) that changes them through a pointer.
func (n *native) plainData(t types.Type, depth int) bool {
	if depth > 3 {
		return true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return n.plainData(p.Elem(), depth+1)
	}
	if named, ok := types.Unalias(t).(*types.Named); ok {
		if pkg := named.Obj().Pkg(); pkg != nil && (pkg.Path() == "sync" || pkg.Path() == "sync/atomic") {
			return false
		}
		// A type with a method that changes it is a handle when that
		// method is part of the type's API: a type of another package
		// (a bytes.Buffer), or an exported method of an exported type
		// of this one (math/rand's Rand.Seed). A type of this package
		// changed only by its helpers (a config's applyDefaults, a
		// private table's Handle) is still data, unsafe to change once
		// shared.
		local := named.Obj().Pkg() == n.e.pass.Pkg
		ms := types.NewMethodSet(types.NewPointer(named))
		for i := range ms.Len() {
			fn, ok := ms.At(i).Obj().(*types.Func)
			if !ok || local && !(named.Obj().Exported() && fn.Exported()) {
				continue
			}
			if _, ptr := fn.Signature().Recv().Type().(*types.Pointer); ptr && n.writesReceiver(fn) {
				return false
			}
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Chan:
		return false
	case *types.Struct:
		for i := range u.NumFields() {
			ft := u.Field(i).Type()
			if _, ok := ft.Underlying().(*types.Chan); ok {
				return false
			}
			if named, ok := types.Unalias(ft).(*types.Named); ok && named.Obj().Pkg() != nil {
				if p := named.Obj().Pkg().Path(); p == "sync" || p == "sync/atomic" {
					return false
				}
			}
		}
	}
	return true
}

// writesReceiver reports whether method fn writes into its receiver.
func (n *native) writesReceiver(fn *types.Func) bool {
	if len(n.funcs) == 0 {
		return false
	}
	f := n.funcs[0].Prog.FuncValue(fn.Origin())
	if f == nil {
		return false
	}
	for _, i := range n.writesParams(f) {
		if i == 0 {
			return true
		}
	}
	return false
}
