package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// What points into a published snapshot, and what writes into it.
//
// reach computes, within one function, the values that alias the memory
// of a set of seed values, deeply: the seeds themselves, what is read
// through them (fields, elements, map values, the contents of a struct
// copied out of them: c := *snap; c.Labels is the snapshot's map), slices
// and type assertions of them, the variables they are stored in, and the
// results of calls that return shared values. A fresh object (allocated
// here, made by a constructor, a deep copy) is in no such set.
//
// writes then finds the instructions that write into that memory: a field
// or element assignment, a map insert, delete or clear, an append or copy
// into an aliasing slice, a sort in place, a call of a standard method
// that mutates (http.Header.Set), and a call of a function that writes
// through the parameter it is given (NativeSummary.Writes, or the syntax
// of a package without slots, passes/internal/paramuse).

// aliasSet is the result of reach: the values aliasing the seeds, and the
// local variables (allocs) whose contents were copied out of them.
type aliasSet struct {
	vals  map[ssa.Value]bool
	cells map[ssa.Value]bool // allocs holding a shallow copy or a shared pointer
	// retired: the memory is an old value's, which any append reuses.
	retired bool
	// sharedAt: for each such cell, the places in it that were given
	// shared memory, as field paths (nil: the whole cell).
	sharedAt map[ssa.Value][][]int
}

func (a *aliasSet) has(v ssa.Value) bool { return v != nil && a.vals[v] }

// refLike reports whether a value of type t can alias memory: a pointer,
// map, slice, channel, interface, function, or a struct or array holding
// one.
func refLike(t types.Type) bool {
	return refLikeDepth(t, 0)
}

