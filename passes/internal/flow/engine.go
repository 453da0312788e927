package flow

import (
	"go/token"
	"go/types"
	"math/bits"
	"slices"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/blocking"
	"github.com/rcuvet/rcuvet/passes/internal/dyntype"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"github.com/rcuvet/rcuvet/passes/internal/paramuse"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

type engine struct {
	pass      *analysis.Pass
	model     *apisem.Model
	blocking  *blocking.Result
	params    *paramuse.Result // setters of packages without RCU, see walk.go
	dyn       *dyntype.Result  // the one concrete type of some functions' interface results (RCU7005)
	summaries map[*ssa.Function]*summary
	imported  map[*types.Func]*summary // summaries of other packages' functions, read from facts
	result    *Result
	inContext map[*ssa.Function]bool // closures analysed where they run
	iterBody  map[*ssa.Function]bool // the in-context closures that are range-over-func loop bodies
	callees   map[*ssa.CallCommon]calleeInfo

	readerLocks map[lockIn]token.Pos // a reader takes the lock inside a section of the domain
	heldWaits   []heldWait           // grace-period waits made with locks held
	upd         *updExtra            // the update side's state, see pointeruses.go
	claimed     map[kindAt]bool      // findings reported once per place, see once
	funcs       []*ssa.Function      // every function of the package
	qsbr        *qsbrHomes           // what the package tells about QSBR readers, see qsbr.go
	idSlots     map[idSlot]bool      // fields and variables that keep pointers only to compare them
}

// A tok is an abstract read-side section (or, for summaries, a parameter
// that pointers may be derived from).
type tok struct {
	kind      tokKind
	pos       token.Pos
	by        string // the acquiring function, for acquired sections
	domain    domain
	fn        *ssa.Function // where it was acquired, or whose input it is
	input     int           // inputs: index among fn's parameters then free variables
	shared    bool          // stands for several sections (a group with more than 64)
	api       *types.Func   // the acquire API that began it, if one did
	under     tokset        // phis: the tokens of the values merged
	lock      string        // locks: what is locked, e.g. "srv.mu" or "srv.rw (read)"
	lockClass ident.Class   // locks: the same across functions (see valueClass)
	lockRoot  ssa.Value     // locks: the object the lock is part of
}

type tokKind uint8

const (
	tokAcquired  tokKind = iota // made by an acquire call in the group
	tokInput                    // a Section parameter or free variable
	tokSource                   // a pointer parameter, for Derives summaries
	tokPublished                // the published object a Protected call returns (RCU2002)
	tokPhi                      // a phi of sections or protected pointers: the one its path holds
	tokLock                     // a lock (live = held); see locks.go
)

// domain identifies the domain of a section or of an API call.
type domain struct {
	class   ident.Class // across functions: classic, a package variable or a field (see valueClass)
	classic bool
	srcu    bool   // a domain given as an argument: not classic
	key     ref    // identifies the domain value in the function; zero if unknown
	name    string // for messages
}

// differs reports whether a and b are known to be different domains.
func (a domain) differs(b domain) bool {
	if a.classic != b.classic {
		return (a.classic || a.srcu) && (b.classic || b.srcu)
	}
	return a.srcu && b.srcu && a.key.known() && b.key.known() && a.key != b.key
}

// tokset is a set of token indexes. A function with more than 64 tokens
// shares the last bit among the rest: imprecise, never unsound for
// liveness (a shared bit is as live as its most live member).
type tokset uint64

func bit(i int) tokset { return tokset(1) << min(i, 63) }

func (s tokset) each(f func(i int)) {
	for s != 0 {
		i := bits.TrailingZeros64(uint64(s))
		f(i)
		s &^= 1 << i
	}
}

// status of a section at a program point.
type status uint8

const (
	unset status = iota // not begun on any path here
	live
	ended
	maybe // live on some paths, ended on others
)

type tstate struct {
	st        status
	endedAt   token.Pos
	deferred  bool      // a deferred call will end it
	deferPos  token.Pos // where that call was deferred
	deferBy   string    // the function deferred
	goroutine bool      // seen from a goroutine that may outlive it
	callback  bool      // seen from a callback, which runs after a grace period
	iterEnded bool      // maybe ended only by a range-over-func body that returns
}

func join(a, b tstate) tstate {
	if a.st == unset {
		return b
	}
	if b.st == unset {
		return a
	}
	out := a
	if a.st != b.st {
		out.st = maybe
	}
	if out.endedAt == token.NoPos || (b.endedAt != token.NoPos && b.endedAt < out.endedAt) {
		out.endedAt = b.endedAt
	}
	out.deferred = a.deferred && b.deferred
	if !out.deferred {
		out.deferPos, out.deferBy = token.NoPos, ""
	} else if out.deferPos == token.NoPos {
		out.deferPos, out.deferBy = b.deferPos, b.deferBy
	}
	out.goroutine = a.goroutine || b.goroutine
	out.callback = a.callback || b.callback
	out.iterEnded = (a.iterEnded || a.st == live) && (b.iterEnded || b.st == live) && (a.iterEnded || b.iterEnded)
	return out
}

// group is one function analysed on its own together with the closures
// that are analysed where they run.
type group struct {
	e          *engine
	root       *ssa.Function
	fns        []*ssa.Function
	ctx        map[*ssa.Function]*callCtx
	toks       []*tok
	tokOf      map[ssa.Value]int
	sec        map[ssa.Value]tokset // the sections a Section-carrying value refers to
	der        map[ssa.Value]tokset // the sections (or sources) a pointer was obtained under
	access     map[ssa.Value]bool   // obtained by an access function
	mem        map[ssa.Value]tokset // sections stored in a local variable
	memDer     map[ssa.Value]tokset // derived pointers stored in a local variable
	alias      map[ssa.Value]ssa.Value
	pinned     map[ssa.Value]bool         // a reference was taken on it, or it was unpublished here
	published  tokset                     // the tokPublished tokens
	deps       []tokset                   // token -> the phi tokens that merge it
	stores     map[ssa.Value][]ssa.Value  // local variable -> the values stored in it
	storeAt    map[ssa.Value][]*ssa.Store // local variable -> the stores into it
	locks      map[*ssa.Call]lockOp       // calls that lock or unlock
	lockOf     map[lockKey]int            // lock -> its token
	tryLocked  map[ref]bool               // locks taken with TryLock somewhere
	localDepth int                        // recursion depth of localObject
	lost       tokset                     // sections that flow into values past the token budget
	findings   bool                       // record findings (false when only a summary is wanted)

	states    map[ssa.Instruction][]tstate // state before each context instruction
	exit      map[*ssa.Function][]tstate   // state where each function returns, joined
	reported  map[reportKey]bool           // one finding per kind, function and section
	deadDeref map[ssa.Value]bool           // results of dereferences under ended sections
}

type reportKey struct {
	kind findingKind
	fn   *ssa.Function
	tok  *tok      // the section as it is named (a merge by one it merges)
	pos  token.Pos // findings about no section: one per place
}

func (e *engine) analyseRoot(fn *ssa.Function) {
	// Summaries of in-context closures first: their parent needs them
	// (a deferred closure that ends a section).
	var closures func(f *ssa.Function)
	closures = func(f *ssa.Function) {
		for _, anon := range f.AnonFuncs {
			closures(anon)
			if e.inContext[anon] {
				g := e.newGroup(anon, false)
				e.summaries[anon] = g.run()
			}
		}
	}
	closures(fn)
	g := e.newGroup(fn, true)
	sum := g.run()
	sum.Pins = refTaken(fn)
	e.summarizeTeardown(fn, sum)
	e.summaries[fn] = sum
	if obj, ok := fn.Object().(*types.Func); ok && fn.Parent() == nil && obj.Pkg() == e.pass.Pkg {
		sum.export(e.pass, obj)
	}
}

func (e *engine) newGroup(root *ssa.Function, findings bool) *group {
	g := &group{
		e: e, root: root, findings: findings,
		ctx:       make(map[*ssa.Function]*callCtx),
		tokOf:     make(map[ssa.Value]int),
		sec:       make(map[ssa.Value]tokset),
		der:       make(map[ssa.Value]tokset),
		access:    make(map[ssa.Value]bool),
		mem:       make(map[ssa.Value]tokset),
		memDer:    make(map[ssa.Value]tokset),
		alias:     make(map[ssa.Value]ssa.Value),
		pinned:    make(map[ssa.Value]bool),
		stores:    make(map[ssa.Value][]ssa.Value),
		storeAt:   make(map[ssa.Value][]*ssa.Store),
		locks:     make(map[*ssa.Call]lockOp),
		lockOf:    make(map[lockKey]int),
		tryLocked: make(map[ref]bool),
		states:    make(map[ssa.Instruction][]tstate),
		exit:      make(map[*ssa.Function][]tstate),
		reported:  make(map[reportKey]bool),
		deadDeref: make(map[ssa.Value]bool),
	}
	g.add(root, nil)
	return g
}

// add adds f (and, when findings are wanted, its in-context closures) to the
// group and creates its tokens.
func (g *group) add(f *ssa.Function, ctx *callCtx) {
	g.fns = append(g.fns, f)
	if ctx != nil {
		g.ctx[f] = ctx
		g.bindContext(f, ctx) // before the tokens, whose domains are named through free variables
	}
	if ctx == nil {
		inputs := append(append([]ssa.Value{}, paramValues(f)...), freeVarValues(f)...)
		for i, v := range inputs {
			switch {
			case g.isSectionish(v.Type()) || g.isSectionCell(v.Type()):
				g.newTok(&tok{kind: tokInput, pos: v.Pos(), domain: domain{name: "the caller's domain"}, fn: f, input: i}, v)
				g.sec[v] = bit(g.tokOf[v])
			case g.e.carriesRef(v.Type()):
				g.newTok(&tok{kind: tokSource, pos: v.Pos(), fn: f, input: i}, v)
				g.der[v] = bit(g.tokOf[v])
			}
		}
	}
	for instr := range instructions(f) {
		c, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		callee, api, sum := g.callee(c.Common())
		if role, ok := api.Has(apisem.Acquire); ok {
			obj, _ := callee.Object().(*types.Func)
			g.newTok(&tok{kind: tokAcquired, pos: c.Pos(), by: callee.Name(), domain: g.domainOf(c.Common(), role.Domain), fn: f, api: obj}, c)
		} else if sum != nil && sum.Acquires {
			g.newTok(&tok{kind: tokAcquired, pos: c.Pos(), by: callee.Name(), domain: g.domainOf(c.Common(), sum.AcquireDomain), fn: f}, c)
		}
		if _, ok := api.Has(apisem.Protected); ok && !assigns(api) && g.e.carriesRef(c.Type()) && g.findings {
			g.newTok(&tok{kind: tokPublished, pos: c.Pos(), by: callee.Name(), fn: f}, c)
		}
		if _, ok := api.Has(apisem.Get); ok && len(c.Call.Args) > 0 {
			g.pin(c.Call.Args[0])
		}
		if r, ok := api.Has(apisem.Unpublish); ok && r.Arg >= 0 && r.Arg < len(c.Call.Args) {
			// An object the code unpublishes itself (l.Remove(e), a won
			// p.CompareAndSwap(old, next)) is its own to retire: readers
			// other than it are what the grace period waits for.
			g.pin(c.Call.Args[r.Arg])
		}
		if sum != nil {
			for _, i := range sum.Pins {
				if i < len(c.Call.Args) {
					g.pin(c.Call.Args[i])
				}
			}
		}
		if methodName(&c.Call) == "sync.WaitGroup.Add" && len(c.Call.Args) > 0 {
			// seg.pins.Add(1): a count of users in the object, which its
			// retirer waits for (seg.pins.Wait()) before destroying it.
			if fa, ok := c.Call.Args[0].(*ssa.FieldAddr); ok {
				g.pin(fa.X)
			}
		}
		g.addLockOp(c, callee)
	}
	if !g.findings {
		return
	}
	for _, anon := range f.AnonFuncs {
		if g.e.inContext[anon] {
			g.add(anon, g.e.contextOf(anon))
		}
	}
}

// pin records that a reference was taken on v (a TryGet), so that v may
// be used after its section. A reference taken on a field of a struct
// value (e := elem.Value; e.Module.TryGet()) pins that struct too: an
// element that pairs a module with what belongs to it is usable while the
// module is held.
func (g *group) pin(v ssa.Value) {
	g.pinned[v] = true
	switch v := v.(type) {
	case *ssa.Field:
		g.pinned[v.X] = true
	case *ssa.UnOp:
		// A reference taken on what a field of a struct points to pins
		// the struct: e := elem.Value; e.Module.TryGet() (the struct in a
		// local variable), or p.Mod.TryGet() (p points to it).
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			g.pinned[fa.X] = true
			if ld, ok := fa.X.(*ssa.UnOp); ok && ld.Op == token.MUL {
				g.pinned[ld] = true
			}
		}
		// A variable a closure captures lives in a cell: the pointer
		// pinned is what was stored in it, and the cell itself.
		if a, ok := v.X.(*ssa.Alloc); ok && v.Op == token.MUL && a.Referrers() != nil {
			g.pinned[a] = true
			for _, r := range *a.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == a {
					g.pinned[st.Val] = true
				}
			}
		}
	}
}

