package flow

import (
	"go/token"
	"go/types"
	"strconv"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
)

// rcuapiPath is the import path of the runtime, for the few checks that
// know its types by name rather than by directive.
const rcuapiPath = "github.com/rcuvet/rcuvet/rcuapi"

// domainOf describes the domain a call works on: classic, or its argument
// number idx.
func (g *group) domainOf(c *ssa.CallCommon, idx int) domain {
	if idx == apisem.Classic {
		return domain{classic: true, class: ident.ClassicRCU, name: "classic RCU"}
	}
	if idx < 0 || idx >= len(c.Args) {
		return domain{name: "an unknown domain"}
	}
	v := g.resolve(c.Args[idx])
	key := g.ref(v)
	name := key.name()
	noun := "SRCU domain"
	t := v.Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == rcuapiPath {
		switch n.Obj().Name() {
		case "QSBR":
			noun = "QSBR domain"
		case "QSBRReader":
			noun = "QSBR reader"
		}
	}
	if name == "" {
		name = "a " + noun
	} else {
		name = noun + " " + name
	}
	class := valueClass(v)
	if isQSBRReader(v.Type()) {
		class = g.e.qsbrDomain(v)
	}
	return domain{srcu: true, key: key, name: name, class: class}
}

// A ref names memory the same way wherever it appears in one function: a
// package variable, a parameter, a free variable, a local variable, or a
// value made here, and the fields selected from it and loads made through
// it on the way. The zero ref names nothing.
type ref struct {
	root   refRoot
	derefs int    // loads through a pointer on the way
	path   string // the fields selected, each preceded by "."
}

type refRoot struct {
	kind refKind
	pkg  string    // refGlobal: the package path
	name string    // global, parameter, free variable or local variable
	pos  token.Pos // refLocal: where the variable is declared
	made ssa.Value // refMade: the value
}

type refKind uint8

const (
	refNone    refKind = iota
	refGlobal          // a package variable
	refParam           // a parameter, by name
	refFreeVar         // a free variable, by name
	refLocal           // a local variable
	refMade            // a value made in the function (a domain NewSRCU returned, a load)
)

// known reports whether r names something.
func (r ref) known() bool { return r.root.kind != refNone }

// name names r for messages: "cfg", "srv.mu".
func (r ref) name() string { return r.root.name + r.path }

// field returns the ref of field f of what r names.
func (r ref) field(f string) ref {
	r.path += "." + f
	return r
}

// unload returns r with its last load taken back: what the pointer r names
// was loaded from.
func (r ref) unload() ref {
	r.derefs--
	return r
}

// isParam reports whether r is parameter p itself or a field of it.
func (r ref) isParam(p *ssa.Parameter) bool {
	return r.root.kind == refParam && r.root.name == p.Name() && r.derefs == 0
}

// refOf names the memory v denotes (see ref), or returns the zero ref.
func refOf(v ssa.Value) ref { return refIn(v, nil) }

// ref names the memory v denotes as refOf does, seeing the free variables
// of the group's closures as the variables of their parents they capture.
func (g *group) ref(v ssa.Value) ref { return refIn(v, g.resolve) }

func refIn(v ssa.Value, resolve func(ssa.Value) ssa.Value) ref {
	if resolve != nil {
		v = resolve(v)
	}
	switch v := v.(type) {
	case *ssa.Global:
		return ref{root: refRoot{kind: refGlobal, pkg: v.Pkg.Pkg.Path(), name: v.Name()}}
	case *ssa.Parameter:
		return ref{root: refRoot{kind: refParam, name: v.Name()}}
	case *ssa.FreeVar:
		return ref{root: refRoot{kind: refFreeVar, name: v.Name()}}
	case *ssa.Alloc:
		if v.Comment != "" {
			return ref{root: refRoot{kind: refLocal, name: v.Comment, pos: v.Pos()}}
		}
	case *ssa.FieldAddr:
		if r := refIn(v.X, resolve); r.known() {
			return r.field(fieldName(v.X.Type(), v.Field))
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if r := refIn(v.X, resolve); r.known() {
				r.derefs++
				return r
			}
		}
	case *ssa.Call:
		// A value made here (d := rcuapi.NewSRCU("x")): itself.
		return madeRef(v)
	}
	return ref{}
}

