package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
)

// Retiring old objects (RCU2004). An object that an updater unpublished
// (the old value Replace returns, an element given to List.Remove or
// List.Replace, or a value read with Protected or Dereference before an
// Assign or Replace of the same pointer) may still be in use by readers
// until a grace period has elapsed. Destroying it before that, on some
// path, is reported. Destroying means: calling a method named Close on it,
// putting it into a sync.Pool, or passing it to a function that carries
// //rcu:destroy (rcuapi.Unload does) or whose summary says that it
// destroys that parameter before any grace period (a helper, possibly of
// another package). Any grace-period wait counts (Synchronize of any
// domain, or a helper that waits); RCU5001 judges the domain. Work done
// in a callback queued with Call, or in a goroutine, is not done here,
// but a callback that destroys an object queued before the object is
// unpublished destroys it too early. A polled grace period (a cookie of
// GetState or StartPoll, waited for with CondSynchronize or found elapsed
// by PollState) covers only the objects unpublished before the cookie was
// taken.

// retireState is, at a program point, the old values whose grace period
// has not elapsed on some path (value -> the call that unpublished it),
// and the values read from a pointer (value -> the pointer's key).
type retireState struct {
	old     map[ssa.Value]*ssa.Call
	reads   map[ssa.Value]ref
	defs    map[ssa.Value]ssa.Instruction    // deferred destroys of old values
	early   map[ref]destroyed                // pointer key -> a value read from it destroyed while still published
	cookies map[ssa.Value]map[ssa.Value]bool // grace-period cookie -> the old values it covers
}

func (s retireState) clone() retireState {
	return retireState{old: maps.Clone(s.old), reads: maps.Clone(s.reads), defs: maps.Clone(s.defs), early: maps.Clone(s.early), cookies: maps.Clone(s.cookies)}
}

// join adds b to *s and reports whether it changed. A cookie covers what
// it covers on every path.
func (s *retireState) join(b retireState) bool {
	c1 := mergeInto(s.old, b.old)
	c2 := mergeInto(s.reads, b.reads)
	c3 := mergeInto(s.defs, b.defs)
	c4 := mergeInto(s.early, b.early)
	c5 := false
	for k, cov := range b.cookies {
		mine, ok := s.cookies[k]
		if !ok {
			s.cookies[k] = cov
			c5 = true
			continue
		}
		for v := range mine {
			if !cov[v] {
				mine = maps.Clone(mine)
				for w := range mine {
					if !cov[w] {
						delete(mine, w)
					}
				}
				s.cookies[k] = mine
				c5 = true
				break
			}
		}
	}
	return c1 || c2 || c3 || c4 || c5
}

// passCookie removes from the old values those that cookie covers: a grace
// period that began after the cookie was taken has elapsed.
func (s *retireState) passCookie(cookie ssa.Value) {
	for v := range s.cookies[cookie] {
		delete(s.old, v)
	}
}

// destroyed is one destruction of an old value found by retire.
type destroyed struct {
	pos   token.Pos
	how   string    // e.g. "Close", "sync.Pool.Put", "Unload"
	by    *ssa.Call // the unpublishing call (nil for a parameter)
	param int       // the parameter destroyed, for summaries (-1 otherwise)
	early bool      // destroyed while still published, before by unpublished it
	// viaCall: the destruction is a callback queued, by how, before the
	// object was unpublished.
	viaCall bool
}

