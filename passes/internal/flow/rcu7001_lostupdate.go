package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
)

// RCU7001: a lost update. An updater that Loads a slot, makes a new
// version from what it loaded and Stores it, races with any other updater
// of that slot: both load the same version, and the second Store drops
// the first one's change. The race detector cannot see it (every access
// is atomic). Such an update is reported at its Store when no lock is
// held there, or when another writer of the slot holds no lock in common
// with it. The stored value is derived from the Load when data read from
// the loaded version flows into it (a copy, a map rebuilt from it, a
// method of it that returns a new version); a Load that only decides what
// to do, and a Store of a value built from scratch, are no such update.
// Left out: CompareAndSwap retry loops (their Store is the
// CompareAndSwap), functions marked //rcu:single-updater, package
// initialisation, tests, functions whose callers cannot be seen (named
// ...Locked), and updates made in an event loop (a loop that receives
// from a channel: the goroutine that owns the slot, applying the changes
// others send it, one at a time).

func (n *native) checkLostUpdates() {
	var derived []*slotOp
	for _, op := range n.ops {
		if (op.op == slotStore || op.op == slotSwap) && n.derivedFromLoad(op) {
			derived = append(derived, op)
		}
	}
	n.checkPublishHelpers(derived)
	n.checkDeferredStores()
	for _, op := range derived {
		if n.exempt(op.fn) || n.ownerLoop(op, derived) || n.calledFromEventLoop(op.fn, 0) || sentToOwner(op.fn) || newSlot(op) {
			continue
		}
		mine := n.exclusive(op)
		if len(mine) == 0 {
			n.e.report(lostUpdate, op.call.Pos(), fmt.Sprintf("%s of %s stores a value made from what %s loaded, with no lock held: two updaters can load the same version, and the later %s drops the other's change; hold one mutex around every such load-and-store of %s, or retry with CompareAndSwap", op.callName(), op.name(), op.name(), op.callName(), op.name()))
			continue
		}
		for _, other := range n.ops {
			if other == op || (other.op != slotStore && other.op != slotSwap) || !sameSlotClass(op, other) || n.exempt(other.fn) {
				continue
			}
			theirs := n.exclusive(other)
			if slices.ContainsFunc(mine, func(r ref) bool { return slices.ContainsFunc(theirs, r.sameName) }) {
				continue
			}
			if !n.oddOneOut(op, mine, other, theirs) {
				continue
			}
			n.e.report(lostUpdate, op.call.Pos(), fmt.Sprintf("%s of %s stores a value made from what %s loaded, holding %s, but the %s at %s holds %s: the two can load the same version, and the later one drops the other's change; hold one mutex for every update of %s",
				op.callName(), op.name(), op.name(), lockList(mine), other.callName(), n.e.at(other.call.Pos()), lockList(theirs), op.name()),
				rel(other.call.Pos(), "the other update"))
			break
		}
	}
}

// checkPublishHelpers reports lost updates made through a helper that
// stores its parameter into a slot (func publish(l []T) { eps.Store(&l) }):
// a caller that hands it a value made from what it loaded from that slot,
// itself or through a getter, with no lock held at the call, loses
// updates as a Load and Store in one function would. Reported at the call,
// where the lock has to be taken. derived are the Stores already reported
// for themselves.
func (n *native) checkPublishHelpers(derived []*slotOp) {
	for _, op := range n.ops {
		if op.op != slotStore && op.op != slotSwap || slices.Contains(derived, op) {
			continue
		}
		i := publishedParam(op)
		if i < 0 {
			continue
		}
		for _, c := range n.locks.callers[op.fn] {
			g := c.Parent()
			if i >= len(c.Common().Args) || n.exempt(g) || eventLoop(c.Block()) || n.calledFromEventLoop(g, 0) || sentToOwner(g) || n.lockedAround(c) {
				continue
			}
			// The caller's Load names its own value: any of the class.
			if !n.madeFromLoad(g, op, sameSlotClass, true, c, c.Common().Args[i]) {
				continue
			}
			n.e.report(lostUpdate, c.Pos(), fmt.Sprintf("%s stores into %s a value made from what %s loaded, with no lock held: two updaters can load the same version, and the later %s drops the other's change; hold one mutex around every such load-and-store of %s, or retry with CompareAndSwap",
				op.fn.Name(), op.name(), op.name(), op.callName(), op.name()), rel(op.call.Pos(), "the "+op.callName()))
		}
	}
}

