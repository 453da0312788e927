// Package blocking knows which functions may block: wait for another
// goroutine, a timer, the network, a disk or a grace period. The read-side
// and callback checks use it: a classic read-side section and an RCU
// callback must not block.
//
// A function may block if its body (not counting function literals that it
// only creates) sends or receives on a channel, ranges over one, selects
// without a default case, calls a function of the standard library known to
// block (time.Sleep, sync.Mutex.Lock, WaitGroup.Wait, Cond.Wait, network and
// file I/O, os/exec waits, HTTP client calls), calls an RCU API that waits
// for a grace period or for callbacks (directives sync and barrier), or
// calls a function that may block. What a function of another package does
// arrives as a fact. Calls through interfaces and function values are not
// followed, and neither are the bodies of standard library functions (only
// the known ones count) nor those of functions that carry an RCU directive
// (an API declares whether it waits; "//rcu:noblock" declares that an
// undirected API function takes only brief internal locks): precision
// first. The analysis reads syntax and types only; it
// builds no SSA, so it costs little in packages that have nothing to do
// with RCU.
package blocking

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// MayBlock is the fact exported for a function that may block. Why says
// how, as a chain: "calls wait, which calls time.Sleep".
type MayBlock struct {
	Why string
	// Grace is set when what blocks is an RCU grace-period or barrier
	// wait (Synchronize, Barrier, and their wrappers).
	Grace bool
}

func (*MayBlock) AFact()           {}
func (m *MayBlock) String() string { return "mayblock: " + m.Why }

// Result tells, for the package analysed and its dependencies, which
// functions and function literals may block.
type Result struct {
	pass  *analysis.Pass
	funcs map[*types.Func]*MayBlock
	lits  map[*ast.FuncLit]*MayBlock
}

// Func returns why fn may block, or nil.
func (r *Result) Func(fn *types.Func) *MayBlock {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if m, ok := r.funcs[fn]; ok {
		return m
	}
	if m := known(fn); m != nil {
		return m
	}
	if fn.Pkg() != nil && fn.Pkg() != r.pass.Pkg {
		var m MayBlock
		if r.pass.ImportObjectFact(fn, &m) {
			return &m
		}
	}
	return nil
}

// Call returns why a call of fn may block, as the caller would say it:
// "calls time.Sleep", or "calls wait, which calls time.Sleep"; or nil.
func (r *Result) Call(fn *types.Func) *MayBlock {
	m := r.Func(fn)
	if m == nil || known(fn.Origin()) != nil {
		return m
	}
	return &MayBlock{Why: fmt.Sprintf("calls %s, which %s", fn.Name(), m.Why), Grace: m.Grace}
}

// Lit returns why a function literal of the package may block, or nil.
func (r *Result) Lit(lit *ast.FuncLit) *MayBlock { return r.lits[lit] }

// Analyzer computes which functions may block.
var Analyzer = &analysis.Analyzer{
	Name:       "rcublocking",
	Doc:        "finds the functions that may block, for rcuvet's checks",
	Run:        run,
	Requires:   []*analysis.Analyzer{apisem.Analyzer},
	FactTypes:  []analysis.Fact{(*MayBlock)(nil)},
	ResultType: reflect.TypeFor[*Result](),
}

// blockingStd lists the standard library's blocking functions and
// methods, as "pkg.Func" or "pkg.Type.Method".
var blockingStd = map[string]bool{
	"time.Sleep":                 true,
	"sync.Mutex.Lock":            true,
	"sync.RWMutex.Lock":          true,
	"sync.RWMutex.RLock":         true,
	"sync.WaitGroup.Wait":        true,
	"sync.Cond.Wait":             true,
	"os.ReadFile":                true,
	"os.WriteFile":               true,
	"os.ReadDir":                 true,
	"os.File.Read":               true,
	"os.File.ReadAt":             true,
	"os.File.Write":              true,
	"os.File.WriteAt":            true,
	"os.File.WriteString":        true,
	"os.File.ReadDir":            true,
	"os.File.Sync":               true,
	"os/exec.Cmd.Run":            true,
	"os/exec.Cmd.Wait":           true,
	"os/exec.Cmd.Output":         true,
	"os/exec.Cmd.CombinedOutput": true,
	"net/http.Get":               true,
	"net/http.Head":              true,
	"net/http.Post":              true,
	"net/http.PostForm":          true,
	"net/http.Client.Do":         true,
	"net/http.Client.Get":        true,
	"net/http.Client.Head":       true,
	"net/http.Client.Post":       true,
	"net/http.Client.PostForm":   true,
}

// netBlocking are the names that block in package net: functions that
// dial, listen or look up, and connection and listener methods.
var netBlocking = []string{"Dial", "Listen", "Lookup", "Accept", "Read", "Write"}

// known returns why a standard library function blocks, or nil.
func known(fn *types.Func) *MayBlock {
	if fn.Pkg() == nil {
		return nil
	}
	name := qualified(fn)
	if blockingStd[name] {
		return &MayBlock{Why: "calls " + name}
	}
	if fn.Pkg().Path() == "net" {
		for _, p := range netBlocking {
			if strings.HasPrefix(fn.Name(), p) {
				return &MayBlock{Why: "calls " + name + " (network I/O)"}
			}
		}
	}
	return nil
}

