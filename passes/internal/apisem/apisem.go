// Package apisem reads the meaning of RCU APIs from directive comments and
// exports it as facts.
//
// The rcuapi package declares what each of its functions does with a
// directive in its doc comment, and a user's wrapper declares the same
// with the same directive, so that the checks understand both alike and no
// check keeps a list of rcuapi names. The directives are:
//
//	//rcu:acquire DOMAIN          the result is a new read-side Section of DOMAIN
//	//rcu:release DOMAIN SECTION  ends the Section parameter SECTION, which must be of DOMAIN
//	//rcu:deref SECTION           the result is protected by the Section parameter SECTION
//	//rcu:access                  the result may be compared, never dereferenced
//	//rcu:protected LOCK          the caller must hold the lock parameter LOCK
//	//rcu:assign VALUE            publishes the parameter VALUE to readers
//	//rcu:unpublish VALUE         removes the parameter VALUE from readers' view
//	                              ("result": the value the function returns first)
//	//rcu:sync DOMAIN [expedited] waits for a grace period of DOMAIN
//	//rcu:call DOMAIN FN          queues the parameter FN to run after a grace period of DOMAIN
//	//rcu:barrier DOMAIN          waits for the callbacks queued on DOMAIN
//	//rcu:cleanup DOMAIN          ends the life of DOMAIN
//	//rcu:get                     takes a reference on the receiver (it outlives sections)
//	//rcu:noblock                 does not block (it takes brief internal locks only)
//	//rcu:blocks                  may block (it waits for a lock that other updaters hold),
//	                              so a classic read-side section must not contain it
//	//rcu:pending DOMAIN          reports the callback backlog of DOMAIN
//	//rcu:destroy VALUE           destroys the parameter VALUE (closes, frees or recycles it)
//	//rcu:quiescent DOMAIN        a quiescent state of DOMAIN: ends every section of it that is open
//
// The annotation //rcu:single-updater on a function, a package variable or
// a struct field is no API: it says that one goroutine makes all updates
// (RCU2003 reads it from the source). It is accepted here without a role.
//
// One directive goes on a struct field instead of a function, and one on a
// type declaration:
//
//	//rcu:exit                    the field holds the function that tears a module down
//	//rcu:value                   a value of the type is a value, whatever pointers it
//	                              holds: they point at immutable or shared data, never
//	                              into the object a value was copied from (as
//	                              netip.Addr and time.Time, which rcuvet knows)
//
// DOMAIN is "classic" for the process-wide domain, or the name of the
// parameter or receiver that is the domain (an *rcuapi.SRCU, or a user's
// type that wraps one). Parameter names refer to the function's own
// parameters, the receiver included.
package apisem

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Kind is what an API function does.
type Kind uint8

const (
	Acquire Kind = iota + 1
	Release
	Deref
	Access
	Protected
	Assign
	Unpublish
	Sync
	Call
	Barrier
	Cleanup
	Get
	Exit
	NoBlock
	Pending
	Destroy
	Quiescent
	Value
	Blocks
)

var kindNames = map[string]Kind{
	"acquire": Acquire, "release": Release, "deref": Deref, "access": Access,
	"protected": Protected, "assign": Assign, "unpublish": Unpublish, "sync": Sync,
	"call": Call, "barrier": Barrier, "cleanup": Cleanup, "get": Get, "exit": Exit, "noblock": NoBlock, "pending": Pending,
	"destroy": Destroy, "quiescent": Quiescent, "value": Value, "blocks": Blocks,
}

