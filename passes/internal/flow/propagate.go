package flow

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ssa"
)

// propagate computes sec, der, access and the contents of local variables
// for every value of the group, to a fixed point.
func (g *group) propagate() {
	for changed := true; changed; {
		changed = false
		for _, f := range g.fns {
			for instr := range instructions(f) {
				if g.step(instr) {
					changed = true
				}
			}
		}
	}
}

// bindContext makes an in-context closure's free variables stand for the
// values its parent binds to them, and a yield function's parameters
// derived from the iterator.
func (g *group) bindContext(f *ssa.Function, ctx *callCtx) {
	var mc *ssa.MakeClosure
	for instr := range instructions(ctx.parent) {
		if m, ok := instr.(*ssa.MakeClosure); ok && m.Fn == f {
			mc = m
		}
	}
	if mc == nil {
		return
	}
	for i, fv := range f.FreeVars {
		if i < len(mc.Bindings) {
			g.alias[fv] = mc.Bindings[i]
		}
	}
}

// resolve follows aliases from free variables to the parent's values.
func (g *group) resolve(v ssa.Value) ssa.Value {
	for i := 0; i < 8; i++ {
		a, ok := g.alias[v]
		if !ok {
			return v
		}
		v = a
	}
	return v
}

func (g *group) secOf(v ssa.Value) tokset {
	if c, ok := v.(*ssa.Const); ok && c.Value == nil {
		return 0
	}
	return g.sec[g.resolve(v)]
}

func (g *group) derOf(v ssa.Value) tokset {
	v = g.resolve(v)
	if g.pinned[v] {
		return g.der[v] & g.published
	}
	return g.der[v]
}

func (g *group) addSec(v ssa.Value, s tokset) bool {
	if s == 0 || g.sec[v]|s == g.sec[v] {
		return false
	}
	g.sec[v] |= s
	return true
}

func (g *group) addDer(v ssa.Value, s tokset) bool {
	if g.pinned[v] {
		s &= g.published // a reference ends no update-side matter
	}
	if s == 0 || g.der[v]|s == g.der[v] {
		return false
	}
	g.der[v] |= s
	return true
}

// memRoot returns the local variable an address points into, if any.
func (g *group) memRoot(addr ssa.Value) ssa.Value {
	for i := 0; i < 16; i++ {
		addr = g.resolve(addr)
		switch a := addr.(type) {
		case *ssa.Alloc:
			return a
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			if _, ok := a.X.Type().Underlying().(*types.Pointer); !ok {
				// A slice element lives wherever the slice does.
				return g.localObject(a.X, nil)
			}
			addr = a.X
		case *ssa.Slice:
			if _, ok := a.X.Type().Underlying().(*types.Pointer); !ok {
				return nil
			}
			addr = a.X // a slice of a local array
		default:
			return nil
		}
	}
	return nil
}

// localObject returns the local memory that slice or map value v lives
// in: one made in this function (make, a composite literal) and only ever
// kept in local variables, or nil.
func (g *group) localObject(v ssa.Value, seen map[ssa.Value]bool) ssa.Value {
	// memRoot and localObject call each other through slices of slices:
	// bound the depth.
	if g.localDepth > 8 {
		return nil
	}
	g.localDepth++
	defer func() { g.localDepth-- }()
	v = g.resolve(v)
	switch v := v.(type) {
	case *ssa.MakeSlice, *ssa.MakeMap:
		return v
	case *ssa.Slice:
		if _, ok := v.X.Type().Underlying().(*types.Pointer); ok {
			return g.memRoot(v.X)
		}
		return g.localObject(v.X, seen)
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(v.Call.Args) > 0 {
			return g.localObject(v.Call.Args[0], seen)
		}
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return nil
		}
		cell := g.memRoot(v.X)
		if cell == nil {
			return nil
		}
		if seen[v] {
			return cell
		}
		if seen == nil {
			seen = make(map[ssa.Value]bool)
		}
		seen[v] = true
		// Only the stores into the part of the variable that v loads
		// count: a struct may keep a local slice in one field and a
		// protected pointer in another.
		path, _ := fieldPath(v.X)
		n := 0
		for _, st := range g.storeAt[cell] {
			if p, _ := fieldPath(st.Addr); !overlaps(path, p) {
				continue
			}
			n++
			if g.localObject(st.Val, seen) == nil {
				return nil
			}
		}
		if n == 0 {
			return nil
		}
		return cell
	case *ssa.Const:
		if v.IsNil() {
			return v // a nil slice or map: append and make give local memory
		}
	case *ssa.Phi:
		// A slice grown in a loop: local if every edge is (a cycle back
		// to this phi counts as local).
		if seen[v] {
			return v
		}
		if seen == nil {
			seen = make(map[ssa.Value]bool)
		}
		seen[v] = true
		var root ssa.Value
		for _, e := range v.Edges {
			r := g.localObject(e, seen)
			if r == nil {
				return nil
			}
			if _, ok := r.(*ssa.Phi); !ok && root == nil {
				root = r
			}
		}
		if root == nil {
			root = v
		}
		return root
	}
	return nil
}