func refLikeDepth(t types.Type, depth int) bool {
	if depth > 4 {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Slice, *types.Chan, *types.Interface, *types.Signature:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Struct:
		for i := range u.NumFields() {
			if refLikeDepth(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Array:
		return refLikeDepth(u.Elem(), depth+1)
	}
	return false
}

// reach returns the values of fn that alias the seeds' memory. sharedCall,
// if not nil, says whether a call returns a shared value of its own.
func (n *native) reach(fn *ssa.Function, seeds []ssa.Value, sharedCall func(*ssa.Call) bool) *aliasSet {
	a := &aliasSet{vals: make(map[ssa.Value]bool), cells: make(map[ssa.Value]bool), sharedAt: make(map[ssa.Value][][]int)}
	for _, s := range seeds {
		if s != nil {
			a.vals[s] = true
		}
	}
	for changed := true; changed; {
		changed = false
		add := func(v ssa.Value) {
			if v != nil && !a.vals[v] {
				a.vals[v] = true
				changed = true
			}
		}
		for instr := range instructions(fn) {
			switch v := instr.(type) {
			case *ssa.TypeAssert:
				if a.has(v.X) {
					add(v)
				}
			case *ssa.ChangeType:
				if a.has(v.X) {
					add(v)
				}
			case *ssa.Convert:
				if a.has(v.X) && refLike(v.Type()) {
					add(v)
				}
			case *ssa.ChangeInterface:
				if a.has(v.X) {
					add(v)
				}
			case *ssa.MakeInterface:
				if a.has(v.X) && refLike(v.X.Type()) {
					add(v)
				}
			case *ssa.Extract:
				if a.has(v.Tuple) && refLike(v.Type()) && !isError(v.Type()) {
					add(v)
				}
			case *ssa.Phi:
				for _, e := range v.Edges {
					if a.has(e) {
						add(v)
						break
					}
				}
			case *ssa.FieldAddr:
				if a.has(v.X) {
					add(v)
				}
			case *ssa.IndexAddr:
				if a.has(v.X) {
					add(v)
				}
			case *ssa.Field:
				if a.has(v.X) && refLike(v.Type()) {
					add(v)
				}
			case *ssa.Index:
				if a.has(v.X) && refLike(v.Type()) {
					add(v)
				}
			case *ssa.Lookup:
				if a.has(v.X) && (refLike(v.Type()) || v.CommaOk) {
					add(v)
				}
			case *ssa.Slice:
				if a.has(v.X) {
					add(v)
				}
			case *ssa.Range:
				if a.has(v.X) {
					add(v)
				}
			case *ssa.Next:
				if a.has(v.Iter) {
					add(v)
				}
			case *ssa.UnOp:
				if v.Op != token.MUL {
					continue
				}
				if a.has(v.X) && refLike(v.Type()) {
					add(v) // read through an alias: a shared pointer, or a copy of a struct that holds them
				}
				if c := cellOf(v.X); a.cells[c] && refLike(v.Type()) && a.sharedOverlaps(c, v.X) {
					// Read from a local variable holding shared memory,
					// unless what was last stored at that place is not
					// (c := *snap; c.Labels = maps.Clone(c.Labels)).
					sts := reachingCovers(v)
					if sts == nil || slices.ContainsFunc(sts, func(st *ssa.Store) bool { return a.has(st.Val) || st.Addr == c }) {
						add(v)
					}
				}
			case *ssa.Store:
				if a.has(v.Val) && refLike(v.Val.Type()) {
					if c := cellOf(v.Addr); c != nil {
						a.noteShared(c, v.Addr, v.Val)
					}
					if c := cellOf(v.Addr); c != nil && !a.cells[c] {
						a.cells[c] = true
						changed = true
					}
				}
			case *ssa.Call:
				cc := v.Common()
				if b, ok := cc.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(cc.Args) > 0 && a.has(cc.Args[0]) {
					add(v) // may share the backing array
				}
				if sharedCall != nil && sharedCall(v) {
					add(v)
				}
			}
		}
	}
	return a
}

// sharedOverlaps reports whether a load from addr, in cell, may read what
// was stored at one of the places of the cell that were given shared
// memory: one of the two places contains the other (info.Peers does not
// overlap info.LeaderSince).
func (a *aliasSet) sharedOverlaps(cell, addr ssa.Value) bool {
	at, ok := a.sharedAt[cell]
	if !ok {
		return true // made shared otherwise (a copy of a snapshot)
	}
	p, ok := fieldPath(addr)
	if !ok {
		return true
	}
	for _, q := range at {
		if overlaps(p, q) {
			return true
		}
	}
	return false
}

// noteShared records that the place addr in cell was given val, which
// carries shared memory: at addr's path, or, for a whole struct copied
// out of another such cell, at the paths where that one holds it.
func (a *aliasSet) noteShared(cell, addr, val ssa.Value) {
	p, ok := fieldPath(addr)
	if !ok {
		p = nil
	}
	add := func(q []int) {
		if !slices.ContainsFunc(a.sharedAt[cell], func(x []int) bool { return slices.Equal(x, q) }) {
			a.sharedAt[cell] = append(a.sharedAt[cell], q)
		}
	}
	if ld, ok := val.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if from, ok := ld.X.(*ssa.Alloc); ok {
			if at, ok := a.sharedAt[from]; ok {
				for _, q := range at {
					add(append(slices.Clip(p), q...))
				}
				return
			}
		}
	}
	add(p)
}

// cellOf returns the local variable (alloc) an address is in: the alloc
// itself, or the alloc a field or element address is taken from.
func cellOf(addr ssa.Value) ssa.Value {
	for i := 0; i < 8; i++ {
		switch x := addr.(type) {
		case *ssa.Alloc:
			return x
		case *ssa.FieldAddr:
			addr = x.X
		case *ssa.IndexAddr:
			if _, ok := x.X.Type().Underlying().(*types.Pointer); !ok {
				return nil // an element of a slice: not the variable
			}
			addr = x.X
		default:
			return nil
		}
	}
	return nil
}

// A write is an instruction that writes into shared memory, and what it
// does, for messages: a format with one %s for the object written.
type write struct {
	instr ssa.Instruction
	pos   token.Pos
	what  string
}

// describe says what w does to the object named obj.
func (w write) describe(obj string) string { return fmt.Sprintf(w.what, obj) }

// sortsInPlace lists the standard functions that reorder or change the
// slice given as their first argument.
var sortsInPlace = map[string]bool{
	"sort.Strings": true, "sort.Ints": true, "sort.Float64s": true, "sort.Slice": true,
	"sort.SliceStable": true, "sort.Sort": true, "sort.Stable": true,
	"slices.Sort": true, "slices.SortFunc": true, "slices.SortStableFunc": true, "slices.Reverse": true,
	"slices.Delete": true, "slices.DeleteFunc": true, "slices.Compact": true, "slices.CompactFunc": true,
	"slices.Replace": true, "slices.Insert": true,
}

// mutatingStd lists standard methods that change their receiver's
// contents.
var mutatingStd = map[string]bool{
	"net/http.Header.Set": true, "net/http.Header.Add": true, "net/http.Header.Del": true,
	"net/url.Values.Set": true, "net/url.Values.Add": true, "net/url.Values.Del": true,
}

// writes returns the instructions of fn that write into the memory of a.
func (n *native) writes(fn *ssa.Function, a *aliasSet) []write {
	var out []write
	for instr := range instructions(fn) {
		switch v := instr.(type) {
		case *ssa.Store:
			if base := storeBase(v.Addr); base != nil && a.has(base) {
				if !n.ownLockHeld(fn, v.Addr) && !atomicHandle(base.Type()) {
					out = append(out, write{v, posOf(v), "assigns to " + describeAddr(v.Addr) + " of %s"})
				}
			} else if a.has(v.Addr) {
				out = append(out, write{v, posOf(v), "overwrites %s"})
			}
		case *ssa.MapUpdate:
			if a.has(v.Map) {
				out = append(out, write{v, posOf(v), "inserts into a map of %s"})
			}
		case *ssa.Call:
			if w, ok := n.callWrites(v, a); ok {
				out = append(out, w)
			}
		}
	}
	// x.f = append(x.f, v): one write, the assignment.
	return slices.DeleteFunc(out, func(w write) bool {
		c, ok := w.instr.(*ssa.Call)
		return ok && slices.ContainsFunc(out, func(o write) bool {
			st, ok := o.instr.(*ssa.Store)
			return ok && st.Val == ssa.Value(c)
		})
	})
}

// callWrites reports whether call c writes into the memory of a.
func (n *native) callWrites(c *ssa.Call, a *aliasSet) (write, bool) {
	cc := c.Common()
	if b, ok := cc.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "delete":
			if len(cc.Args) > 0 && a.has(cc.Args[0]) {
				return write{c, c.Pos(), "deletes from a map of %s"}, true
			}
		case "clear":
			if len(cc.Args) > 0 && a.has(cc.Args[0]) {
				return write{c, c.Pos(), "clears a map or slice of %s"}, true
			}
		case "copy":
			if len(cc.Args) > 0 && a.has(cc.Args[0]) {
				return write{c, c.Pos(), "copies into a slice of %s"}, true
			}
		case "append":
			// An append to a shorter reslice of a snapshot's slice
			// (s[:i]) overwrites what its readers read. One to the
			// whole slice writes only past their length, into spare
			// capacity: the registries of the standard library grow
			// that way under their writers' lock (image.RegisterFormat),
			// so it is reported only for an old value, whose memory
			// is being reused. A capped reslice (s[:n:n]) copies.
			if len(cc.Args) > 0 && a.has(cc.Args[0]) && !capped(cc.Args[0]) && (a.retired || resliced(cc.Args[0])) {
				return write{c, c.Pos(), "appends to a slice of %s, which may write into its backing array"}, true
			}
		}
		return write{}, false
	}
	if i := readsInto(cc); i >= 0 && i < len(cc.Args) && byteSlice(cc.Args[i].Type()) && a.has(cc.Args[i]) {
		return write{c, c.Pos(), "reads data into a slice of %s"}, true
	}
	fn := cc.StaticCallee()
	if fn == nil {
		return write{}, false
	}
	args := cc.Args
	if m, recv := boundMethod(cc.Value); m != nil {
		// A method value: its receiver is bound in the closure.
		fn, args = m, append([]ssa.Value{recv}, cc.Args...)
	}
	// A method value of the snapshot handed to a function, which calls
	// it (or why would it take it): ann.each(t.add).
	for _, arg := range cc.Args {
		if m, recv := boundMethod(arg); m != nil && a.has(recv) && slices.Contains(n.writesParams(m), 0) {
			return write{c, c.Pos(), "hands " + fn.Name() + " the method value " + m.Name() + " of %s, which writes into it"}, true
		}
	}
	obj, _ := fn.Object().(*types.Func)
	if obj != nil && obj.Pkg() != nil && len(cc.Args) > 0 && a.has(cc.Args[0]) {
		name := obj.Pkg().Path() + "." + obj.Name()
		if sortsInPlace[name] {
			return write{c, c.Pos(), "reorders a slice of %s in place with " + obj.Pkg().Name() + "." + obj.Name()}, true
		}
		if mutatingStd[methodName(cc)] {
			return write{c, c.Pos(), "changes %s with " + obj.Name()}, true
		}
	}
	for _, i := range n.writesParams(fn) {
		// A part that carries its own mutex (a record buffer in a
		// loaded topic map) is changed by its methods under it: that
		// part's business, as a write under its lock is.
		if i < len(args) && a.has(args[i]) && !selfSynced(args[i].Type()) {
			return write{c, c.Pos(), "hands %s to " + fn.Name() + ", which writes into it"}, true
		}
	}
	return n.callbackWrites(fn, args, a)
}