func (k Kind) String() string {
	for name, kk := range kindNames {
		if kk == k {
			return name
		}
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// SingleUpdaterDirective is the annotation (after "//rcu:") that marks a
// function, variable or field as updated by a single goroutine.
const SingleUpdaterDirective = "single-updater"

// Classic is the Domain parameter index that stands for classic RCU.
const Classic = -1

// None marks an argument a role does not have.
const None = -2

// Result is the Arg of an unpublish role that unpublishes the function's
// (first) result.
const Result = -3

// Role is one directive of a function. Parameter indexes count the
// receiver, if any, as parameter 0, as go/ssa does.
type Role struct {
	Kind      Kind
	Domain    int  // Classic, the index of the domain parameter, or None
	Arg       int  // the Section, lock, value or callback parameter, or None
	Expedited bool // sync: the expedited form
}

// API is the fact exported for a function that carries directives.
type API struct {
	Roles []Role
}

func (*API) AFact() {}

func (a *API) String() string {
	var parts []string
	for _, r := range a.Roles {
		parts = append(parts, fmt.Sprintf("%s(domain=%d,arg=%d)", r.Kind, r.Domain, r.Arg))
	}
	return "rcu:" + strings.Join(parts, ",")
}

// Has returns the role of kind k, if the function has one.
func (a *API) Has(k Kind) (Role, bool) {
	if a != nil {
		for _, r := range a.Roles {
			if r.Kind == k {
				return r, true
			}
		}
	}
	return Role{}, false
}

// Model is the result of the analyzer: the API facts visible from the
// package being analysed, its own and its dependencies'.
type Model struct {
	funcs    map[*types.Func]*API
	exits    map[*types.Var]bool      // fields that hold a module's exit function
	values   map[*types.TypeName]bool // types declared //rcu:value
	sections []types.Type             // result types of acquire functions
}

// Lookup returns the API of fn, which may be an instantiation of a generic
// function or method.
func (m *Model) Lookup(fn *types.Func) *API {
	if m == nil || fn == nil {
		return nil
	}
	return m.funcs[fn.Origin()]
}

// Empty reports whether no RCU API is visible: the package neither
// declares nor can call one.
func (m *Model) Empty() bool { return len(m.funcs) == 0 }

// IsExit reports whether field f holds a module's exit function.
func (m *Model) IsExit(f *types.Var) bool { return m != nil && f != nil && m.exits[f.Origin()] }

// Analyzer reads directives and exports them as API facts.
var Analyzer = &analysis.Analyzer{
	Name:       "rcuapisem",
	Doc:        "reads //rcu: directives that declare the meaning of RCU API functions",
	Run:        run,
	FactTypes:  []analysis.Fact{(*API)(nil)},
	ResultType: reflect.TypeFor[*Model](),
}

func run(pass *analysis.Pass) (any, error) {
	m := &Model{funcs: make(map[*types.Func]*API), exits: make(map[*types.Var]bool), values: make(map[*types.TypeName]bool)}
	for _, f := range pass.AllObjectFacts() {
		if api, ok := f.Fact.(*API); ok {
			switch obj := f.Object.(type) {
			case *types.Func:
				m.funcs[obj] = api
			case *types.Var:
				if _, ok := api.Has(Exit); ok {
					m.exits[obj] = true
				}
			case *types.TypeName:
				if _, ok := api.Has(Value); ok {
					m.values[obj] = true
				}
			}
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gd.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok {
					continue
				}
				if hasDirective(ts.Doc, "value") || hasDirective(ts.Comment, "value") || len(gd.Specs) == 1 && hasDirective(gd.Doc, "value") {
					if tn, ok := pass.TypesInfo.Defs[ts.Name].(*types.TypeName); ok {
						pass.ExportObjectFact(tn, &API{Roles: []Role{{Kind: Value, Domain: None, Arg: None}}})
						m.values[tn] = true
					}
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				for _, field := range st.Fields.List {
					if field.Doc == nil || !hasExitDirective(field.Doc) {
						continue
					}
					for _, name := range field.Names {
						if v, ok := pass.TypesInfo.Defs[name].(*types.Var); ok {
							pass.ExportObjectFact(v, &API{Roles: []Role{{Kind: Exit, Domain: None, Arg: None}}})
							m.exits[v] = true
						}
					}
				}
			}
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Doc == nil {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			api := parseDirectives(pass, fd, fn)
			if api == nil {
				continue
			}
			pass.ExportObjectFact(fn, api)
			m.funcs[fn] = api
		}
	}
	for fn, api := range m.funcs {
		if _, ok := api.Has(Acquire); ok {
			if res := fn.Type().(*types.Signature).Results(); res.Len() == 1 {
				m.sections = append(m.sections, res.At(0).Type())
			}
		}
	}
	return m, nil
}

// parseDirectives returns the API declared in fd's doc comment, reporting
// malformed directives.
func parseDirectives(pass *analysis.Pass, fd *ast.FuncDecl, fn *types.Func) *API {
	var api *API
	params := paramNames(fn)
	for _, c := range fd.Doc.List {
		text, ok := strings.CutPrefix(c.Text, "//rcu:")
		if !ok {
			continue
		}
		text, _, _ = strings.Cut(text, "//") // a trailing comment
		if strings.TrimSpace(text) == SingleUpdaterDirective {
			continue // an annotation for RCU2003, not a role
		}
		role, err := parseRole(strings.Fields(text), params)
		if err != nil {
			pass.Reportf(c.Pos(), "malformed directive //rcu:%s: %v", strings.TrimSpace(text), err)
			continue
		}
		if api == nil {
			api = &API{}
		}
		api.Roles = append(api.Roles, role)
	}
	return api
}

// paramNames lists the receiver (if any) and the parameters, in go/ssa's
// order.
func paramNames(fn *types.Func) []string {
	sig := fn.Type().(*types.Signature)
	var names []string
	if recv := sig.Recv(); recv != nil {
		names = append(names, recv.Name())
	}
	for v := range sig.Params().Variables() {
		names = append(names, v.Name())
	}
	return names
}

// argCounts says how many words after the kind each directive takes:
// a domain, an argument, or both.
var argCounts = map[Kind]struct{ domain, arg bool }{
	Acquire: {domain: true}, Release: {domain: true, arg: true}, Deref: {arg: true},
	Access: {}, Protected: {arg: true}, Assign: {arg: true}, Unpublish: {arg: true},
	Sync: {domain: true}, Call: {domain: true, arg: true}, Barrier: {domain: true},
	Cleanup: {domain: true}, Get: {}, Exit: {}, NoBlock: {}, Blocks: {}, Pending: {domain: true}, Quiescent: {domain: true},
	Destroy: {arg: true},
}

func parseRole(words []string, params []string) (Role, error) {
	if len(words) == 0 {
		return Role{}, fmt.Errorf("no kind")
	}
	kind, ok := kindNames[words[0]]
	if !ok {
		return Role{}, fmt.Errorf("unknown kind %q", words[0])
	}
	role := Role{Kind: kind, Domain: None, Arg: None}
	want := argCounts[kind]
	rest := words[1:]
	if kind == Sync && len(rest) > 0 && rest[len(rest)-1] == "expedited" {
		role.Expedited = true
		rest = rest[:len(rest)-1]
	}
	n := 0
	if want.domain {
		n++
	}
	if want.arg {
		n++
	}
	if len(rest) != n {
		return Role{}, fmt.Errorf("%s takes %d argument(s), got %d", kind, n, len(rest))
	}
	if want.domain {
		if rest[0] == "classic" {
			role.Domain = Classic
		} else if i := indexOf(params, rest[0]); i >= 0 {
			role.Domain = i
		} else {
			return Role{}, fmt.Errorf("domain %q is neither classic nor a parameter", rest[0])
		}
		rest = rest[1:]
	}
	if want.arg {
		if kind == Unpublish && rest[0] == "result" {
			role.Arg = Result
			return role, nil
		}
		i := indexOf(params, rest[0])
		if i < 0 {
			return Role{}, fmt.Errorf("%q is not a parameter", rest[0])
		}
		role.Arg = i
	}
	return role, nil
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name && n != "_" && n != "" {
			return i
		}
	}
	return -1
}

// IsSection reports whether t is the type of a read-side section: the
// result type of an acquire function.
func (m *Model) IsSection(t types.Type) bool {
	if m == nil {
		return false
	}
	for _, s := range m.sections {
		if types.Identical(s, t) {
			return true
		}
	}
	return false
}

// ReleaseFor returns the function that ends the sections acquire begins:
// for a method, the receiver type's method with a release directive on the
// same receiver; for a function, a function of its package that releases
// the same domain.
func (m *Model) ReleaseFor(acquire *types.Func) *types.Func {
	api := m.Lookup(acquire)
	role, ok := api.Has(Acquire)
	if !ok {
		return nil
	}
	acquire = acquire.Origin()
	sig := acquire.Type().(*types.Signature)
	var best *types.Func
	for fn, a := range m.funcs {
		rel, ok := a.Has(Release)
		if !ok || fn.Pkg() != acquire.Pkg() {
			continue
		}
		fsig := fn.Type().(*types.Signature)
		switch {
		case role.Domain == Classic && rel.Domain == Classic && fsig.Recv() == nil && sig.Recv() == nil:
		case role.Domain == 0 && rel.Domain == 0 && sig.Recv() != nil && fsig.Recv() != nil &&
			types.Identical(deref(sig.Recv().Type()), deref(fsig.Recv().Type())):
		default:
			continue
		}
		if best == nil || fn.Name() < best.Name() { // deterministic
			best = fn
		}
	}
	return best
}

func deref(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func hasExitDirective(doc *ast.CommentGroup) bool { return hasDirective(doc, "exit") }

// hasDirective reports whether doc holds the directive //rcu:name, alone
// (a trailing comment aside).
func hasDirective(doc *ast.CommentGroup, name string) bool {
	if doc == nil {
		return false
	}
	for _, c := range doc.List {
		if text, ok := strings.CutPrefix(c.Text, "//rcu:"+name); ok && strings.TrimSpace(strings.SplitN(text, "//", 2)[0]) == "" {
			return true
		}
	}
	return false
}

// stdValues are the standard library's types whose values are values:
// their pointers point at immutable or interned data.
var stdValues = map[string]bool{
	"time.Time":      true,
	"net/netip.Addr": true, "net/netip.AddrPort": true, "net/netip.Prefix": true,
	"unique.Handle": true, "reflect.Type": true,
}

// IsValue reports whether a value of type t is a value: a type of the
// standard library known to be one (or a *time.Location, which points at a
// location nobody changes), or a type declared //rcu:value. Such a value
// does not reach the memory of the object it was read from.
func (m *Model) IsValue(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		if n, ok := types.Unalias(p.Elem()).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Location" {
			return true
		}
		return false
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	tn := n.Origin().Obj()
	if tn.Pkg() != nil && stdValues[tn.Pkg().Path()+"."+tn.Name()] {
		return true
	}
	return m != nil && m.values[tn]
}