// fieldPath returns the fields an address selects from the variable it
// points into, outermost first (an element of an array is -1), and whether
// the address is in the variable at all: an element of a slice lives in
// the slice's array, elsewhere.
func fieldPath(addr ssa.Value) ([]int, bool) {
	var path []int
	for i := 0; i < 16; i++ {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			path = append(path, a.Field)
			addr = a.X
		case *ssa.IndexAddr:
			if _, ok := a.X.Type().Underlying().(*types.Pointer); !ok {
				return nil, false
			}
			path = append(path, -1)
			addr = a.X
		default:
			slices.Reverse(path)
			return path, true
		}
	}
	return nil, true // too deep to tell: overlaps everything
}

// overlaps reports whether two field paths from one variable can name
// common memory: one is a prefix of the other.
func overlaps(a, b []int) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// step applies one instruction to the flow-insensitive facts and reports
// whether anything changed.
func (g *group) step(instr ssa.Instruction) bool {
	changed := false
	switch v := instr.(type) {
	case *ssa.Call:
		c := v.Common()
		_, api, sum := g.callee(c)
		if t, ok := g.tokOf[v]; ok {
			if g.toks[t].kind == tokPublished {
				changed = g.addDer(v, bit(t)) || changed
			} else {
				changed = g.addSec(v, bit(t)) || changed
			}
		}
		if role, ok := api.Has(apisem.Deref); ok && role.Arg < len(c.Args) {
			changed = g.addDer(v, g.secOf(c.Args[role.Arg])) || changed
			if len(c.Args) > 0 {
				changed = g.addDer(v, g.derOf(c.Args[0])) || changed
			}
		}
		if _, ok := api.Has(apisem.Access); ok && !g.access[v] {
			g.access[v] = true
			changed = true
		}
		if b, ok := c.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(c.Args) > 0 {
			// The result is the slice appended to, holding copies of the
			// elements appended: those reach protected memory only if they
			// are references themselves.
			changed = g.addDer(v, g.reach(c.Args[0])) || changed
			if g.e.carriesRef(elemType(c.Args[0].Type())) {
				for _, a := range c.Args[1:] {
					changed = g.addDer(v, g.reach(a)) || changed
				}
			}
		}
		if src, ok := shallowCopy(c); ok {
			// slices.Clone and its kind: a fresh container of copied
			// elements.
			if g.e.carriesRef(elemType(src.Type())) {
				changed = g.addDer(v, g.reach(src)) || changed
			}
		} else {
			changed = g.throughTypeParam(v, c) || changed
		}
		if i, ok := retainedArg(c); ok && i < len(c.Args) {
			// bytes.NewReader(b.data): the reader keeps the slice.
			changed = g.addDer(v, g.reach(c.Args[i])) || changed
		}
		if sum != nil {
			for _, i := range sum.Passes {
				if i < len(c.Args) {
					changed = g.addSec(v, g.secOf(c.Args[i])) || changed
				}
			}
			for _, i := range sum.Derives {
				if i < len(c.Args) {
					changed = g.addDer(v, g.derOf(c.Args[i])|g.secOf(c.Args[i])) || changed
				}
			}
		}
	case *ssa.Phi:
		changed = g.stepPhi(v)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if root := g.memRoot(v.X); root != nil {
				changed = g.addSec(v, g.mem[root]) || changed
				if !g.pinned[root] {
					changed = g.addDer(v, g.loadDer(v, root)) || changed
				}
			}
			if g.isSectionish(v.Type()) {
				changed = g.addSec(v, g.secOf(v.X)) || changed // a section cell
			}
			if g.e.carriesLoaded(v.Type()) {
				changed = g.addDer(v, g.derOf(v.X)) || changed
			}
		}
	case *ssa.FieldAddr:
		changed = g.addDer(v, g.derOf(v.X)) || changed
	case *ssa.IndexAddr:
		changed = g.addDer(v, g.derOf(v.X)) || changed
	case *ssa.Field:
		changed = g.passOn(v, v.X) || changed
	case *ssa.Index:
		changed = g.passOn(v, v.X) || changed
	case *ssa.Extract:
		changed = g.passOn(v, v.Tuple) || changed
	case *ssa.Lookup:
		changed = g.passOn(v, v.X) || changed
		if root := g.localObject(v.X, nil); root != nil && g.e.carriesRef(v.Type()) {
			changed = g.addDer(v, g.memDer[root]) || changed
		}
	case *ssa.MapUpdate:
		if root := g.localObject(v.Map, nil); root != nil {
			if d := g.reach(v.Value) | g.reach(v.Key); d != 0 && g.memDer[root]|d != g.memDer[root] {
				g.memDer[root] |= d
				changed = true
			}
		}
	case *ssa.Next:
		changed = g.passOn(v, v.Iter) || changed
	case *ssa.Range:
		changed = g.addDer(v, g.derOf(v.X)) || changed
	case *ssa.Slice:
		if !zeroCap(v) {
			changed = g.addDer(v, g.derOf(v.X)) || changed
		}
	case *ssa.ChangeType:
		changed = g.passAll(v, v.X) || changed
	case *ssa.Convert:
		changed = g.passAll(v, v.X) || changed
	case *ssa.MakeInterface:
		changed = g.passAll(v, v.X) || changed
	case *ssa.ChangeInterface:
		changed = g.passAll(v, v.X) || changed
	case *ssa.TypeAssert:
		changed = g.passAll(v, v.X) || changed
	case *ssa.SliceToArrayPointer:
		changed = g.addDer(v, g.derOf(v.X)) || changed
	case *ssa.MakeClosure:
		for _, b := range v.Bindings {
			changed = g.addDer(v, g.derOf(b)) || changed
			if root := g.memRoot(b); root != nil {
				changed = g.addDer(v, g.memDer[root]) || changed
			}
		}
		if ctx := g.ctx[v.Fn.(*ssa.Function)]; ctx != nil && ctx.kind == ctxIter {
			d := g.derOf(ctx.seq)
			for _, p := range v.Fn.(*ssa.Function).Params {
				if g.e.carriesRef(p.Type()) {
					changed = g.addDer(p, d) || changed
				}
			}
		}
	case *ssa.Store:
		if root := g.memRoot(v.Addr); root != nil {
			if !slices.Contains(g.stores[root], v.Val) {
				g.stores[root] = append(g.stores[root], v.Val)
				changed = true
			}
			if _, in := fieldPath(v.Addr); in && !slices.Contains(g.storeAt[root], v) {
				g.storeAt[root] = append(g.storeAt[root], v)
				changed = true
			}
			if s := g.secOf(v.Val); s != 0 && g.mem[root]|s != g.mem[root] {
				g.mem[root] |= s
				changed = true
			}
			if d := g.reach(v.Val); d != 0 && g.memDer[root]|d != g.memDer[root] {
				g.memDer[root] |= d
				changed = true
			}
		}
	}
	return changed
}

