package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ssa"
)

// rcuapiPath is the import path of the runtime, for the few checks that
// know its types by name rather than by directive.
const rcuapiPath = "github.com/rcuvet/rcuvet/rcuapi"

const classic = "classic"

// domainOf describes the domain a call works on: classic, or its argument
// number idx.
func (g *group) domainOf(c *ssa.CallCommon, idx int) domain {
	if idx == apisem.Classic {
		return domain{classic: true, class: classic, name: "classic RCU"}
	}
	if idx < 0 || idx >= len(c.Args) {
		return domain{name: "an unknown domain"}
	}
	v := c.Args[idx]
	key, name := valueKey(v)
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
	return domain{srcu: true, key: key, name: name, class: valueClass(v)}
}

// valueKey names a value that denotes the same memory wherever it appears
// in a function: a global, a parameter, a field of one of those, a local
// variable. Other values get no key.
func valueKey(v ssa.Value) (key, name string) {
	switch v := v.(type) {
	case *ssa.Global:
		return "g:" + v.Pkg.Pkg.Path() + "." + v.Name(), v.Name()
	case *ssa.Parameter:
		return "p:" + v.Name(), v.Name()
	case *ssa.FreeVar:
		return "f:" + v.Name(), v.Name()
	case *ssa.Alloc:
		if v.Comment != "" {
			return "a:" + v.Comment + ":" + strconv.Itoa(int(v.Pos())), v.Comment
		}
	case *ssa.FieldAddr:
		if k, n := valueKey(v.X); k != "" {
			f := fieldName(v.X.Type(), v.Field)
			return k + "." + f, n + "." + f
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if k, n := valueKey(v.X); k != "" {
				return "*" + k, n
			}
		}
	case *ssa.Call:
		// A value made here (d := rcuapi.NewSRCU("x")): itself.
		return fmt.Sprintf("v:%p", v), ""
	}
	return "", ""
}

func fieldName(ptr types.Type, i int) string {
	if p, ok := ptr.Underlying().(*types.Pointer); ok {
		if s, ok := p.Elem().Underlying().(*types.Struct); ok && i < s.NumFields() {
			return s.Field(i).Name()
		}
	}
	return strconv.Itoa(i)
}

// classOf returns the class of the domain a call works on (role.Domain of
// call c), or "" if it cannot be told.
func classOf(c *ssa.CallCommon, domainArg int) string {
	if domainArg == apisem.Classic {
		return classic
	}
	if domainArg < 0 || domainArg >= len(c.Args) {
		return ""
	}
	return valueClass(c.Args[domainArg])
}

// valueClass names the domain value v denotes, for comparison across
// functions: a package variable, a field of a struct type, or a parameter
// ("p0", for summaries).
func valueClass(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Global:
		return "g:" + v.Pkg.Pkg.Path() + "." + v.Name()
	case *ssa.FieldAddr:
		if p, ok := v.X.Type().Underlying().(*types.Pointer); ok {
			return "f:" + types.TypeString(p.Elem(), nil) + "." + fieldName(v.X.Type(), v.Field)
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if c := valueClass(v.X); c != "" && c[0] != 'p' {
				return "*" + c
			}
		}
	case *ssa.Parameter:
		for i, p := range v.Parent().Params {
			if p == v {
				return "p" + strconv.Itoa(i)
			}
		}
	}
	return ""
}

// atCall maps a summary's domain class (which may name a parameter) to
// the class at a call site.
func atCall(class string, c *ssa.CallCommon) string {
	if len(class) > 1 && class[0] == 'p' {
		if i, err := strconv.Atoi(class[1:]); err == nil && i < len(c.Args) {
			return valueClass(c.Args[i])
		}
		return ""
	}
	return class
}

// className describes a class for messages.
func className(class string) string {
	class = strings.TrimPrefix(class, "*")
	switch {
	case class == classic:
		return "classic RCU"
	case len(class) > 2 && class[:2] == "g:":
		name := class[2:]
		for i := len(name) - 1; i >= 0; i-- {
			if name[i] == '.' {
				return "SRCU domain " + name[i+1:]
			}
		}
		return "SRCU domain " + name
	case len(class) > 2 && class[:2] == "f:":
		return "the SRCU domain in field " + class[2:]
	}
	return "an SRCU domain"
}

