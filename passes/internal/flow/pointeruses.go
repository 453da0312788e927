package flow

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
)

// Uses of one Pointer or List across functions (RCU2003, RCU5001). The
// engine records every read of a Pointer or List under a section of a
// known domain and every update of one (PointerUse), completed once the
// package has been walked (finishPointers). A Pointer is identified as the engine identifies domains and
// locks (valueClass): a package variable, or a field of a struct type
// (every value of the type keeps its pointer in the same field). The
// checks compare the uses of one Pointer, across packages through facts
// (see pointerfacts.go).
//
// A Pointer or List is the receiver of a method that carries //rcu:deref,
// //rcu:assign or //rcu:unpublish and belongs to a generic type, as
// rcuapi's Pointer[T] and List[T] do; a user's non-generic wrapper (a
// Store whose Publish locks and publishes) is understood from its body,
// where the real update is.

// PointerUse is one read or update of a Pointer or List.
type PointerUse struct {
	Pointer ident.Class // the pointer's class: a package variable or a field
	Name    string      // for messages, e.g. "current" or "registry.cur"
	Op      string      // the method called: Dereference, Assign, PushBack, ...
	Func    string      // the function that makes the call
	Pos     token.Pos

	// Reads: the class of the section's domain (classic, or an SRCU
	// domain's class).
	Read   bool
	Domain ident.Class

	// Updates.
	CAS        bool          // a CompareAndSwap: lock-free, never reported by RCU2003
	Serialized bool          // an update the Pointer (a Map) serialises itself: never reported by RCU2003
	Locks      []ident.Class // the classes of the locks held (by the function or, for its callers, always)
	LockNames  []string      // the same, for messages
	// Unknown is set when callers we cannot see may hold a lock for the
	// function (it is called through a function value or an interface, or
	// its name ends in "Locked"), so that its locks are not known.
	Unknown bool
	// Single is set when the function or the pointer is annotated
	// //rcu:single-updater.
	Single bool
	// Waits lists the domains whose grace period the function waits for,
	// or on which it queues callbacks, after the update on some path;
	// WaitsUnknown is set if one of them cannot be told.
	Waits        []ident.Class
	WaitAt       []waitSite // where the function waits for each of Waits
	WaitsUnknown bool
}

// updExtra is the engine's update-side state for one package.
type updExtra struct {
	e     *engine
	uses  []*PointerUse
	fns   map[*PointerUse]*ssa.Function
	calls map[*ssa.Function][]callSite // same-package callee -> its call sites
}

type callSite struct {
	caller *ssa.Function
	locks  []ident.Class
}

// newUpdExtra returns the empty update-side state of engine e.
func newUpdExtra(e *engine) *updExtra {
	return &updExtra{e: e, fns: make(map[*PointerUse]*ssa.Function), calls: make(map[*ssa.Function][]callSite)}
}

// pointerOf returns the class and a name of the Pointer or List that call
// c works on, if c is a method of one with role kind.
func (g *group) pointerOf(c *ssa.CallCommon, fn *ssa.Function) (class ident.Class, name string) {
	if fn == nil || fn.Signature.Recv() == nil || len(c.Args) == 0 {
		return ident.Class{}, ""
	}
	rt := fn.Signature.Recv().Type()
	if p, ok := rt.(*types.Pointer); ok {
		rt = p.Elem()
	}
	named, ok := rt.(*types.Named)
	if !ok || named.TypeArgs().Len() == 0 {
		return ident.Class{}, ""
	}
	class = valueClass(c.Args[0])
	if !class.Known() || class.IsParam() || class.Derefs > 0 {
		return ident.Class{}, ""
	}
	return class, class.PointerName()
}