// sameName reports whether two locks name the same variables: the same
// path from a root of the same name, whether the root is a parameter here
// and a captured variable there (g.mu in a method and in the goroutine
// closure it starts, where the captured variable adds a load).
func (r ref) sameName(o ref) bool {
	return r == o || r.name() == o.name() && r.root.name != "" &&
		(r.root.kind == refParam || r.root.kind == refFreeVar) && (o.root.kind == refParam || o.root.kind == refFreeVar)
}

// ownerLoop reports whether op is made in an event loop that owns its slot:
// a loop that receives from a channel, run by one goroutine (not a
// function started by several go statements, or by one in a loop), with
// no load-and-store of the slot's class made outside such loops
// (request goroutines that update it under a lock while a signal loop
// updates it without one are two updaters).
func (n *native) ownerLoop(op *slotOp, derived []*slotOp) bool {
	if !eventLoop(op.call.Block()) || n.startedRepeatedly(op.fn) {
		return false
	}
	for _, other := range derived {
		if other != op && sameSlotClass(other, op) && !n.exempt(other.fn) && !eventLoop(other.call.Block()) && !n.calledFromEventLoop(other.fn, 0) && !sentToOwner(other.fn) {
			return false
		}
	}
	return true
}

// startedRepeatedly reports whether fn (or the function whose closure it
// is) is what go statements start more than once: by two of them, or by
// one in a loop (for i := 0; i < 4; i++ { go apply() }).
func (n *native) startedRepeatedly(fn *ssa.Function) bool {
	starts := 0
	for _, f := range n.funcs {
		for instr := range instructions(f) {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			target := g.Common().StaticCallee()
			if mc, ok := g.Common().Value.(*ssa.MakeClosure); ok {
				target, _ = mc.Fn.(*ssa.Function)
			}
			if target != fn {
				continue
			}
			if starts++; starts > 1 || blockInLoop(g.Block()) {
				return true
			}
		}
	}
	return false
}

// checkDeferredStores reports a lost update whose Store is deferred
// (next := copy of v.Load(); defer v.Store(next); change next): it runs at
// the return, with what the function loaded, as a Store there would. The
// locks are those held at the defer statement: a deferred Unlock made
// before it runs after it.
func (n *native) checkDeferredStores() {
	for _, fn := range n.funcs {
		if len(fn.Blocks) == 0 || n.exempt(fn) || n.calledFromEventLoop(fn, 0) || sentToOwner(fn) {
			continue
		}
		for instr := range instructions(fn) {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			op := slotOpOfCall(d.Common(), fn)
			if op == nil || op.op != slotStore && op.op != slotSwap || op.val == nil || len(n.locks.at(d)) > 0 {
				continue
			}
			if !n.madeFromLoad(fn, op, sameSlot, false, nil, op.val) {
				continue
			}
			call := d.Common().StaticCallee().Name()
			n.e.report(lostUpdate, d.Pos(), fmt.Sprintf("deferred %s of %s stores a value made from what %s loaded, with no lock held: two updaters can load the same version, and the later %s drops the other's change; hold one mutex around every such load-and-store of %s, or retry with CompareAndSwap",
				call, op.name(), op.name(), call, op.name()))
		}
	}
}

// lockedAround reports whether a lock is held at call c, in its function
// or by a caller of it on some path: "no lock held" must be true of every
// path (purgeTopics, called under the producer's lock by one caller and the
// consumer's by another, updates two different slots of one class).
func (n *native) lockedAround(c *ssa.Call) bool {
	if len(n.locks.at(c)) > 0 {
		return true
	}
	fn := c.Parent()
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	for _, up := range n.locks.callers[fn] {
		if len(n.locks.at(up)) > 0 {
			return true
		}
	}
	return false
}

// publishedParam returns the index of the parameter whose value op stores,
// in a function of its own (not a closure): the parameter itself, or the
// address of the variable that holds it (Store(&list)); -1 otherwise.
func publishedParam(op *slotOp) int {
	if op.fn.Parent() != nil || op.val == nil {
		return -1
	}
	v := unwrapIface(op.val)
	if p, ok := v.(*ssa.Parameter); ok {
		return paramIndexOf(op.fn, p)
	}
	cell, ok := v.(*ssa.Alloc)
	if !ok || cell.Referrers() == nil {
		return -1
	}
	idx := -1
	for _, r := range *cell.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != ssa.Value(cell) {
			continue
		}
		p, ok := st.Val.(*ssa.Parameter)
		if !ok || idx >= 0 {
			return -1 // given something else, or more than once
		}
		idx = paramIndexOf(op.fn, p)
	}
	return idx
}