// checkRetire reports the old objects destroyed before a grace period.
func (e *engine) checkRetire(funcs []*ssa.Function) {
	for _, fn := range funcs {
		ds, _ := e.retire(fn, false)
		for _, d := range ds {
			how, verb := d.how, "destroys"
			if w, ok := strings.CutPrefix(how, writeHow); ok {
				how, verb = w, "changes" // a write: the object is reused
				if e.reported("RCU2002", d.pos) {
					continue // the write into a protected object, reported once
				}
			}
			msg := fmt.Sprintf("%s %s an object that %s unpublished (at %s) before a grace period elapsed: readers may still hold it; wait with Synchronize of the readers' domain first, or destroy it in a Call callback", how, verb, calleeName(d.by), e.at(d.by.Pos()))
			if d.viaCall {
				msg = fmt.Sprintf("%s queues a callback that destroys an object still published: %s unpublishes it only later (at %s), and the grace period the callback waits for may end before that; unpublish it first, then queue the callback", d.how, calleeName(d.by), e.at(d.by.Pos()))
			} else if d.early {
				msg = fmt.Sprintf("%s destroys an object that is still published: %s unpublishes it only later (at %s); unpublish it first, then wait with Synchronize of the readers' domain, then destroy it", d.how, calleeName(d.by), e.at(d.by.Pos()))
			}
			e.report(destroyBeforeGP, d.pos, msg, rel(d.by.Pos(), "unpublished here"))
		}
	}
}

// summarizeDestroys adds to fn's summary the parameters it may destroy
// before any grace period.
func (e *engine) summarizeDestroys(fn *ssa.Function, sum *summary) {
	ds, returnsOld := e.retire(fn, true)
	for _, d := range ds {
		if d.param >= 0 {
			sum.Destroys = append(sum.Destroys, d.param)
		}
	}
	sum.ReturnsOld = returnsOld
}

// mayRetire reports whether fn makes a call that can destroy something,
// or that publishes or unpublishes (so that it may return an old value):
// only then has retire anything to find. Most functions read.
func (e *engine) mayRetire(fn *ssa.Function) bool {
	for instr := range instructions(fn) {
		ci, ok := instr.(ssa.CallInstruction)
		if !ok {
			continue
		}
		c := ci.Common()
		if destroyName(c) != "" {
			return true
		}
		callee := c.StaticCallee()
		if callee == nil {
			continue
		}
		if obj, ok := callee.Object().(*types.Func); ok {
			if api := e.model.Lookup(obj); api != nil {
				for _, r := range api.Roles {
					if r.Kind == apisem.Destroy || r.Kind == apisem.Assign || r.Kind == apisem.Unpublish {
						return true
					}
				}
				continue
			}
		}
		if sum := e.summaryOf(callee); sum != nil && (len(sum.Destroys) > 0 || sum.ReturnsOld) {
			return true
		}
	}
	return false
}

// retire runs the analysis over fn. With params, fn's pointer parameters
// start out as old values, for its summary, and retire also reports
// whether fn returns an old value of its own on some path.
func (e *engine) retire(fn *ssa.Function, params bool) ([]destroyed, bool) {
	return e.retireFrom(fn, params, nil)
}

// retireFrom is retire with seeds: values of fn that are old objects from
// the start (what a goroutine captured), with the calls that unpublished
// them.
func (e *engine) retireFrom(fn *ssa.Function, params bool, seeds map[ssa.Value]*ssa.Call) ([]destroyed, bool) {
	if len(fn.Blocks) == 0 || !e.mayRetire(fn) {
		return nil, false
	}
	paramCall := &ssa.Call{} // stands for "given by the caller"
	returnsOld := false
	entry := retireState{old: map[ssa.Value]*ssa.Call{}, reads: map[ssa.Value]ref{}, defs: map[ssa.Value]ssa.Instruction{}, early: map[ref]destroyed{}, cookies: map[ssa.Value]map[ssa.Value]bool{}}
	maps.Copy(entry.old, seeds)
	if params {
		for _, p := range fn.Params {
			if e.carriesRef(p.Type()) {
				entry.old[p] = paramCall
			}
		}
	}
	var found []destroyed
	seen := map[token.Pos]bool{}
	report := func(d destroyed) {
		if !seen[d.pos] {
			seen[d.pos] = true
			found = append(found, d)
		}
	}
	in := forward(fn, entry, retireState.clone, (*retireState).join,
		func(b *ssa.BasicBlock, st retireState) retireState {
			for _, instr := range b.Instrs {
				e.retireStep(fn, instr, &st, nil)
			}
			return st
		},
		func(from, to *ssa.BasicBlock, out retireState) retireState {
			// if PollState(cookie) { ... }: on the true branch the
			// grace period the cookie names has elapsed.
			if cookie := e.polledOn(from); cookie != nil && len(from.Succs) == 2 && to == from.Succs[0] {
				out = out.clone()
				out.passCookie(cookie)
			}
			return out
		})
	for _, b := range fn.Blocks {
		if in[b.Index] == nil {
			continue
		}
		st := in[b.Index].clone()
		for _, instr := range b.Instrs {
			if ret, ok := instr.(*ssa.Return); ok {
				for _, r := range ret.Results {
					for _, v := range resultValues(r) {
						if by, ok := st.old[oldRoot(v)]; ok && by != paramCall {
							returnsOld = true
						}
					}
				}
			}
			e.retireStep(fn, instr, &st, report)
		}
	}
	var out []destroyed
	for _, d := range found {
		if d.by == paramCall {
			d.by = nil
			if !params {
				continue
			}
		} else {
			d.param = -1
			if params {
				continue
			}
		}
		out = append(out, d)
	}
	return out, returnsOld
}