// notePointerUse records, at a call, a read of a Pointer under a section
// of a known domain, an update of one with the locks held, and the locks
// held at calls of this package's functions.
func (w *walker) notePointerUse(c *ssa.Call, state []tstate) {
	g := w.g
	if !g.findings {
		return
	}
	x := g.e.upd
	common := c.Common()
	callee, api, sum := g.callee(common)
	if callee != nil && callee.Pkg != nil && callee.Pkg.Pkg == g.e.pass.Pkg && api == nil {
		locks, _ := g.heldClasses(state)
		x.calls[callee] = append(x.calls[callee], callSite{caller: w.f, locks: locks})
	}
	if api == nil {
		// A helper that dereferences a Pointer under the Section it is
		// given reads it here, under this section's domain.
		if sum != nil {
			for _, r := range sum.ReadsUnder {
				if r.Param < len(common.Args) {
					w.noteRead(r.Pointer, r.Name, callee.Name(), common.Args[r.Param], c.Pos())
				}
			}
		}
		return
	}
	if role, ok := api.Has(apisem.Deref); ok && role.Arg < len(common.Args) {
		class, name := g.pointerOf(common, callee)
		if !class.Known() {
			return
		}
		w.noteRead(class, name, callee.Name(), common.Args[role.Arg], c.Pos())
		return
	}
	_, assigns := api.Has(apisem.Assign)
	_, unpublishes := api.Has(apisem.Unpublish)
	if !assigns && !unpublishes {
		return
	}
	class, name := g.pointerOf(common, callee)
	if !class.Known() || freshObject(common.Args[0]) {
		return
	}
	// A compare-and-swap needs no lock, and a Map serialises its updates
	// itself: neither is an updater that must hold a common lock.
	u := &PointerUse{Pointer: class, Name: name, Op: callee.Name(), Func: funcName(w.f), Pos: c.Pos(),
		CAS: callee.Name() == "CompareAndSwap", Serialized: isRCUType(common.Args[0].Type(), "Map")}
	u.Locks, u.LockNames = g.heldClasses(state)
	if role, ok := api.Has(apisem.Protected); ok && role.Arg < len(common.Args) {
		// Replace names the lock its caller holds; rcuapi checks at run time
		// that somebody holds it.
		if cl, nm := lockArgClass(common.Args[role.Arg]); cl.Known() && !slices.Contains(u.Locks, cl) {
			u.Locks = append(u.Locks, cl)
			u.LockNames = append(u.LockNames, nm)
		}
	}
	if g.retires(c, api, class) {
		u.Waits, u.WaitAt, u.WaitsUnknown = g.e.waitsAfter(c)
	}
	x.uses = append(x.uses, u)
	x.fns[u] = w.f
}

// noteRead records a read of pointer class under the section value sec:
// a use for each domain the section may be of, when all are known; for
// the summary, the Section parameter the read is made under.
func (w *walker) noteRead(class ident.Class, name, op string, sec ssa.Value, pos token.Pos) {
	g := w.g
	x := g.e.upd
	var domains []ident.Class
	known := true
	g.under(g.secOf(sec)).each(func(i int) {
		switch t := g.toks[i]; {
		case t.kind == tokPhi:
		case t.kind == tokAcquired && t.domain.class.Known() && !t.shared:
			if !slices.Contains(domains, t.domain.class) {
				domains = append(domains, t.domain.class)
			}
		case t.kind == tokInput && t.fn == w.f && w.root && t.input < len(w.f.Params) && !t.shared:
			known = false
			r := SectionRead{Param: t.input, Pointer: class, Name: name}
			if !slices.Contains(w.sum.ReadsUnder, r) {
				w.sum.ReadsUnder = append(w.sum.ReadsUnder, r)
			}
		default:
			known = false
		}
	})
	if !known {
		return
	}
	for _, d := range domains {
		u := &PointerUse{Pointer: class, Name: name, Op: op, Func: funcName(w.f), Pos: pos, Read: true, Domain: d}
		x.uses = append(x.uses, u)
		x.fns[u] = w.f
	}
}

// freshObject reports whether the Pointer at addr is a field of an object
// made in this function (a constructor filling in what it made): nobody
// else can update it yet.
func freshObject(addr ssa.Value) bool {
	for i := 0; i < 8; i++ {
		fa, ok := addr.(*ssa.FieldAddr)
		if !ok {
			break
		}
		addr = fa.X
	}
	_, ok := addr.(*ssa.Alloc)
	return ok
}

// funcName names fn for messages: a closure by the function it is in.
func funcName(fn *ssa.Function) string {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn.RelString(fn.Pkg.Pkg)
}