// exclusive returns the locks held for writing at op's call, but for a
// mutex of the very version the slot held (p := v.Load(); p.mu.Lock()):
// every updater that loads the same version locks the same mutex, after
// its Load, so it excludes nothing.
func (n *native) exclusive(op *slotOp) []ref {
	return slices.DeleteFunc(n.locks.at(op.call), func(r ref) bool {
		return r.root.kind == refMade && n.loadedFrom(r.root.made, op)
	})
}

// loadedFrom reports whether v is what a Load of op's slot returned, seen
// through dereferences and type assertions.
func (n *native) loadedFrom(v ssa.Value, op *slotOp) bool {
	for i := 0; i < 8; i++ {
		switch x := v.(type) {
		case *ssa.Call:
			ld := n.opOf[x]
			return ld != nil && ld.op == slotLoad && sameSlotClass(ld, op)
		case *ssa.TypeAssert:
			v = x.X
		case *ssa.UnOp:
			v = x.X
		case *ssa.Extract:
			v = x.Tuple
		case *ssa.ChangeType:
			v = x.X
		default:
			return false
		}
	}
	return false
}

// calledFromEventLoop reports whether fn, unexported and never used as a
// value, is called only from event loops (updateMetadata, called by the
// metadata goroutine's loop), directly or through such functions.
func (n *native) calledFromEventLoop(fn *ssa.Function, depth int) bool {
	if fn.Parent() != nil || depth > 3 || n.locks.taken[fn] {
		return false
	}
	if obj, ok := fn.Object().(*types.Func); !ok || obj.Exported() {
		return false
	}
	calls := n.locks.callers[fn]
	if len(calls) == 0 {
		return false
	}
	for _, c := range calls {
		if !eventLoop(c.Block()) && !n.calledFromEventLoop(c.Parent(), depth+1) {
			return false
		}
	}
	return true
}

// sentToOwner reports whether closure fn is handed to a function of the
// package that sends it on a channel (cl.blockingMetadataFn(func() {
// ... })): the goroutine that receives it runs it, one at a time, the
// owner's way of updating.
func sentToOwner(fn *ssa.Function) bool {
	if fn.Parent() == nil {
		return false
	}
	for instr := range instructions(fn.Parent()) {
		mc, ok := instr.(*ssa.MakeClosure)
		if !ok || mc.Fn != ssa.Value(fn) || mc.Referrers() == nil {
			continue
		}
		for _, r := range *mc.Referrers() {
			c, ok := r.(*ssa.Call)
			if !ok {
				return false
			}
			callee := c.Common().StaticCallee()
			if callee == nil || callee.Pkg != fn.Pkg {
				return false
			}
			for i, a := range c.Common().Args {
				if a == ssa.Value(mc) && i < len(callee.Params) && sendsParam(callee, callee.Params[i]) {
					return true
				}
			}
		}
	}
	return false
}

// sendsParam reports whether fn sends parameter p on a channel, itself or
// wrapped in a closure that calls it (waitfn := func() { p(); wg.Done() }).
func sendsParam(fn *ssa.Function, p *ssa.Parameter) bool {
	carries := func(v ssa.Value) bool {
		if v == ssa.Value(p) {
			return true
		}
		mc, ok := v.(*ssa.MakeClosure)
		if !ok {
			return false
		}
		for _, b := range mc.Bindings {
			// A captured parameter is spilled to a cell first.
			if b == ssa.Value(p) || holds(b, p) {
				return true
			}
		}
		return false
	}
	for instr := range instructions(fn) {
		if s, ok := instr.(*ssa.Send); ok && carries(s.X) {
			return true
		}
		if sel, ok := instr.(*ssa.Select); ok {
			for _, st := range sel.States {
				if st.Dir == types.SendOnly && carries(st.Send) {
					return true
				}
			}
		}
	}
	return false
}

// holds reports whether cell is given v (a captured parameter's cell).
func holds(cell, v ssa.Value) bool {
	if cell.Referrers() == nil {
		return false
	}
	for _, r := range *cell.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == cell && st.Val == v {
			return true
		}
	}
	return false
}

