package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
)

// RCU as ordinary Go writes it (RCU7001-RCU7005). Most Go code that does
// RCU has never heard of rcuapi: a read-mostly snapshot is published in a
// slot, an atomic.Pointer[T], an atomic.Value or an unsafe.Pointer used
// through atomic.LoadPointer and StorePointer; updaters copy it, change
// the copy and Store it; the garbage collector stands in for the grace
// period. The checklist applies all the same:
//
//	RCU7001  lostUpdate          a Store of a value made from a Load of the same slot, by writers with no common lock (rcu7001_lostupdate.go)
//	RCU7002  snapshotWrite       a write into what a Load returned, or into what it reaches (rcu7002_snapshotwrite.go)
//	RCU7003  writeAfterPublish   a write into a value after it was stored in a slot (rcu7003_writeafterpublish.go)
//	RCU7004  retireNoGrace       an old value destroyed right after it was swapped out (rcu7004_retire.go)
//	RCU7005  atomicValueMisuse   an atomic.Value given nil, values of different types, or loaded empty (rcu7005_atomicvalue.go)
//
// A slot is named by the variable or field and by the value that holds
// it (refOf: the receiver, the package variable): a Store into another
// object's slot (a copy constructor) is no update of the slot loaded. Which
// values point into a published snapshot, and which writes reach them, is
// decided in nativeshared.go; which locks are held, in nativelocks.go.

// slotOp is one operation on a slot.
type slotOp struct {
	op    slotOpKind
	call  *ssa.Call
	fn    *ssa.Function
	addr  ssa.Value   // the slot's address
	inst  ref         // the slot, within fn
	class ident.Class // the slot, across functions
	value bool        // an atomic.Value (interface-typed)
	val   ssa.Value   // Store, Swap: the value stored; CompareAndSwap: the new value
	old   ssa.Value   // CompareAndSwap: the value expected
}

type slotOpKind uint8

const (
	slotLoad slotOpKind = iota + 1
	slotStore
	slotSwap
	slotCAS
)

// slotOpOf returns the slot operation call c makes, or nil: a method of
// sync/atomic's Pointer[T] or Value, or one of its functions on an
// *unsafe.Pointer.
func slotOpOf(c *ssa.Call) *slotOp {
	op := slotOpOfCall(c.Common(), c.Parent())
	if op != nil {
		op.call = c
	}
	return op
}

// slotOpOfCall is slotOpOf for a call made (or deferred) in fn, with no
// call instruction recorded.
func slotOpOfCall(cc *ssa.CallCommon, in *ssa.Function) *slotOp {
	fn := cc.StaticCallee()
	if fn == nil || len(cc.Args) == 0 {
		return nil
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg().Path() != "sync/atomic" {
		return nil
	}
	op := &slotOp{fn: in, addr: cc.Args[0]}
	if recv := obj.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok {
			return nil
		}
		switch n.Origin().Obj().Name() {
		case "Pointer":
		case "Value":
			op.value = true
		default:
			return nil
		}
		switch obj.Name() {
		case "Load":
			op.op = slotLoad
		case "Store":
			op.op = slotStore
		case "Swap":
			op.op = slotSwap
		case "CompareAndSwap":
			op.op = slotCAS
		default:
			return nil
		}
	} else {
		switch obj.Name() {
		case "LoadPointer":
			op.op = slotLoad
		case "StorePointer":
			op.op = slotStore
		case "SwapPointer":
			op.op = slotSwap
		case "CompareAndSwapPointer":
			op.op = slotCAS
		default:
			return nil
		}
	}
	switch op.op {
	case slotStore, slotSwap:
		if len(cc.Args) > 1 {
			op.val = cc.Args[1]
		}
	case slotCAS:
		if len(cc.Args) > 2 {
			op.old, op.val = cc.Args[1], cc.Args[2]
		}
	}
	op.inst = refOf(op.addr)
	op.class = valueClass(op.addr)
	return op
}

// stores reports whether the operation publishes a value.
func (o *slotOp) stores() bool { return o.op == slotStore || o.op == slotSwap || o.op == slotCAS }

// name names the slot for messages: "config", "p.spanProcessors".
func (o *slotOp) name() string {
	if o.inst.known() && o.inst.root.name != "" {
		return o.inst.name() // not a value the function made unnamed (".v")
	}
	if n := o.class.PointerName(); n != "" {
		return n
	}
	return "the slot"
}

// callName names the operation for messages: "Store", "StorePointer".
func (o *slotOp) callName() string { return o.call.Common().StaticCallee().Name() }