// capped reports whether a slice has its capacity cut to its length
// (s[:n:n]): an append to it copies.
func capped(s ssa.Value) bool {
	sl, ok := s.(*ssa.Slice)
	return ok && sl.Max != nil
}

// resliced reports whether s is a reslice with a new length (s[:i],
// s[i:j]).
func resliced(s ssa.Value) bool {
	sl, ok := s.(*ssa.Slice)
	return ok && sl.High != nil
}

// storeBase returns the object a field or element address points into.
func storeBase(addr ssa.Value) ssa.Value {
	switch x := addr.(type) {
	case *ssa.FieldAddr:
		return x.X
	case *ssa.IndexAddr:
		return x.X
	}
	return nil
}

// describeAddr names the field or element an address denotes, for
// messages: "field DefaultSampler", "an element".
func describeAddr(addr ssa.Value) string {
	if fa, ok := addr.(*ssa.FieldAddr); ok {
		return "field " + fieldName(fa.X.Type(), fa.Field)
	}
	return "an element"
}

// ownLockHeld reports whether the object a field address points into
// carries a mutex of its own that fn locks: a snapshot that synchronises
// its mutable parts itself (a memoised result under the entry's lock).
// atomicHandle reports whether t points to a struct that synchronises
// itself with atomics and no mutex (a consumer's cursor with an atomic
// use state): a handle whose plain fields follow its own protocol, which
// rcuvet cannot see; writes into it are its business.
func atomicHandle(t types.Type) bool {
	st, ok := pointedStruct(t)
	if !ok {
		return false
	}
	atomics := false
	for i := range st.NumFields() {
		ft := st.Field(i).Type()
		if isMutex(ft) {
			return false
		}
		if n, ok := types.Unalias(ft).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync/atomic" {
			atomics = true
		}
	}
	return atomics
}