// newSlot reports whether op's function replaces the slot itself before
// storing into it (hs.state = new(atomic.Pointer[T]); hs.state.Store(x)):
// the Store goes into a slot nobody else holds yet.
func newSlot(op *slotOp) bool {
	ld, ok := op.addr.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	for instr := range instructions(op.fn) {
		if st, ok := instr.(*ssa.Store); ok && samePath(st.Addr, ld.X, 6) && dominates(st, op.call) {
			return true
		}
	}
	return false
}

// eventLoop reports whether block b is in a loop that receives from a
// channel (for ev := range ch, for { select { case ev := <-ch: ... } }).
func eventLoop(b *ssa.BasicBlock) bool {
	loop := loopBlocks(b)
	for _, x := range loop {
		for _, instr := range x.Instrs {
			switch v := instr.(type) {
			case *ssa.UnOp:
				if v.Op == token.ARROW {
					return true
				}
			case *ssa.Select:
				for _, st := range v.States {
					if st.Dir == types.RecvOnly {
						return true
					}
				}
			}
		}
	}
	return false
}

// loopBlocks returns the blocks that lie on a cycle through b: those b
// reaches that also reach b.
func loopBlocks(b *ssa.BasicBlock) []*ssa.BasicBlock {
	reach := func(from *ssa.BasicBlock, next func(*ssa.BasicBlock) []*ssa.BasicBlock) map[*ssa.BasicBlock]bool {
		seen := map[*ssa.BasicBlock]bool{}
		work := []*ssa.BasicBlock{from}
		for len(work) > 0 {
			x := work[len(work)-1]
			work = work[:len(work)-1]
			for _, y := range next(x) {
				if !seen[y] {
					seen[y] = true
					work = append(work, y)
				}
			}
		}
		return seen
	}
	fwd := reach(b, func(x *ssa.BasicBlock) []*ssa.BasicBlock { return x.Succs })
	if !fwd[b] {
		return nil
	}
	back := reach(b, func(x *ssa.BasicBlock) []*ssa.BasicBlock { return x.Preds })
	var out []*ssa.BasicBlock
	for _, x := range b.Parent().Blocks {
		if fwd[x] && back[x] {
			out = append(out, x)
		}
	}
	return out
}

// exempt reports whether updates in fn are left out: a single updater's,
// package initialisation, tests, or a function whose callers hold a lock
// it cannot see.
func (n *native) exempt(fn *ssa.Function) bool {
	root := fn
	for root.Parent() != nil {
		root = root.Parent()
	}
	if singleUpdater(root) || strings.HasPrefix(root.Name(), "init") && root.Signature.Recv() == nil {
		return true
	}
	if n.inTest(fn) {
		return true
	}
	return strings.HasSuffix(root.Name(), "Locked")
}

func sameSlotClass(a, b *slotOp) bool {
	return a.class.Known() && a.class == b.class
}

// oddOneOut decides, of two conflicting updates of one slot, whether op is
// the one to report: the one whose locks do not guard the slot's struct
// (a sibling mutex of the slot's field is the natural guard), and
// otherwise the later.
func (n *native) oddOneOut(op *slotOp, mine []ref, other *slotOp, theirs []ref) bool {
	gm, gt := guards(op, mine), guards(other, theirs)
	if gm != gt {
		return !gm
	}
	return n.e.comparePos(op.call.Pos(), other.call.Pos()) > 0
}

// guards reports whether one of locks is a mutex beside the slot in its
// struct (p.mu for p.spanProcessors).
func guards(op *slotOp, locks []ref) bool {
	if op.class.Kind != ident.Field || !op.inst.known() {
		return false
	}
	owner := strings.TrimSuffix(op.inst.path, "."+op.class.Name)
	for _, l := range locks {
		if l.root == op.inst.root && strings.HasPrefix(l.path, owner+".") && strings.Count(l.path, ".") == strings.Count(owner, ".")+1 {
			return true
		}
	}
	return false
}

func lockList(locks []ref) string {
	names := make([]string, len(locks))
	for i, l := range locks {
		names[i] = l.name()
	}
	slices.Sort(names)
	return strings.Join(names, " and ")
}

// derivedFromLoad reports whether the value op stores is made from what
// a Load of the same slot returned in the same function (directly or
// through a getter of the package or another).
func (n *native) derivedFromLoad(op *slotOp) bool {
	return n.madeFromLoad(op.fn, op, sameSlot, true, nil, op.val)
}