// qualified names fn as "pkg.Func" or "pkg.Type.Method".
func qualified(fn *types.Func) string {
	sig := fn.Type().(*types.Signature)
	if recv := sig.Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return fn.Pkg().Path() + "." + n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Pkg().Path() + "." + fn.Name()
}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[apisem.Analyzer].(*apisem.Model)
	r := &Result{pass: pass, funcs: make(map[*types.Func]*MayBlock), lits: make(map[*ast.FuncLit]*MayBlock)}

	// The package's functions, to a fixed point: a function blocks if it
	// calls one that does, in any order of declaration.
	type body struct {
		fn   *types.Func
		lit  *ast.FuncLit
		node *ast.BlockStmt
	}
	var bodies []body
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if fn, ok := pass.TypesInfo.Defs[n.Name].(*types.Func); ok && n.Body != nil {
					bodies = append(bodies, body{fn: fn, node: n.Body})
				}
			case *ast.FuncLit:
				bodies = append(bodies, body{lit: n, node: n.Body})
			}
			return true
		})
	}
	if isStd(pass) {
		// The standard library's blocking functions are the known ones:
		// its internal locks (sync.Pool, fmt's printers) are brief, and
		// following them would make nearly everything block.
		bodies = nil
	}
	for changed := true; changed; {
		changed = false
		for _, b := range bodies {
			if b.fn != nil && model.Lookup(b.fn) != nil {
				// An RCU API declares what it does: only its sync and
				// barrier directives say that it blocks.
				continue
			}
			if b.fn != nil && r.funcs[b.fn] != nil || b.lit != nil && r.lits[b.lit] != nil {
				continue
			}
			m := r.scan(b.node, model)
			if m == nil {
				continue
			}
			changed = true
			if b.fn != nil {
				r.funcs[b.fn] = m
			} else {
				r.lits[b.lit] = m
			}
		}
	}
	for fn, m := range r.funcs {
		pass.ExportObjectFact(fn, m)
	}
	return r, nil
}

// scan returns why a body may block, or nil. It does not look inside the
// function literals the body creates, except those it calls at once.
func (r *Result) scan(body *ast.BlockStmt, model *apisem.Model) *MayBlock {
	info := r.pass.TypesInfo
	var found *MayBlock
	ast.Inspect(body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // only created here
		case *ast.SendStmt:
			found = &MayBlock{Why: "sends on a channel"}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				found = &MayBlock{Why: "receives from a channel"}
			}
		case *ast.SelectStmt:
			if !hasDefault(n) {
				found = &MayBlock{Why: "waits in a select without a default case"}
			}
			return false // the cases' communications are the select's
		case *ast.RangeStmt:
			if t, ok := info.TypeOf(n.X).Underlying().(*types.Chan); ok && t != nil {
				found = &MayBlock{Why: "ranges over a channel"}
			}
		case *ast.CallExpr:
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				if m := r.lits[lit]; m != nil {
					found = &MayBlock{Why: "calls a function literal that " + m.Why, Grace: m.Grace}
				}
				return true
			}
			fn, _ := typeutilCallee(info, n).(*types.Func)
			if fn == nil {
				return true
			}
			if api := model.Lookup(fn); api != nil {
				if role, ok := api.Has(apisem.Sync); ok {
					_ = role
					found = &MayBlock{Why: "calls " + fn.Name() + ", which waits for a grace period", Grace: true}
					return false
				}
				if _, ok := api.Has(apisem.Barrier); ok {
					found = &MayBlock{Why: "calls " + fn.Name() + ", which waits for callbacks", Grace: true}
					return false
				}
			}
			if m := r.Call(fn); m != nil {
				found = m
			}
		}
		return true
	})
	return found
}

func hasDefault(s *ast.SelectStmt) bool {
	for _, c := range s.Body.List {
		if cc, ok := c.(*ast.CommClause); ok && cc.Comm == nil {
			return true
		}
	}
	return false
}

// typeutilCallee returns the function or method a call statically calls.
func typeutilCallee(info *types.Info, call *ast.CallExpr) types.Object {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		if fn, ok := info.Uses[fun].(*types.Func); ok {
			return fn
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[fun]; ok {
			if sel.Kind() == types.MethodVal {
				if fn, ok := sel.Obj().(*types.Func); ok && !types.IsInterface(sel.Recv()) {
					return fn
				}
			}
			return nil
		}
		if fn, ok := info.Uses[fun.Sel].(*types.Func); ok {
			return fn // a package-qualified function
		}
	case *ast.IndexExpr:
		return typeutilCallee(info, &ast.CallExpr{Fun: fun.X})
	case *ast.IndexListExpr:
		return typeutilCallee(info, &ast.CallExpr{Fun: fun.X})
	}
	return nil
}

// isStd reports whether the package is part of the standard library: it
// belongs to no module (or to "std") and its path's first element has no
// dot.
func isStd(pass *analysis.Pass) bool {
	if m := pass.Module; m != nil && m.Path != "" && m.Path != "std" {
		return false
	}
	first, _, _ := strings.Cut(pass.Pkg.Path(), "/")
	return !strings.Contains(first, ".")
}