// madeRef names value v itself.
func madeRef(v ssa.Value) ref { return ref{root: refRoot{kind: refMade, made: v}} }

func fieldName(ptr types.Type, i int) string {
	if p, ok := ptr.Underlying().(*types.Pointer); ok {
		if s, ok := p.Elem().Underlying().(*types.Struct); ok && i < s.NumFields() {
			return s.Field(i).Name()
		}
	}
	return strconv.Itoa(i)
}

// classOf returns the class of the domain a call works on (role.Domain of
// call c), or the unknown class.
func classOf(c *ssa.CallCommon, domainArg int) ident.Class {
	if domainArg == apisem.Classic {
		return ident.ClassicRCU
	}
	if domainArg < 0 || domainArg >= len(c.Args) {
		return ident.Class{}
	}
	return valueClass(c.Args[domainArg])
}

// valueClass names the domain (lock, pointer, channel, flag) value v
// denotes, for comparison across functions: a package variable, a field of
// a struct type, or a parameter (for summaries).
func valueClass(v ssa.Value) ident.Class {
	switch v := v.(type) {
	case *ssa.Global:
		return ident.GlobalVar(v.Pkg.Pkg.Path(), v.Name())
	case *ssa.FieldAddr:
		if p, ok := v.X.Type().Underlying().(*types.Pointer); ok {
			return ident.FieldOf(types.TypeString(p.Elem(), nil), fieldName(v.X.Type(), v.Field))
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if c := valueClass(v.X); c.Known() && !c.IsParam() {
				return c.Loaded()
			}
		}
	case *ssa.Parameter:
		for i, p := range v.Parent().Params {
			if p == v {
				return ident.ParamAt(i)
			}
		}
	case *ssa.IndexAddr:
		// An element of a slice or array (shards[i].Dereference(s)):
		// every element is one class.
		return valueClass(v.X).Element()
	case *ssa.Lookup:
		if !v.CommaOk {
			return valueClass(v.X).Element() // a map of *Pointer
		}
	}
	return ident.Class{}
}

// atCall maps a summary's class (which may name a parameter) to the class
// at a call site.
func atCall(class ident.Class, c *ssa.CallCommon) ident.Class {
	if class.IsParam() {
		if class.Param < len(c.Args) {
			return valueClass(c.Args[class.Param])
		}
		return ident.Class{}
	}
	return class
}

// instanceOf names the one domain value an API call at c works on, within
// its function: a package variable, a field of a parameter, a local
// variable; a domain loaded from a pointer variable is named by that load
// alone (the variable may hold another domain later). The zero ref if
// unknown.
func instanceOf(c *ssa.CallCommon, domainArg int) ref {
	if domainArg < 0 || domainArg >= len(c.Args) {
		return ref{}
	}
	v := c.Args[domainArg]
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		return madeRef(u)
	}
	return refOf(v)
}

// paramIndex returns the index of the parameter of f that r is, or is a
// field of, or -1.
func paramIndex(f *ssa.Function, r ref) int {
	for i, p := range f.Params {
		if r.isParam(p) {
			return i
		}
	}
	return -1
}

// domainParam returns the index of the parameter of f that the domain r
// is, or -1: a domain in a field of a parameter (&c.dom) is not the
// parameter, and callers could not name it from their argument.
func domainParam(f *ssa.Function, r ref) int {
	if r.path != "" {
		return -1
	}
	return paramIndex(f, r)
}

func paramIndexOf(fn *ssa.Function, v ssa.Value) int {
	for i, p := range fn.Params {
		if p == v {
			return i
		}
	}
	return -1
}

// paramOf returns the index of the parameter that v is, or that a closure
// v binds and calls, or -1.
func paramOf(fn *ssa.Function, v ssa.Value) int {
	return paramOfSeen(fn, v, map[ssa.Value]bool{})
}