// selfSynced reports whether t points to a struct with a mutex of its own.
func selfSynced(t types.Type) bool {
	st, ok := pointedStruct(t)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if isMutex(st.Field(i).Type()) {
			return true
		}
	}
	return false
}

func (n *native) ownLockHeld(fn *ssa.Function, addr ssa.Value) bool {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	st, ok := pointedStruct(fa.X.Type())
	if !ok {
		return false
	}
	var mutexes []int
	for i := range st.NumFields() {
		if isMutex(st.Field(i).Type()) {
			mutexes = append(mutexes, i)
		}
	}
	if len(mutexes) == 0 {
		return false
	}
	base := refOf(fa.X)
	for instr := range instructions(fn) {
		c, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		switch methodName(c.Common()) {
		case "sync.Mutex.Lock", "sync.RWMutex.Lock":
		default:
			continue
		}
		if m, ok := c.Common().Args[0].(*ssa.FieldAddr); ok && slices.Contains(mutexes, m.Field) {
			if m.X == fa.X || base.known() && refOf(m.X) == base || samePath(m.X, fa.X, 6) {
				return true
			}
		}
	}
	return false
}

// samePath reports whether two values are read along the same path of
// field selections and loads from one value (p.records, loaded twice).
func samePath(a, b ssa.Value, depth int) bool {
	if a == b {
		return true
	}
	if depth == 0 {
		return false
	}
	switch x := a.(type) {
	case *ssa.UnOp:
		y, ok := b.(*ssa.UnOp)
		return ok && x.Op == token.MUL && y.Op == token.MUL && samePath(x.X, y.X, depth-1)
	case *ssa.FieldAddr:
		y, ok := b.(*ssa.FieldAddr)
		return ok && x.Field == y.Field && samePath(x.X, y.X, depth-1)
	}
	return false
}

