package flow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
)

// QSBR readers. A QSBRReader's sections belong to the QSBR domain the
// reader was registered on (q.Register()), which the checks that compare
// domains need (RCU5001, RCU3003): qsbrDomain follows a reader value back
// to its Register call, through the package's fields and variables that
// hold readers and the arguments its functions are called with; a reader
// it cannot follow belongs to the package's one QSBR domain, if it uses
// only one.

// qsbrHomes is what the package tells about QSBR readers: the domain of the
// readers each field or package variable holds, and the QSBR domains used.
type qsbrHomes struct {
	stored  map[ident.Class]ident.Class // field or variable -> domain of the readers stored in it
	domains []ident.Class               // the QSBR domains the package uses
}

// isQSBRReader reports whether t is (a pointer to) rcuapi.QSBRReader.
func isQSBRReader(t types.Type) bool { return isRCUType(t, "QSBRReader") }

// isRCUType reports whether t is (a pointer to) the rcuapi type name.
func isRCUType(t types.Type, name string) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == rcuapiPath && n.Obj().Name() == name
}

// registerDomain returns the class of the QSBR domain that v, a call of
// QSBR.Register, registers on, or the unknown class.
func registerDomain(v ssa.Value) ident.Class {
	c, ok := v.(*ssa.Call)
	if !ok || methodName(c.Common()) != rcuapiPath+".QSBR.Register" {
		return ident.Class{}
	}
	return valueClass(c.Common().Args[0])
}

// homes computes (once) what the package tells about QSBR readers.
func (e *engine) homes() *qsbrHomes {
	if e.qsbr != nil {
		return e.qsbr
	}
	h := &qsbrHomes{stored: make(map[ident.Class]ident.Class)}
	for _, fn := range e.funcs {
		for instr := range instructions(fn) {
			switch v := instr.(type) {
			case *ssa.Store:
				if d := registerDomain(v.Val); d.Known() {
					if at := valueClass(v.Addr); at.Known() && !at.IsParam() {
						h.stored[at] = d
					}
				}
				// A domain made here and kept in a field or variable
				// (&Tracker{q: rcuapi.NewQSBR(...)}), named as its
				// methods will load it.
				if c, ok := v.Val.(*ssa.Call); ok && pkgFuncName(c) == rcuapiPath+".NewQSBR" {
					if at := valueClass(v.Addr); at.Known() && !at.IsParam() && !containsClass(h.domains, at.Loaded()) {
						h.domains = append(h.domains, at.Loaded())
					}
				}
			case *ssa.Call:
				if m := methodName(v.Common()); len(m) > len(rcuapiPath)+6 && m[:len(rcuapiPath)+6] == rcuapiPath+".QSBR." {
					if d := valueClass(v.Common().Args[0]); d.Known() && !d.IsParam() && !containsClass(h.domains, d) {
						h.domains = append(h.domains, d)
					}
				}
			}
		}
	}
	e.qsbr = h
	return h
}

func containsClass(cs []ident.Class, c ident.Class) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// qsbrDomain returns the class of the QSBR domain reader value v belongs
// to, or the unknown class.
func (e *engine) qsbrDomain(v ssa.Value) ident.Class {
	if d := e.followReader(v, 0); d.Known() {
		return d
	}
	if h := e.homes(); len(h.domains) == 1 {
		return h.domains[0]
	}
	return ident.Class{}
}

func (e *engine) followReader(v ssa.Value, depth int) ident.Class {
	if depth > 3 {
		return ident.Class{}
	}
	if d := registerDomain(v); d.Known() {
		return d
	}
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if at := valueClass(v.X); at.Known() && !at.IsParam() {
				return e.homes().stored[at]
			}
		}
	case *ssa.Parameter:
		// The package's calls of the function, if they agree.
		fn := v.Parent()
		i := paramIndexOf(fn, v)
		var d ident.Class
		for _, caller := range e.funcs {
			for instr := range instructions(caller) {
				c, ok := instr.(ssa.CallInstruction)
				if !ok || c.Common().StaticCallee() != fn || i < 0 || i >= len(c.Common().Args) {
					continue
				}
				a := e.followReader(c.Common().Args[i], depth+1)
				if !a.Known() || d.Known() && a != d {
					return ident.Class{}
				}
				d = a
			}
		}
		return d
	}
	return ident.Class{}
}