// paramOfSeen is paramOf with the values already visited: a recursive
// closure (var f func(); f = func() { f() }) is stored into the cell it
// captures.
func paramOfSeen(fn *ssa.Function, v ssa.Value, seen map[ssa.Value]bool) int {
	if seen[v] {
		return -1
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Parameter:
		for i, p := range fn.Params {
			if p == v {
				return i
			}
		}
	case *ssa.MakeClosure:
		for _, b := range v.Bindings {
			if i := paramOfSeen(fn, b, seen); i >= 0 {
				return i
			}
		}
	case *ssa.Alloc:
		// A captured parameter lives in a cell: look at what is stored.
		if refs := v.Referrers(); refs != nil {
			for _, r := range *refs {
				if st, ok := r.(*ssa.Store); ok && st.Addr == v {
					if i := paramOfSeen(fn, st.Val, seen); i >= 0 {
						return i
					}
				}
			}
		}
	}
	return -1
}

func rootOf(addr ssa.Value) ssa.Value {
	for i := 0; i < 16; i++ {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			addr = a.X
		case *ssa.UnOp:
			if a.Op != token.MUL {
				return addr
			}
			addr = a.X
		default:
			return addr
		}
	}
	return addr
}

// lockerArg returns the lock that a sync.Locker argument v names, seen
// through interface conversions and rw.RLocker() (read is then set); ok
// is false for a locker that is made some other way.
func lockerArg(v ssa.Value) (lock ssa.Value, read, ok bool) {
	for i := 0; i < 4; i++ {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.Call:
			if fn := x.Common().StaticCallee(); fn != nil && fn.Name() == "RLocker" && len(x.Common().Args) == 1 && !read {
				v, read = x.Common().Args[0], true
				continue
			}
			return nil, false, false
		default:
			return v, read, true
		}
	}
	return v, read, true
}

// lockRef names the lock a sync.Locker argument names, and reports
// whether it names the read side of an RWMutex (rw.RLocker()).
func lockRef(v ssa.Value) (ref, bool) {
	lock, read, ok := lockerArg(v)
	if !ok {
		return ref{}, false
	}
	return refOf(lock), read
}

// lockArgClass returns the class and name of the lock a sync.Locker
// argument names.
func lockArgClass(v ssa.Value) (class ident.Class, name string) {
	lock, read, ok := lockerArg(v)
	if !ok {
		return ident.Class{}, ""
	}
	class = valueClass(lock)
	if !class.Known() || class.IsParam() {
		return ident.Class{}, ""
	}
	name = refOf(lock).name()
	if read {
		return class.Reading(), name + " (read)"
	}
	return class, name
}

// localDomain names a domain value made in this function, or returns the
// unknown class.
func localDomain(v ssa.Value) ident.Class {
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if cell, ok := ld.X.(*ssa.Alloc); ok {
			return cellDomain(cell)
		}
	}
	if a, ok := v.(*ssa.Alloc); ok {
		if p, ok := a.Type().Underlying().(*types.Pointer); ok && isPointer(p.Elem()) {
			return cellDomain(a) // the cell itself, as a deferred literal captures it
		}
	}
	switch v := v.(type) {
	case *ssa.Alloc:
		return ident.MadeAt(v.Pos())
	case *ssa.Call:
		if fn := v.Common().StaticCallee(); fn != nil && fn.Name() == "NewSRCU" && fn.Pkg != nil && fn.Pkg.Pkg.Path() == rcuapiPath {
			return ident.MadeAt(v.Pos())
		}
	}
	return ident.Class{}
}

// cellDomain returns the local domain that the variable cell holds (a
// domain made here and stored there once, d := rcuapi.NewSRCU(...) that
// closures capture), or the unknown class.
func cellDomain(cell *ssa.Alloc) ident.Class {
	if !cell.Heap || cell.Referrers() == nil {
		return ident.Class{}
	}
	var made ident.Class
	for _, r := range *cell.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
			if made.Known() {
				return ident.Class{}
			}
			made = localDomain(st.Val)
		}
	}
	return made
}