// retireStep applies instr to st; with report, it reports destructions of
// old values.
func (e *engine) retireStep(fn *ssa.Function, instr ssa.Instruction, st *retireState, report func(destroyed)) {
	var check func(v ssa.Value, how string, pos token.Pos, deferred ssa.Instruction)
	check = func(v ssa.Value, how string, pos token.Pos, deferred ssa.Instruction) {
		if phi, ok := oldRoot(v).(*ssa.Phi); ok {
			// One of several values (undone, _ = m.Swap(k, old) on one
			// path, m.Delete(k) on the other).
			for _, e := range phi.Edges {
				if _, loop := e.(*ssa.Phi); !loop {
					check(e, how, pos, deferred)
				}
			}
			return
		}
		root := oldRoot(v)
		by, ok := st.old[root]
		for p, n := ownerOf(root), 0; !ok && p != nil && n < 4; p, n = ownerOf(oldRoot(p)), n+1 {
			// A part the old object owns (a connection of its pool,
			// closed in a loop over them) goes with it.
			if b, found := st.old[oldRoot(p)]; found {
				root, by, ok = oldRoot(p), b, true
			}
		}
		if !ok {
			if strings.HasPrefix(how, writeHow) {
				return // a write into a published object: RCU2001/RCU2002's
			}
			if k, read := st.reads[root]; read && deferred == nil {
				if _, seen := st.early[k]; !seen {
					st.early[k] = destroyed{pos: pos, how: how, param: -1, early: true}
				}
			}
			return
		}
		if deferred != nil {
			st.defs[root] = deferred
			return
		}
		if report != nil {
			report(destroyed{pos: pos, how: how, by: by, param: paramIndexOf(fn, root)})
		}
	}
	switch v := instr.(type) {
	case *ssa.Store:
		// A write into the unpublished object, or into what it reaches
		// (old.keys[0] = zero): readers that still hold it see it
		// change; reusing it needs the grace period a destroy does.
		for x := v.Addr; x != nil; x = selectedFrom(x) {
			if _, old := st.old[oldRoot(x)]; old {
				check(x, writeHow+"this write", v.Pos(), nil)
				break
			}
		}
	case *ssa.Go:
		e.retireSpawned(v.Common().Value, st, report)
	case *ssa.Call:
		if i, ok := runsLater[pkgFuncName(v)]; ok && i < len(v.Common().Args) {
			e.retireSpawned(v.Common().Args[i], st, report) // time.AfterFunc(d, func() { old.Close() })
		}
		destroy := check
		if lastReference(v) {
			// Only when a reference count it dropped reached zero (if
			// u.refs.Add(-1) == 0 { u.conn.Close() }): whoever drops the
			// last reference destroys; this drops one.
			destroy = func(ssa.Value, string, token.Pos, ssa.Instruction) {}
		}
		e.retireCall(fn, v.Common(), v, st, destroy, nil, report)
		// A helper that writes into what it is given (a Wipe that zeroes
		// the old keys), known from its syntax in any package.
		if callee := v.Common().StaticCallee(); callee != nil {
			if obj, ok := callee.Object().(*types.Func); ok && e.model.Lookup(obj) == nil {
				for _, i := range e.params.Writes(obj) {
					if i < len(v.Common().Args) {
						destroy(v.Common().Args[i], writeHow+callee.Name()+", which writes into it,", v.Pos(), nil)
					}
				}
			}
		}
	case *ssa.Defer:
		e.retireCall(fn, v.Common(), nil, st, check, v, report)
	case *ssa.Return:
		for root, d := range st.defs {
			if by, ok := st.old[root]; ok && report != nil {
				c := d.(*ssa.Defer).Common()
				how := destroyName(c)
				if callee := c.StaticCallee(); how == "" && callee != nil {
					how = callee.Name() // a helper that destroys
				}
				report(destroyed{pos: d.Pos(), how: how, by: by, param: paramIndexOf(fn, root)})
			}
		}
	}
}