// throughTypeParam carries the sections and protected pointers of the
// arguments of a call of a generic function to its result where the
// function returns a value of the type parameter they were passed as
// (func Pass[S any](s S) S): its summary, made from the generic body, can
// not tell that a value of S is a Section.
func (g *group) throughTypeParam(v *ssa.Call, c *ssa.CallCommon) bool {
	fn := c.StaticCallee()
	if fn == nil || fn.Origin() == nil || fn.Origin() == fn {
		return false
	}
	o := fn.Origin()
	res := o.Signature.Results()
	if res.Len() != 1 {
		return false
	}
	tp, ok := types.Unalias(res.At(0).Type()).(*types.TypeParam)
	if !ok {
		return false
	}
	changed := false
	for i, p := range o.Params {
		if i < len(c.Args) && types.Identical(p.Type(), tp) {
			changed = g.addSec(v, g.secOf(c.Args[i])) || changed
			changed = g.addDer(v, g.derOf(c.Args[i])) || changed
		}
	}
	return changed
}

// passOn carries the facts of x to v, a part of x, where v's type can carry
// them.
func (g *group) passOn(v, x ssa.Value) bool {
	changed := false
	if g.isSectionish(v.Type()) {
		changed = g.addSec(v, g.secOf(x)) || changed
	}
	if g.e.carriesLoaded(v.Type()) {
		changed = g.addDer(v, g.derOf(x)) || changed
	}
	return changed
}