// retires reports whether update c leaves an old value to retire: it
// unpublishes an element, returns the value it replaced (and that is used),
// or publishes over a value the function read from the same pointer.
func (g *group) retires(c *ssa.Call, api *apisem.API, class ident.Class) bool {
	if _, ok := api.Has(apisem.Unpublish); ok {
		return true
	}
	if v := firstResult(c); v != ssa.Value(c) || isPointer(c.Type()) {
		// The value replaced is returned (Replace, Map.Swap): retired if
		// used.
		if _, ok := v.(*ssa.Extract); ok || isPointer(v.Type()) {
			if refs := v.Referrers(); refs != nil {
				for _, r := range *refs {
					if _, ok := r.(*ssa.DebugRef); !ok {
						return true
					}
				}
			}
		}
	}
	if len(c.Call.Args) > 0 && isRCUType(c.Call.Args[0].Type(), "Map") {
		return false // one key's update retires no other key's value
	}
	for instr := range instructions(c.Parent()) {
		r, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		callee, rapi, _ := g.callee(r.Common())
		_, deref := rapi.Has(apisem.Deref)
		_, prot := rapi.Has(apisem.Protected)
		_, assign := rapi.Has(apisem.Assign)
		if (deref || prot) && !assign {
			if cl, _ := g.pointerOf(r.Common(), callee); cl == class {
				return true
			}
		}
	}
	return false
}

// waitsAfter returns the domains waited for (Synchronize, Call, or a
// helper that does either) after call c in its function, on some path,
// and whether one of them is unknown.
func (e *engine) waitsAfter(c *ssa.Call) (waits []ident.Class, at []waitSite, unknown bool) {
	first := make(map[ident.Class]waitSite)
	var site waitSite
	add := func(class ident.Class) {
		if !class.Known() {
			unknown = true
		} else if !slices.Contains(waits, class) {
			waits = append(waits, class)
			first[class] = site
		}
	}
	visit := func(instr ssa.Instruction) {
		if ci, ok := instr.(ssa.CallInstruction); ok {
			site = waitSite{instr.Pos(), ""}
			if fn := ci.Common().StaticCallee(); fn != nil {
				site.by = fn.Name()
			}
			e.callWaits(ci.Common(), 0, add)
		}
	}
	// After c in its function, and, for a closure that runs in place (a
	// loop body that removes what it finds), after it in its parent.
	var from ssa.Instruction = c
	for i := 0; i < 4 && from != nil; i++ {
		instrsAfter(from, visit)
		ctx := e.contextOf(from.Parent())
		if ctx == nil || ctx.kind == ctxGo || ctx.kind == ctxCallback {
			break
		}
		from = ctx.at
	}
	slices.SortFunc(waits, ident.Compare)
	for _, w := range waits {
		at = append(at, first[w])
	}
	return waits, at, unknown
}

// callWaits calls add with the class of each domain that call c waits for
// or queues a callback on (directly, in a closure it runs, or through a
// helper's summary).
func (e *engine) callWaits(c *ssa.CallCommon, depth int, add func(ident.Class)) {
	if mc, ok := c.Value.(*ssa.MakeClosure); ok && depth < 3 {
		e.bodyWaits(mc.Fn.(*ssa.Function), depth+1, add)
		return
	}
	fn := c.StaticCallee()
	if fn == nil {
		return
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		if api := e.model.Lookup(obj); api != nil {
			for _, r := range api.Roles {
				if r.Kind == apisem.Sync || r.Kind == apisem.Call {
					add(classOf(c, r.Domain))
				}
				if r.Kind == apisem.Call && r.Arg < len(c.Args) && depth < 3 {
					// A callback runs after the grace period: what it
					// waits for, or queues on, is waited for too
					// (Call(func() { d.Call(free) }) waits for both).
					if cb, _ := behind(c.Args[r.Arg]); cb != nil && cb.Pkg != nil && cb.Pkg.Pkg == e.pass.Pkg {
						e.bodyWaits(cb, depth+1, add)
					}
				}
			}
			return
		}
	}
	if sum := e.summaryOf(fn); sum != nil {
		for _, w := range sum.Waits {
			add(atCall(w, c))
		}
	}
}