// newTok adds a token for v. Past 64 tokens in a group, the last one is
// shared by the rest and marked so; no finding is reported for it.
func (g *group) newTok(t *tok, v ssa.Value) {
	if len(g.toks) == 64 {
		g.toks[63].shared = true
		g.tokOf[v] = 63
		return
	}
	g.toks = append(g.toks, t)
	g.tokOf[v] = len(g.toks) - 1
	if t.kind == tokPublished {
		g.published |= bit(len(g.toks) - 1)
	}
}

func paramValues(f *ssa.Function) []ssa.Value {
	out := make([]ssa.Value, len(f.Params))
	for i, p := range f.Params {
		out[i] = p
	}
	return out
}

func freeVarValues(f *ssa.Function) []ssa.Value {
	out := make([]ssa.Value, len(f.FreeVars))
	for i, p := range f.FreeVars {
		out[i] = p
	}
	return out
}

// isSectionCell reports whether t points to a Section (or a value that
// holds one), as a variable captured by a closure does.
func (g *group) isSectionCell(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	return ok && g.isSectionish(p.Elem())
}

// isSectionish reports whether t is a Section or a struct or array that
// holds one.
func (g *group) isSectionish(t types.Type) bool {
	return g.e.model.IsSection(t) || g.holdsSection(t, 0)
}