// madeFromLoad reports whether v, in fn, carries data that a Load of op's
// slot returned: a Load that same says is of it, or (with getters) a call
// of a function of the package that returns what it loaded, but for the
// call skip.
func (n *native) madeFromLoad(fn *ssa.Function, op *slotOp, same func(a, b *slotOp) bool, getters bool, skip *ssa.Call, v ssa.Value) bool {
	var seeds []ssa.Value
	for _, ld := range n.byFn[fn] {
		if ld.op == slotLoad && same(ld, op) {
			seeds = append(seeds, ld.call)
		}
	}
	if getters {
		for instr := range instructions(fn) {
			if c, ok := instr.(*ssa.Call); ok && c != skip && n.sharedCall(c) && n.getterOf(c, op) {
				seeds = append(seeds, c)
			}
		}
	}
	if len(seeds) == 0 {
		return false
	}
	t := n.taint(fn, seeds)
	return t.vals[v] || t.cells[cellOf(v)] || t.vals[unwrapIface(v)] || t.cells[cellOf(unwrapIface(v))]
}

// sameSlot reports whether two operations of one function are on the same
// slot: the same variable of the same value. A slot reached through a
// value that the function does not name (a phi walking a chain) is no
// slot it can be sure of.
func sameSlot(a, b *slotOp) bool {
	return a.inst.known() && a.inst == b.inst
}

// getterOf reports whether call c of a function returning a shared value
// loads op's slot: a method or function of the package whose body loads
// a slot of the same class, other than op's own function.
func (n *native) getterOf(c *ssa.Call, op *slotOp) bool {
	fn := c.Common().StaticCallee()
	if fn == nil || fn == op.fn {
		// A recursive call loads the slot of another value (a child
		// node's cached annotation), not the one op stores into.
		return false
	}
	for _, g := range n.byFn[fn] {
		if g.op == slotLoad && sameSlotClass(g, op) {
			return true
		}
	}
	return false
}

func unwrapIface(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		default:
			return v
		}
	}
}

// taint returns the values of fn that carry data read from the seeds, and
// the local variables and fresh objects written with such data.
func (n *native) taint(fn *ssa.Function, seeds []ssa.Value) *aliasSet {
	t := &aliasSet{vals: make(map[ssa.Value]bool), cells: make(map[ssa.Value]bool)}
	for _, s := range seeds {
		t.vals[s] = true
	}
	mark := func(obj ssa.Value) bool {
		if obj == nil || t.cells[obj] {
			return false
		}
		t.cells[obj] = true
		t.vals[obj] = true
		return true
	}
	for changed := true; changed; {
		changed = false
		for instr := range instructions(fn) {
			switch v := instr.(type) {
			case *ssa.Store:
				if t.has(v.Val) && mark(objectOf(v.Addr)) {
					changed = true
				}
			case *ssa.MapUpdate:
				if (t.has(v.Key) || t.has(v.Value)) && mark(objectOf(v.Map)) {
					changed = true
				}
			case *ssa.Call:
				cc := v.Common()
				if b, ok := cc.Value.(*ssa.Builtin); ok && b.Name() == "copy" && len(cc.Args) == 2 && t.has(cc.Args[1]) {
					if mark(objectOf(cc.Args[0])) {
						changed = true
					}
				}
			}
			val, ok := instr.(ssa.Value)
			if !ok || t.vals[val] {
				continue
			}
			if ld, ok := val.(*ssa.UnOp); ok && ld.Op == token.MUL && t.cells[objectOf(ld.X)] {
				t.vals[val] = true
				changed = true
				continue
			}
			var ops [8]*ssa.Value
			for _, o := range instr.Operands(ops[:0]) {
				if o != nil && *o != nil && t.vals[*o] {
					t.vals[val] = true
					changed = true
					break
				}
			}
		}
	}
	return t
}

// objectOf returns the object an address, map or slice value is part of,
// as far as the function shows: a local variable, a fresh allocation, a
// map or slice made here.
func objectOf(v ssa.Value) ssa.Value {
	for i := 0; i < 8; i++ {
		switch x := v.(type) {
		case *ssa.Alloc, *ssa.MakeMap, *ssa.MakeSlice:
			return x
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Slice:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return nil
			}
			v = x.X
		default:
			return nil
		}
	}
	return nil
}