// bodyWaits applies callWaits to every call of fn.
func (e *engine) bodyWaits(fn *ssa.Function, depth int, add func(ident.Class)) {
	for instr := range instructions(fn) {
		if ci, ok := instr.(ssa.CallInstruction); ok {
			e.callWaits(ci.Common(), depth, add)
		}
	}
}

// summarizeWaits adds to fn's summary the domains it waits for on some
// path, for callers that update and leave the wait to a helper.
func (e *engine) summarizeWaits(fn *ssa.Function, sum *summary) {
	var waits []ident.Class
	e.bodyWaits(fn, 0, func(class ident.Class) {
		if class.Known() && !slices.Contains(waits, class) {
			waits = append(waits, class)
		}
	})
	slices.SortFunc(waits, ident.Compare)
	sum.Waits = waits
	slices.Sort(sum.WritesThrough)
	sum.WritesThrough = slices.Compact(sum.WritesThrough)
	slices.SortFunc(sum.ReadsUnder, func(a, b SectionRead) int {
		if a.Param != b.Param {
			return a.Param - b.Param
		}
		return ident.Compare(a.Pointer, b.Pointer)
	})
}

// finishPointers completes the update uses of the package with the locks
// that callers hold and the annotations, and returns every use the package
// makes outside generated files, in position order.
func (e *engine) finishPointers(funcs []*ssa.Function) []*PointerUse {
	ux := e.upd
	if ux == nil {
		return nil
	}
	var out []*PointerUse
	taken := addressTaken(funcs)
	memo := make(map[*ssa.Function]*inherited)
	for _, u := range ux.uses {
		fn := ux.fns[u]
		if e.result.Generated(u.Pos) {
			continue
		}
		if u.Read {
			out = append(out, u)
			continue
		}
		// Package initialisation and tests run their updates before (or
		// instead of) the concurrent updaters: count them as single.
		u.Single = singleUpdater(fn) || strings.HasPrefix(funcName(fn), "init#") ||
			strings.HasSuffix(e.pass.Fset.Position(u.Pos).Filename, "_test.go")
		in := ux.inherit(fn, taken, memo, 0)
		if in.unknown {
			u.Unknown = true
		}
		for k, l := range in.locks {
			if !slices.Contains(u.Locks, l) {
				u.Locks = append(u.Locks, l)
				u.LockNames = append(u.LockNames, in.names[k])
			}
		}
		out = append(out, u)
	}
	// Reads first, then updates, each in position order.
	slices.SortStableFunc(out, func(a, b *PointerUse) int {
		return cmp.Or(cmp.Compare(updateRank(a), updateRank(b)), e.comparePos(a.Pos, b.Pos))
	})
	return out
}

type inherited struct {
	locks   []ident.Class
	names   []string
	unknown bool
}

// inherit returns the locks that every caller of fn holds when it calls
// it, or unknown when some callers cannot be seen.
func (x *updExtra) inherit(fn *ssa.Function, taken map[*ssa.Function]bool, memo map[*ssa.Function]*inherited, depth int) *inherited {
	if in, ok := memo[fn]; ok {
		return in
	}
	unknown := &inherited{unknown: true}
	memo[fn] = unknown // a cycle: unknown
	if depth > 6 {
		return unknown
	}
	if parent := fn.Parent(); parent != nil {
		// A closure: one analysed where it runs already sees its parent's
		// locks; it also holds what the parent's callers hold, unless it
		// runs on another goroutine.
		var parentIn *inherited
		switch x.runsWhere(fn) {
		case runsElsewhere:
			parentIn = &inherited{}
		case runsHere:
			parentIn = x.inherit(parent, taken, memo, depth+1)
		default:
			parentIn = unknown
		}
		memo[fn] = parentIn
		return parentIn
	}
	name := fn.Name()
	if strings.HasSuffix(name, "Locked") && !strings.HasSuffix(name, "Unlocked") || name == "locked" || taken[fn] {
		return unknown
	}
	sites := x.calls[fn]
	exported := ast.IsExported(name)
	var out *inherited
	if exported || len(sites) == 0 {
		// Callers of other packages hold none of our unexported locks
		// (see the check); a function never called is called by nobody.
		out = &inherited{}
	}
	for _, s := range sites {
		cin := x.inherit(s.caller, taken, memo, depth+1)
		if cin.unknown {
			return unknown
		}
		locks := append(slices.Clone(s.locks), cin.locks...)
		if out == nil {
			out = &inherited{locks: locks}
			continue
		}
		var keep []ident.Class
		for _, l := range out.locks {
			if slices.Contains(locks, l) {
				keep = append(keep, l)
			}
		}
		out.locks = keep
	}
	for _, l := range out.locks {
		out.names = append(out.names, l.LockName())
	}
	memo[fn] = out
	return out
}