// native holds what the RCU7xxx checks know about the package.
type native struct {
	e       *engine
	ops     []*slotOp
	opOf    map[*ssa.Call]*slotOp
	byFn    map[*ssa.Function][]*slotOp
	sums    map[*ssa.Function]*NativeSummary
	locks   *nativeLocks
	readers map[ident.Class]bool // slots loaded somewhere in the package

	funcs      []*ssa.Function
	snapshots  map[ident.Class]bool               // slots that hold snapshots, see nativesnapshot.go
	writesDone map[*ssa.Function]bool             // localWrites computed (nativesummary.go)
	applies    map[*ssa.Function][]apply          // callbacks applied to parameters, found with localWrites
	destroyed  map[*ssa.Function]*destroyedParams // rcu7004_retire.go

	freshCallees map[*ssa.Function]bool   // given a new struct or a part of one (rcu7005_atomicvalue.go)
	written      map[ssa.Instruction]bool // writes RCU7002 reported, not reported again
}

// hasSlotOps reports whether any function of the package operates on a
// slot: only then do the RCU7xxx checks need SSA.
func hasSlotOps(funcs []*ssa.Function) bool {
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if c, ok := instr.(*ssa.Call); ok && slotOpOf(c) != nil {
				return true
			}
		}
	}
	return false
}

// checkNative runs the RCU7xxx checks on the package's functions.
func (e *engine) checkNative(funcs []*ssa.Function) {
	n := &native{
		e:       e,
		opOf:    make(map[*ssa.Call]*slotOp),
		byFn:    make(map[*ssa.Function][]*slotOp),
		sums:    make(map[*ssa.Function]*NativeSummary),
		readers: make(map[ident.Class]bool),
		written: make(map[ssa.Instruction]bool),
		applies: make(map[*ssa.Function][]apply),
		funcs:   funcs,

		snapshots: make(map[ident.Class]bool),
	}
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if c, ok := instr.(*ssa.Call); ok {
				if op := slotOpOf(c); op != nil {
					n.ops = append(n.ops, op)
					n.opOf[c] = op
					n.byFn[fn] = append(n.byFn[fn], op)
					if op.op == slotLoad && op.class.Known() {
						n.readers[op.class] = true
					}
				}
			}
		}
	}
	n.summarize(funcs)
	n.locks = newNativeLocks(e, funcs)
	n.checkLostUpdates()             // RCU7001
	n.checkSnapshotWrites(funcs)     // RCU7002
	n.checkWritesAfterPublish(funcs) // RCU7003
	n.checkRetire()                  // RCU7004
	n.checkAtomicValues(funcs)       // RCU7005
	n.exportSummaries(funcs)
}

// after reports whether instruction b may run after a in their function:
// later in a's block, or in a block reachable from a's.
func after(a, b ssa.Instruction) bool {
	if a.Block() == b.Block() {
		if index(a.Block(), a) < index(b.Block(), b) {
			return true
		}
	}
	seen := map[*ssa.BasicBlock]bool{}
	work := slices.Clone(a.Block().Succs)
	for len(work) > 0 {
		blk := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[blk] {
			continue
		}
		seen[blk] = true
		if blk == b.Block() {
			return true
		}
		work = append(work, blk.Succs...)
	}
	return false
}

// posOfValue returns a position for v.
func posOfValue(v ssa.Value) token.Pos {
	if instr, ok := v.(ssa.Instruction); ok {
		return posOf(instr)
	}
	return v.Pos()
}

// mayHaveSlots reports, from types and comments alone, whether the
// package may have work for the RCU7xxx checks: it uses sync/atomic's
// Pointer or Value or its pointer functions, marks a getter
// //rcu:snapshot, or calls a function of another package whose summary
// says it returns a snapshot, writes into or publishes what it is given.
// Only then is SSA worth building for them.
func mayHaveSlots(pass *analysis.Pass) bool {
	for _, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil {
			continue
		}
		if fn.Pkg().Path() == "sync/atomic" {
			switch fn.Name() {
			case "LoadPointer", "StorePointer", "SwapPointer", "CompareAndSwapPointer":
				return true
			case "Load", "Store", "Swap", "CompareAndSwap":
				// Only of a Pointer[T] or a Value: an Int64 or a Bool
				// is no slot, and most packages use those.
				if recv := fn.Signature().Recv(); recv != nil {
					t := recv.Type()
					if p, ok := t.(*types.Pointer); ok {
						t = p.Elem()
					}
					if n, ok := types.Unalias(t).(*types.Named); ok && (n.Obj().Name() == "Pointer" || n.Obj().Name() == "Value") {
						return true
					}
				}
			}
			continue
		}
		var s NativeSummary
		if fn.Pkg() != pass.Pkg && pass.ImportObjectFact(fn.Origin(), &s) && (s.ReturnsShared || len(s.Publishes) > 0) {
			return true
		}
	}
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "//rcu:snapshot") {
					return true
				}
			}
		}
	}
	return false
}

// runNative runs the RCU7xxx checks on a package that has no RCU API in
// sight: SSA is built for it, and only these checks run.
func (e *engine) runNative() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rcuvet internal error in the RCU7xxx checks: %v\n%s", r, debug.Stack())
		}
	}()
	e.checkNative(members(buildSSA(e.pass)))
	e.sortFindings()
	return nil
}

// line returns the line of pos: findings about one statement are made
// once.
func (n *native) line(pos token.Pos) int { return n.e.pass.Fset.Position(pos).Line }