// instanceOf names the one domain value an API call at c works on, within
// its function: a package variable, a field of a parameter, a local
// variable; a domain loaded from a pointer variable is named by that load
// alone (the variable may hold another domain later). "" if unknown.
func instanceOf(c *ssa.CallCommon, domainArg int) string {
	if domainArg < 0 || domainArg >= len(c.Args) {
		return ""
	}
	v := c.Args[domainArg]
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		return fmt.Sprintf("v:%p", u)
	}
	k, _ := valueKey(v)
	return k
}

func paramIndex(f *ssa.Function, key string) int {
	for i, p := range f.Params {
		if k, _ := valueKey(p); k != "" && (key == k || len(key) > len(k) && key[:len(k)+1] == k+".") {
			return i
		}
	}
	return -1
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
	switch v := v.(type) {
	case *ssa.Parameter:
		for i, p := range fn.Params {
			if p == v {
				return i
			}
		}
	case *ssa.MakeClosure:
		for _, b := range v.Bindings {
			if i := paramOf(fn, b); i >= 0 {
				return i
			}
		}
	case *ssa.Alloc:
		// A captured parameter lives in a cell: look at what is stored.
		if refs := v.Referrers(); refs != nil {
			for _, r := range *refs {
				if st, ok := r.(*ssa.Store); ok && st.Addr == v {
					if i := paramOf(fn, st.Val); i >= 0 {
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

// lockKey returns the key of the lock a sync.Locker argument names, and
// whether it names the read side of an RWMutex (rw.RLocker()).
func lockKey(v ssa.Value) (string, bool) {
	for i := 0; i < 4; i++ {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.ChangeInterface:
			v = x.X
			continue
		case *ssa.Call:
			if fn := x.Common().StaticCallee(); fn != nil && fn.Name() == "RLocker" && len(x.Common().Args) == 1 {
				if k, _ := valueKey(x.Common().Args[0]); k != "" {
					return k, true
				}
			}
			return "", false
		}
		break
	}
	k, _ := valueKey(v)
	return k, false
}

// lockArgClass returns the class and name of the lock a sync.Locker
// argument names.
func lockArgClass(v ssa.Value) (class, name string) {
	read := false
	for i := 0; i < 4; i++ {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.ChangeInterface:
			v = x.X
			continue
		case *ssa.Call:
			if fn := x.Common().StaticCallee(); fn != nil && fn.Name() == "RLocker" && len(x.Common().Args) == 1 {
				v, read = x.Common().Args[0], true
				continue
			}
			return "", ""
		}
		break
	}
	class = valueClass(v)
	if class == "" || class[0] == 'p' {
		return "", ""
	}
	_, name = valueKey(v)
	if read {
		return class + "(r)", name + " (read)"
	}
	return class, name
}

// pointerName describes a pointer class for messages: "current", or
// "registry.cur" for a field.
func pointerName(class string) string {
	rest := class[2:]
	if class[0] == 'f' {
		// f:example.com/p.registry.cur
		if i := strings.LastIndex(rest, "/"); i >= 0 {
			rest = rest[i+1:]
		}
		if i := strings.Index(rest, "."); i >= 0 {
			rest = rest[i+1:]
		}
		return rest
	}
	if i := strings.LastIndex(rest, "."); i >= 0 {
		return rest[i+1:]
	}
	return rest
}

// lockDisplay names a lock class for messages.
func lockDisplay(class string) string {
	base, read := strings.CutSuffix(class, "(r)")
	name := pointerName(strings.TrimPrefix(base, "*"))
	if read {
		name += " (read)"
	}
	return name
}

// localDomain names a domain value made in this function, or "".
func localDomain(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Alloc:
		return fmt.Sprintf("l:%d", v.Pos())
	case *ssa.Call:
		if fn := v.Common().StaticCallee(); fn != nil && fn.Name() == "NewSRCU" && fn.Pkg != nil && fn.Pkg.Pkg.Path() == rcuapiPath {
			return fmt.Sprintf("l:%d", v.Pos())
		}
	}
	return ""
}