type where uint8

const (
	runsUnknown   where = iota
	runsHere            // called or deferred by its parent
	runsElsewhere       // started as a goroutine or queued as a callback: holds no lock
)

// runsWhere tells where closure fn runs.
func (x *updExtra) runsWhere(fn *ssa.Function) where {
	ctx := x.e.contextOf(fn)
	if ctx == nil {
		return runsUnknown
	}
	switch ctx.kind {
	case ctxGo, ctxCallback:
		return runsElsewhere
	}
	return runsHere
}

// addressTaken returns the package functions used as values (including
// method values and method expressions), and the methods that may be
// called through an interface: their callers cannot be seen.
func addressTaken(funcs []*ssa.Function) map[*ssa.Function]bool {
	taken := make(map[*ssa.Function]bool)
	invoked := make(map[string]bool)
	mark := func(f *ssa.Function) {
		if f.Synthetic != "" {
			// A bound method or a thunk: the method it calls.
			for instr := range instructions(f) {
				if c, ok := instr.(ssa.CallInstruction); ok {
					if callee := c.Common().StaticCallee(); callee != nil {
						taken[callee] = true
					}
				}
			}
			return
		}
		taken[f] = true
	}
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if c, ok := instr.(ssa.CallInstruction); ok && c.Common().IsInvoke() {
				invoked[c.Common().Method.Name()] = true
			}
			var ops [8]*ssa.Value
			for k, op := range instr.Operands(ops[:0]) {
				if op == nil {
					continue
				}
				if c, ok := instr.(ssa.CallInstruction); ok && k == 0 && *op == c.Common().Value {
					continue // the function called
				}
				switch v := (*op).(type) {
				case *ssa.Function:
					mark(v)
				case *ssa.MakeClosure:
					mark(v.Fn.(*ssa.Function))
				}
			}
		}
	}
	for _, fn := range funcs {
		if fn.Signature.Recv() != nil && invoked[fn.Name()] {
			taken[fn] = true
		}
	}
	return taken
}

// singleUpdater reports whether fn (or, for a closure, the function it is
// in) carries the //rcu:single-updater annotation.
func singleUpdater(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	fd, ok := fn.Syntax().(*ast.FuncDecl)
	if !ok || fd.Doc == nil {
		return false
	}
	return HasSingleUpdater(fd.Doc)
}

// HasSingleUpdater reports whether a comment group carries the
// //rcu:single-updater annotation.
func HasSingleUpdater(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, c := range doc.List {
		if text, ok := strings.CutPrefix(c.Text, "//rcu:"); ok {
			text, _, _ = strings.Cut(text, "//")
			if strings.TrimSpace(text) == apisem.SingleUpdaterDirective {
				return true
			}
		}
	}
	return false
}

// updateRank orders reads before updates.
func updateRank(u *PointerUse) int {
	if u.Read {
		return 0
	}
	return 1
}

// waitSite is a call that waits for a grace period (or queues a callback):
// where, and the function called.
type waitSite struct {
	pos token.Pos
	by  string
}

// isPointer reports whether t is a pointer type.
func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// instrsAfter calls visit with every instruction that can run after instr
// in its function, on some path.
func instrsAfter(instr ssa.Instruction, visit func(ssa.Instruction)) {
	b := instr.Block()
	for _, x := range b.Instrs[index(b, instr)+1:] {
		visit(x)
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[s] {
			continue
		}
		seen[s] = true
		for _, x := range s.Instrs {
			visit(x)
		}
		stack = append(stack, s.Succs...)
	}
}