// passAll carries every fact of x to v, the same value seen as another type.
func (g *group) passAll(v, x ssa.Value) bool {
	changed := g.addSec(v, g.secOf(x))
	changed = g.addDer(v, g.derOf(x)) || changed
	if g.access[g.resolve(x)] && !g.access[v] {
		g.access[v] = true
		changed = true
	}
	return changed
}

// reach returns the sections that protect what v can reach: v itself if it
// was obtained under them, or what a local variable it points to holds.
func (g *group) reach(v ssa.Value) tokset { return g.reachDepth(v, 0, nil) }

// reachDepth is reach, following loads from local variables to what was
// stored in them, at most four loads deep and each value once (a result
// variable stored at every return must not make this exponential).
func (g *group) reachDepth(v ssa.Value, depth int, seen map[ssa.Value]bool) tokset {
	if !g.e.carriesRef(v.Type()) {
		return 0
	}
	r := g.derOf(v)
	if root := g.memRoot(v); root != nil && !g.pinned[root] {
		r |= g.memDer[root]
	}
	if depth < 4 {
		if ld, ok := g.resolve(v).(*ssa.UnOp); ok && ld.Op == token.MUL {
			// A value loaded from a local variable reaches what was stored
			// there (a result variable, say).
			if root := g.memRoot(ld.X); root != nil && !g.pinned[root] {
				if seen == nil {
					seen = make(map[ssa.Value]bool)
				}
				for _, st := range g.storedValues(ld, root) {
					if !seen[st] {
						seen[st] = true
						r |= g.reachDepth(st, depth+1, seen)
					}
				}
			}
		}
	}
	return r
}

// reachSec returns the sections that v holds, directly or in a local
// variable it points to.
func (g *group) reachSec(v ssa.Value) tokset {
	r := g.secOf(v)
	if root := g.memRoot(v); root != nil {
		r |= g.mem[root]
	}
	return r
}

// loadDer returns the sections that protect what load ld from local
// variable root may reach: what the stores it may read from reach.
func (g *group) loadDer(ld *ssa.UnOp, root ssa.Value) tokset {
	if _, ok := root.(*ssa.Alloc); !ok {
		return g.memDer[root]
	}
	var d tokset
	for _, v := range g.storedValues(ld, root) {
		d |= g.reach(v)
	}
	return d
}

// storedValues returns the values that load ld from local variable root may
// read: those of the stores into the part of root it loads that are not
// overwritten on every path before it. A struct is followed field by field
// (c := *p; c.Tags = slices.Clone(c.Tags); c.Inner = nil; return c reaches
// none of *p's memory through Tags or Inner), so that a copy whose
// reference fields are replaced or cleared is a fresh value. Stores in
// another function of the group are all counted.
func (g *group) storedValues(ld *ssa.UnOp, root ssa.Value) []ssa.Value {
	path, in := fieldPath(ld.X)
	if !in || ld.Parent() != root.Parent() {
		return g.stores[root]
	}
	var out []ssa.Value
	g.storesAt(ld, root, path, ld.Type(), 0, &out)
	return out
}