func (g *group) holdsSection(t types.Type, depth int) bool {
	if depth > 3 {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for f := range u.Fields() {
			if g.e.model.IsSection(f.Type()) || g.holdsSection(f.Type(), depth+1) {
				return true
			}
		}
	case *types.Array:
		return g.e.model.IsSection(u.Elem()) || g.holdsSection(u.Elem(), depth+1)
	case *types.Tuple:
		for v := range u.Variables() {
			if g.e.model.IsSection(v.Type()) || g.holdsSection(v.Type(), depth+1) {
				return true
			}
		}
	}
	return false
}

// carriesRef reports whether a value of type t can refer to memory that a
// section protects. Strings and numbers copied out of a protected object
// cannot, nor can values of value types (netip.Addr, time.Time, a type
// declared //rcu:value), whose pointers point elsewhere, nor the function
// fields of a struct copied out of one (a plugin's Handle: code the updater
// set, not memory of the object). A function value itself can: a closure
// made here may capture a protected pointer.
func (e *engine) carriesRef(t types.Type) bool { return e.carries(t, 0) }

// carriesLoaded is carriesRef for a value read out of protected memory: a
// function value read there (a factory in a registry's map, a handler
// field) is code the updater set, not memory of the object, and may be
// called after the section, as a struct's function fields may be copied
// out (carries).
func (e *engine) carriesLoaded(t types.Type) bool {
	if _, fn := t.Underlying().(*types.Signature); fn {
		return false
	}
	return e.carriesRef(t)
}