func isMutex(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" {
		return false
	}
	return n.Obj().Name() == "Mutex" || n.Obj().Name() == "RWMutex"
}

// addrPath returns the local variable an address is in and the fields
// and constant indexes that lead to it from the variable.
func addrPath(addr ssa.Value) (ssa.Value, []int) {
	var path []int
	for i := 0; i < 8; i++ {
		switch x := addr.(type) {
		case *ssa.Alloc:
			slices.Reverse(path)
			return x, path
		case *ssa.FieldAddr:
			path = append(path, x.Field)
			addr = x.X
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// reachingCovers returns, for every path that reaches the load ld, the
// last store on it into the place ld reads or into a place that contains
// it (the whole variable, a struct field around it): what ld may read
// (next := *snap; if next.TLS == nil { next.TLS = &T{} } else { c :=
// *next.TLS; next.TLS = &c }; next.TLS.X = v reads one of the two fresh
// values). nil if some path reaches ld with no such store.
func reachingCovers(ld *ssa.UnOp) []*ssa.Store {
	cell, path := addrPath(ld.X)
	if cell == nil {
		return nil
	}
	covers := func(instr ssa.Instruction) *ssa.Store {
		st, ok := instr.(*ssa.Store)
		if !ok {
			return nil
		}
		if c, p := addrPath(st.Addr); c == cell && len(p) <= len(path) && slices.Equal(p, path[:len(p)]) {
			return st
		}
		return nil
	}
	// last scans b backwards from its instruction before end (all of b
	// when end is len(b.Instrs)).
	last := func(b *ssa.BasicBlock, end int) *ssa.Store {
		for i := end - 1; i >= 0; i-- {
			if st := covers(b.Instrs[i]); st != nil {
				return st
			}
		}
		return nil
	}
	b := ld.Block()
	at := slices.Index(b.Instrs, ssa.Instruction(ld))
	if st := last(b, at); st != nil {
		return []*ssa.Store{st}
	}
	var out []*ssa.Store
	seen := map[*ssa.BasicBlock]bool{}
	work := slices.Clone(b.Preds)
	if len(work) == 0 {
		return nil // the entry block, with no store before the load
	}
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[p] {
			continue
		}
		seen[p] = true
		if st := last(p, len(p.Instrs)); st != nil {
			if !slices.Contains(out, st) {
				out = append(out, st)
			}
			continue
		}
		if len(p.Preds) == 0 {
			return nil // a path from the entry with no store
		}
		work = append(work, p.Preds...)
	}
	return out
}

// readsInto returns the index, among cc's arguments, of the byte slice a
// call reads data into (io.Reader's contract: r.Read(p) and r.ReadAt(p,
// off) through any reader, io.ReadFull, crypto/rand.Read), or -1.
func readsInto(cc *ssa.CallCommon) int {
	if cc.IsInvoke() {
		if name := cc.Method.Name(); name == "Read" || name == "ReadAt" {
			return 0
		}
		return -1
	}
	fn := cc.StaticCallee()
	if fn == nil || fn.Pkg == nil {
		return -1
	}
	if fn.Signature.Recv() != nil && (fn.Name() == "Read" || fn.Name() == "ReadAt") {
		return 1 // after the receiver
	}
	switch fn.Pkg.Pkg.Path() + "." + fn.Name() {
	case "io.ReadFull", "io.ReadAtLeast":
		return 1
	case "crypto/rand.Read":
		return 0
	}
	return -1
}

// byteSlice reports whether t is a []byte.
func byteSlice(t types.Type) bool {
	sl, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := sl.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}