func (g *group) storesAt(ld ssa.Instruction, root ssa.Value, path []int, t types.Type, depth int, out *[]ssa.Value) {
	if st, ok := t.Underlying().(*types.Struct); ok && depth < 3 {
		for i := range st.NumFields() {
			if f := st.Field(i); g.e.carriesRef(f.Type()) {
				g.storesAt(ld, root, append(slices.Clip(path), i), f.Type(), depth+1, out)
			}
		}
		return
	}
	var cands, kills []*ssa.Store
	for _, st := range g.storeAt[root] {
		p, _ := fieldPath(st.Addr)
		if !overlaps(p, path) {
			continue
		}
		cands = append(cands, st)
		if len(p) <= len(path) && !slices.Contains(p, -1) && st.Parent() == ld.Parent() && dominates(st, ld) {
			kills = append(kills, st)
		}
	}
	var latest *ssa.Store
	for _, k := range kills {
		if latest == nil || dominates(latest, k) {
			latest = k
		}
	}
	for _, st := range cands {
		if latest == nil || st == latest || st.Parent() == latest.Parent() && dominates(latest, st) {
			if !slices.Contains(*out, st.Val) {
				*out = append(*out, st.Val)
			}
		}
	}
}

// captureDer returns what the values closure mc captures may reach, as
// they are where it is made: a local struct variable it captures is
// followed field by field (target := *sub; target.Secret =
// bytes.Clone(sub.Secret); go func() { use(target) }() captures no
// protected memory).
func (g *group) captureDer(mc *ssa.MakeClosure) tokset {
	var d tokset
	for _, b := range mc.Bindings {
		if a, ok := b.(*ssa.Alloc); ok && a.Parent() == mc.Parent() {
			if p, ok := a.Type().Underlying().(*types.Pointer); ok {
				var vals []ssa.Value
				g.storesAt(mc, a, nil, p.Elem(), 0, &vals)
				for _, v := range vals {
					d |= g.reach(v)
				}
				continue
			}
		}
		d |= g.reach(b)
	}
	return d
}

// dominates reports whether instruction a runs before b on every path to
// b, in the same function.
func dominates(a, b ssa.Instruction) bool {
	if a.Block() == b.Block() {
		return index(a.Block(), a) < index(b.Block(), b)
	}
	return a.Block().Dominates(b.Block())
}

// elemType returns the type of the elements of a slice, array, map
// (its values) or string; t itself otherwise.
func elemType(t types.Type) types.Type {
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return u.Elem()
	case *types.Array:
		return u.Elem()
	case *types.Map:
		return u.Elem()
	case *types.Basic:
		return types.Typ[types.Byte]
	}
	return t
}

// shallowCopy reports whether call c makes a fresh copy of a container
// (slices.Clone, maps.Clone, bytes.Clone, strings.Clone), and returns the
// container it copies.
func shallowCopy(c *ssa.CallCommon) (ssa.Value, bool) {
	fn := c.StaticCallee()
	if fn == nil || len(c.Args) != 1 || fn.Signature.Recv() != nil {
		return nil, false
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if fn.Pkg == nil {
		return nil, false
	}
	switch fn.Pkg.Pkg.Path() + "." + fn.Name() {
	case "slices.Clone", "maps.Clone", "bytes.Clone", "strings.Clone":
		return c.Args[0], true
	}
	return nil, false
}

// zeroCap reports whether slice expression v has a capacity of zero
// (s[:0:0]): appending to it copies into fresh memory.
func zeroCap(v *ssa.Slice) bool {
	c, ok := v.Max.(*ssa.Const)
	return ok && c.Value != nil && c.Int64() == 0
}

// retainers lists standard functions whose result keeps the memory of
// their first argument: a reader or buffer over a slice, a wrapper of a
// reader.
var retainers = map[string]bool{
	"bytes.NewReader": true, "bytes.NewBuffer": true,
	"bufio.NewReader": true, "bufio.NewReaderSize": true, "bufio.NewScanner": true,
	"io.NopCloser": true, "io.LimitReader": true, "io.NewSectionReader": true, "io.TeeReader": true,
}

// retainedArg returns the argument that the result of a call of a
// retainer keeps.
func retainedArg(c *ssa.CallCommon) (int, bool) {
	fn := c.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Signature.Recv() != nil {
		return 0, false
	}
	return 0, retainers[fn.Pkg.Pkg.Path()+"."+fn.Name()]
}