func (e *engine) carries(t types.Type, depth int) bool {
	if depth > 4 {
		return false
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		// Its underlying type is its constraint's interface, but a value
		// of it may or may not be a pointer: precision first.
		return false
	}
	if e.model.IsValue(t) {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Struct:
		for f := range u.Fields() {
			if _, fn := f.Type().Underlying().(*types.Signature); !fn && e.carries(f.Type(), depth+1) {
				return true
			}
		}
	case *types.Array:
		return e.carries(u.Elem(), depth+1)
	case *types.Tuple:
		for v := range u.Variables() {
			if e.carries(v.Type(), depth+1) {
				return true
			}
		}
	}
	return false
}

// refTaken returns the parameters on which fn takes a reference, as far as
// its body shows: it returns a bool alone and makes an atomic
// compare-and-swap or add on memory of the parameter whose result it looks
// at, to tell whether it got the reference (a count in the object:
// c.refs.CompareAndSwap(n, n+1), atomic.AddInt32(&c.refs, 1) > 1).
func refTaken(fn *ssa.Function) []int {
	res := fn.Signature.Results()
	if res.Len() != 1 || !isBool(res.At(0).Type()) {
		return nil
	}
	var out []int
	for instr := range instructions(fn) {
		c, ok := instr.(*ssa.Call)
		if !ok || len(c.Call.Args) == 0 {
			continue
		}
		callee := c.Call.StaticCallee()
		if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg.Path() != "sync/atomic" {
			continue
		}
		name := callee.Name()
		if !strings.HasPrefix(name, "CompareAndSwap") && !strings.HasPrefix(name, "Add") {
			continue
		}
		if !resultUsed(c) {
			continue // a counter bumped (d.sent.Add(1)): the result tells nothing
		}
		if i := paramIndexOf(fn, rootOf(c.Call.Args[0])); i >= 0 && !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

// resultUsed reports whether the result of call c is used.
func resultUsed(c *ssa.Call) bool {
	if refs := c.Referrers(); refs != nil {
		for _, r := range *refs {
			if _, debug := r.(*ssa.DebugRef); !debug {
				return true
			}
		}
	}
	return false
}

// stateless reports whether t marks where values come from rather than a
// section or lock with a state: a pointer parameter, a published object.
func (t *tok) stateless() bool { return t.kind == tokSource || t.kind == tokPublished }

// assigns reports whether an API publishes (Replace names the lock it
// holds, as Protected does, but returns the object it unpublished).
func assigns(api *apisem.API) bool {
	_, ok := api.Has(apisem.Assign)
	return ok
}