// retireCall applies call c (the result value is call, nil if deferred).
func (e *engine) retireCall(fn *ssa.Function, c *ssa.CallCommon, call *ssa.Call, st *retireState, check func(ssa.Value, string, token.Pos, ssa.Instruction), deferred ssa.Instruction, report func(destroyed)) {
	pos := c.Pos()
	if deferred != nil {
		pos = deferred.Pos()
	}
	// A closure called here: its waits count.
	if mc, ok := c.Value.(*ssa.MakeClosure); ok {
		waited := false
		e.bodyWaits(mc.Fn.(*ssa.Function), 1, func(ident.Class) { waited = true })
		if waited && deferred == nil {
			clear(st.old)
		}
		return
	}
	// Destroying.
	if how := destroyName(c); how != "" {
		switch {
		case c.IsInvoke():
			check(c.Value, how, pos, deferred)
		case how == "sync.Pool.Put" && len(c.Args) == 2:
			check(c.Args[1], how, pos, deferred)
		case len(c.Args) > 0:
			check(c.Args[0], how, pos, deferred)
		}
	}
	fn2 := c.StaticCallee()
	if fn2 == nil {
		return
	}
	obj, _ := fn2.Object().(*types.Func)
	var api *apisem.API
	if obj != nil {
		api = e.model.Lookup(obj)
	}
	if api != nil {
		if e.isCookie(fn2, obj, api) && call != nil {
			cov := make(map[ssa.Value]bool, len(st.old))
			for v := range st.old {
				cov[v] = true
			}
			st.cookies[call] = cov
			return
		}
		if _, ok := api.Has(apisem.Sync); ok && deferred == nil {
			if cookie := cookieArg(c, st); cookie != nil {
				st.passCookie(cookie) // CondSynchronize(cookie)
				return
			}
		}
		if r, ok := api.Has(apisem.Call); ok && r.Arg < len(c.Args) && deferred == nil {
			// A callback that destroys an object still published destroys
			// it too early: the grace period it waits for may end before
			// the object is unpublished.
			for _, v := range callbackDestroys(c.Args[r.Arg]) {
				if k, read := st.reads[oldRoot(v)]; read {
					if _, seen := st.early[k]; !seen {
						st.early[k] = destroyed{pos: pos, how: fn2.Name(), param: -1, early: true, viaCall: true}
					}
				}
				if el := elementOf(v); el != nil {
					// The value of a List element still linked (e.Value,
					// then l.Remove(e) only later).
					if _, seen := st.early[madeRef(el)]; !seen {
						st.early[madeRef(el)] = destroyed{pos: pos, how: fn2.Name(), param: -1, early: true, viaCall: true}
					}
				}
			}
		}
		for _, r := range api.Roles {
			switch r.Kind {
			case apisem.Destroy:
				if r.Arg < len(c.Args) {
					check(c.Args[r.Arg], fn2.Name(), pos, deferred)
				}
			case apisem.Sync, apisem.Cleanup:
				// A Cleanup that succeeds leaves no reader of its domain
				// behind; one that fails returns ErrActiveReaders (what
				// follows is then RCU6005's or the caller's business).
				if deferred == nil {
					clear(st.old)
				} else {
					clear(st.defs) // deferred calls run last in, first out: after this wait
				}
			}
		}
		if deferred != nil || call == nil {
			return
		}
		var key ref
		if fn2.Signature.Recv() != nil && len(c.Args) > 0 {
			key = refOf(c.Args[0])
		}
		_, deref := api.Has(apisem.Deref)
		_, prot := api.Has(apisem.Protected)
		role, assigns := api.Has(apisem.Assign)
		if len(c.Args) > 0 && isRCUType(c.Args[0].Type(), "Map") {
			// A Map's update replaces one key's value: only the value it
			// returns (Swap, Delete) is unpublished, not the values read
			// before under other keys.
			key = ref{}
			if assigns && role.Arg < len(c.Args) && len(c.Args) > role.Arg && types.Identical(firstResultType(fn2), c.Args[role.Arg].Type()) {
				st.old[firstResult(call)] = call
			}
		}
		if key.known() && assigns && fn2.Name() != "CompareAndSwap" {
			if d, ok := st.early[key]; ok {
				d.by = call
				if report != nil {
					report(d)
				}
				delete(st.early, key)
			}
			for v, k := range st.reads {
				if k == key {
					st.old[v] = call
					delete(st.reads, v)
				}
			}
			// Replace returns the value it unpublished.
			if res := fn2.Signature.Results(); res.Len() == 1 && role.Arg < len(c.Args) && types.Identical(res.At(0).Type(), c.Args[role.Arg].Type()) {
				st.old[call] = call
			}
		} else if key.known() && (deref || prot) {
			st.reads[call] = key
		}
		if r, ok := api.Has(apisem.Unpublish); ok && r.Arg >= 0 && r.Arg < len(c.Args) {
			root := oldRoot(c.Args[r.Arg])
			if d, ok := st.early[madeRef(root)]; ok && deferred == nil {
				d.by = call
				if report != nil {
					report(d)
				}
				delete(st.early, madeRef(root))
			}
			st.old[root] = call
			if v := e.pushedValue(root); v != nil {
				st.old[oldRoot(v)] = call // the value the element holds (e := l.PushBack(c); l.Remove(e); c.Close())
			}
		} else if ok && r.Arg == apisem.Result {
			st.old[firstResult(call)] = call
		}
		return
	}
	if sum := e.summaryOf(fn2); sum != nil {
		for _, i := range sum.Destroys {
			if i < len(c.Args) {
				check(c.Args[i], fn2.Name(), pos, deferred)
			}
		}
		if len(sum.Waits) > 0 {
			if deferred == nil {
				clear(st.old)
			} else {
				clear(st.defs)
			}
		}
		if sum.ReturnsOld && call != nil {
			st.old[call] = call
		}
	}
}

// isCookie reports whether API function fn takes a grace-period cookie to
// poll: it does not block and returns a named type of its own package, as
// GetState and StartPoll do.
func (e *engine) isCookie(fn *ssa.Function, obj *types.Func, api *apisem.API) bool {
	if _, ok := api.Has(apisem.NoBlock); !ok || obj == nil {
		return false
	}
	res := fn.Signature.Results()
	if res.Len() != 1 {
		return false
	}
	n, ok := res.At(0).Type().(*types.Named)
	return ok && n.Obj().Pkg() == obj.Pkg()
}

// cookieArg returns the cookie, among the arguments of c, that st knows.
func cookieArg(c *ssa.CallCommon, st *retireState) ssa.Value {
	for _, a := range c.Args {
		if _, ok := st.cookies[a]; ok {
			return a
		}
	}
	return nil
}

// polledOn returns the cookie whose grace period the If that ends block b
// tests (if PollState(cookie) {...}), or nil.
func (e *engine) polledOn(b *ssa.BasicBlock) ssa.Value {
	if len(b.Instrs) == 0 {
		return nil
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	c, ok := iff.Cond.(*ssa.Call)
	if !ok || len(c.Call.Args) != 1 {
		return nil
	}
	fn := c.Call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != rcuapiPath {
		return nil
	}
	return c.Call.Args[0]
}

// callbackDestroys returns the values a callback value destroys: the
// receiver of a method value that destroys (old.Close), or what a function
// literal destroys of what it captures (func() { old.Close() }).
func callbackDestroys(cb ssa.Value) []ssa.Value {
	mc, ok := cb.(*ssa.MakeClosure)
	if !ok {
		return nil
	}
	fn := mc.Fn.(*ssa.Function)
	if _, obj := behind(cb); fn.Synthetic != "" && obj != nil && len(mc.Bindings) == 1 {
		if obj.Name() == "Close" {
			return mc.Bindings[:1]
		}
		return nil
	}
	var out []ssa.Value
	for instr := range instructions(fn) {
		ci, ok := instr.(ssa.CallInstruction)
		if !ok || destroyName(ci.Common()) == "" {
			continue
		}
		c := ci.Common()
		recv := c.Value
		if !c.IsInvoke() && len(c.Args) > 0 {
			recv = c.Args[len(c.Args)-1]
			if destroyName(c) != "sync.Pool.Put" {
				recv = c.Args[0]
			}
		}
		if ld, ok := recv.(*ssa.UnOp); ok && ld.Op == token.MUL {
			recv = ld.X // a captured variable's cell
		}
		for i, fv := range fn.FreeVars {
			if fv == recv && i < len(mc.Bindings) {
				b := mc.Bindings[i]
				if a, ok := b.(*ssa.Alloc); ok {
					// The cell of a captured variable: what is stored in it.
					for _, r := range *a.Referrers() {
						if st, ok := r.(*ssa.Store); ok && st.Addr == a {
							out = append(out, st.Val)
						}
					}
					continue
				}
				out = append(out, b)
			}
		}
	}
	return out
}

// firstResult returns the value of call's first result: the call itself,
// or the extraction of result 0 from its tuple (the call if none is used).
func firstResult(call *ssa.Call) ssa.Value {
	if _, ok := call.Type().(*types.Tuple); !ok || call.Referrers() == nil {
		return call
	}
	for _, r := range *call.Referrers() {
		if x, ok := r.(*ssa.Extract); ok && x.Index == 0 {
			return x
		}
	}
	return call
}

// firstResultType returns the type of fn's first result, or nil.
func firstResultType(fn *ssa.Function) types.Type {
	if res := fn.Signature.Results(); res.Len() > 0 {
		return res.At(0).Type()
	}
	return types.Typ[types.Invalid]
}

// pushedValue returns the value a list element holds when element e is
// the result of a push (e := l.PushBack(v)), or nil.
func (e *engine) pushedValue(el ssa.Value) ssa.Value {
	c, ok := el.(*ssa.Call)
	if !ok || !isElement(c.Type()) {
		return nil
	}
	fn := c.Common().StaticCallee()
	if fn == nil {
		return nil
	}
	obj, _ := fn.Object().(*types.Func)
	if role, ok := e.model.Lookup(obj).Has(apisem.Assign); ok && role.Arg < len(c.Common().Args) {
		return c.Common().Args[role.Arg]
	}
	return nil
}

// reported reports whether check already has a finding at pos.
func (e *engine) reported(check string, pos token.Pos) bool {
	return slices.ContainsFunc(e.result.Findings, func(f *Finding) bool { return f.Check == check && f.Pos == pos })
}

// writeHow prefixes the how of a destroyed that is a write into the old
// object (its message says it changes the object).
const writeHow = "write:"

// selectedFrom returns what an address or load selects from (x of &x.f,
// &x[i], *x), or nil.
func selectedFrom(v ssa.Value) ssa.Value {
	switch x := v.(type) {
	case *ssa.FieldAddr:
		return x.X
	case *ssa.IndexAddr:
		return x.X
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return x.X
		}
	}
	return nil
}
