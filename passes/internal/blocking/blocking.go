// Package blocking knows which functions may block: wait for another
// goroutine, a timer, the network, a disk or a grace period. The read-side
// and callback checks use it: a classic read-side section and an RCU
// callback must not block.
//
// A function may block if its body (not counting function literals that it
// only creates) sends or receives on a channel, ranges over one, selects
// without a default case, calls a function of the standard library known to
// block (time.Sleep, sync.Mutex.Lock, WaitGroup.Wait, Cond.Wait, network
// and file I/O, database/sql calls, os/exec waits, HTTP client calls),
// calls an RCU API that waits for a grace period or for callbacks
// (directives sync and barrier) or may
// wait for an internal lock (directive blocks), or
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
	"github.com/rcuvet/rcuvet/passes/internal/ident"
)

// MayBlock is the fact exported for a function that may block. Why says
// how, as a chain: "calls wait, which calls time.Sleep".
type MayBlock struct {
	// Why says how the function may block other than by waiting for RCU,
	// or is empty.
	Why string
	// SlowWhy says how it may block other than by taking a mutex (a
	// sleep, I/O, a channel, a WaitGroup), or is empty: a mutex held
	// briefly by others is what a callback may wait for, the rest is
	// not.
	SlowWhy string
	// GraceWhy says how it waits for an RCU grace period or for callbacks
	// (Synchronize, Barrier, their wrappers), or is empty; GraceDomain is
	// the domain it waits on (classic, a parameter, another class, or
	// unknown).
	GraceWhy    string
	GraceDomain ident.Class

	// pos, gracePos and slowPos are where, in a body of the package
	// analysed, the first reason of each kind is (the blocking operation,
	// or the call that leads to it); the origins are where that chain ends
	// in the package: the blocking operation itself, or the call of
	// another package's function that blocks. They do not travel in facts.
	pos, gracePos, slowPos          token.Pos
	origin, graceOrigin, slowOrigin token.Pos
}

// Kind selects one of MayBlock's reasons.
type Kind uint8

const (
	Any   Kind = iota // Why
	Slow              // SlowWhy
	Grace             // GraceWhy
)

// At returns where, in the body of a function or literal of the package
// analysed, the first reason of kind k is; token.NoPos for a function of
// another package.
func (m *MayBlock) At(k Kind) token.Pos {
	switch k {
	case Grace:
		return m.gracePos
	case Slow:
		return m.slowPos
	}
	return m.pos
}

// Origin returns where the chain of At(k) ends in the package analysed:
// the blocking operation (or the wait) itself, or the call of another
// package's function that blocks; token.NoPos for a function of another
// package.
func (m *MayBlock) Origin(k Kind) token.Pos {
	switch k {
	case Grace:
		return m.graceOrigin
	case Slow:
		return m.slowOrigin
	}
	return m.origin
}

// blocks is a reason to block that is not taking a mutex.
func blocks(why string) *MayBlock { return &MayBlock{Why: why, SlowWhy: why} }

func (*MayBlock) AFact() {}
func (m *MayBlock) String() string {
	return "mayblock: " + strings.TrimPrefix(m.Why+"; "+m.GraceWhy, "; ")
}

// Reason returns how the function may block, preferring the grace-period
// wait if grace is set.
func (m *MayBlock) Reason(grace bool) string {
	if grace && m.GraceWhy != "" || m.Why == "" {
		return m.GraceWhy
	}
	return m.Why
}

// merge adds what o says to m, keeping the first reason of each kind.
func (m *MayBlock) merge(o *MayBlock, prefix string) {
	if m.Why == "" && o.Why != "" {
		m.Why, m.origin = prefix+o.Why, o.origin
	}
	if m.SlowWhy == "" && o.SlowWhy != "" {
		m.SlowWhy, m.slowOrigin = prefix+o.SlowWhy, o.slowOrigin
	}
	if m.GraceWhy == "" && o.GraceWhy != "" {
		m.GraceWhy, m.GraceDomain, m.graceOrigin = prefix+o.GraceWhy, o.GraceDomain, o.graceOrigin
	}
}

func (m *MayBlock) complete() bool { return m.Why != "" && m.SlowWhy != "" && m.GraceWhy != "" }

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
	out := &MayBlock{}
	out.merge(m, fmt.Sprintf("calls %s, which ", fn.Name()))
	return out
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
	// database/sql talks to the database server; DB.Close waits for the
	// queries that have started.
	"database/sql.DB.Close":             true,
	"database/sql.DB.Ping":              true,
	"database/sql.DB.PingContext":       true,
	"database/sql.DB.Exec":              true,
	"database/sql.DB.ExecContext":       true,
	"database/sql.DB.Query":             true,
	"database/sql.DB.QueryContext":      true,
	"database/sql.DB.QueryRow":          true,
	"database/sql.DB.QueryRowContext":   true,
	"database/sql.DB.Begin":             true,
	"database/sql.DB.BeginTx":           true,
	"database/sql.DB.Conn":              true,
	"database/sql.DB.Prepare":           true,
	"database/sql.DB.PrepareContext":    true,
	"database/sql.Tx.Commit":            true,
	"database/sql.Tx.Rollback":          true,
	"database/sql.Tx.Exec":              true,
	"database/sql.Tx.ExecContext":       true,
	"database/sql.Tx.Query":             true,
	"database/sql.Tx.QueryContext":      true,
	"database/sql.Tx.QueryRow":          true,
	"database/sql.Tx.QueryRowContext":   true,
	"database/sql.Stmt.Exec":            true,
	"database/sql.Stmt.ExecContext":     true,
	"database/sql.Stmt.Query":           true,
	"database/sql.Stmt.QueryContext":    true,
	"database/sql.Stmt.QueryRow":        true,
	"database/sql.Stmt.QueryRowContext": true,
	"database/sql.Conn.Close":           true,
	"database/sql.Conn.ExecContext":     true,
	"database/sql.Conn.QueryContext":    true,
	"database/sql.Conn.QueryRowContext": true,
}

// locks are the blocking functions of blockingStd that only take a mutex.
var locks = map[string]bool{"sync.Mutex.Lock": true, "sync.RWMutex.Lock": true, "sync.RWMutex.RLock": true}

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
		if locks[name] {
			return &MayBlock{Why: "calls " + name}
		}
		return blocks("calls " + name)
	}
	if fn.Pkg().Path() == "net" {
		for _, p := range netBlocking {
			if strings.HasPrefix(fn.Name(), p) {
				return blocks("calls " + name + " (network I/O)")
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

	// The standard library's blocking functions are the known ones: its
	// internal locks (sync.Pool, fmt's printers) are brief, and following
	// them would make nearly everything block. Its bodies are not read.
	if IsStd(pass) {
		return r, nil
	}
	// The package's functions, to a fixed point: a function blocks if it
	// calls one that does, in any order of declaration. Every body is
	// scanned once, noting the package's functions it calls; after that,
	// only the callers of a function whose answer changed are scanned again.
	type body struct {
		fn   *types.Func
		lit  *ast.FuncLit
		node *ast.BlockStmt
		sig  *types.Signature
	}
	var bodies []body
	index := make(map[any]int) // *types.Func or *ast.FuncLit -> its body
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if fn, ok := pass.TypesInfo.Defs[n.Name].(*types.Func); ok && n.Body != nil {
					index[fn] = len(bodies)
					bodies = append(bodies, body{fn: fn, node: n.Body, sig: fn.Type().(*types.Signature)})
				}
			case *ast.FuncLit:
				sig, _ := pass.TypesInfo.TypeOf(n).(*types.Signature)
				index[n] = len(bodies)
				bodies = append(bodies, body{lit: n, node: n.Body, sig: sig})
			}
			return true
		})
	}
	callers := make([][]int, len(bodies))
	update := func(i int, onCallee func(any)) bool {
		b := bodies[i]
		if api := model.Lookup(b.fn); b.fn != nil && api != nil {
			// An RCU API declares what it does: only its sync, barrier
			// and blocks directives say that it blocks.
			if _, ok := api.Has(apisem.Blocks); ok && r.funcs[b.fn] == nil {
				r.funcs[b.fn] = &MayBlock{Why: "may wait for a lock that other updaters hold", pos: b.node.Pos()}
				return true
			}
			return false
		}
		m := r.scan(b.node, b.sig, model, onCallee)
		if m == nil {
			return false
		}
		old := r.funcs[b.fn]
		if b.lit != nil {
			old = r.lits[b.lit]
		}
		if old != nil && (old.Why != "" || m.Why == "") && (old.SlowWhy != "" || m.SlowWhy == "") && (old.GraceWhy != "" || m.GraceWhy == "") {
			return false // nothing new
		}
		if b.fn != nil {
			r.funcs[b.fn] = m
		} else {
			r.lits[b.lit] = m
		}
		return true
	}
	var work []int
	for i := range bodies {
		noteCaller := func(callee any) {
			// Bodies are scanned in order, so a repeat is the last entry.
			if j, ok := index[callee]; ok && j != i && (len(callers[j]) == 0 || callers[j][len(callers[j])-1] != i) {
				callers[j] = append(callers[j], i)
			}
		}
		if update(i, noteCaller) {
			work = append(work, i)
		}
	}
	for len(work) > 0 {
		j := work[len(work)-1]
		work = work[:len(work)-1]
		for _, i := range callers[j] {
			if update(i, nil) {
				work = append(work, i)
			}
		}
	}
	// Only what other packages can call travels in facts: a fact about an
	// unexported function would be read by nobody, yet, as a method's, it
	// would be copied into the facts of every package that imports this
	// one, directly or not.
	for fn, m := range r.funcs {
		if fn.Exported() {
			pass.ExportObjectFact(fn, m)
		}
	}
	return r, nil
}

// scan returns why a body may block, or nil. It does not look inside the
// function literals the body creates (except those it calls at once) nor
// into the goroutines it starts: they do not block it. If onCallee is not
// nil, it is told each function (a *types.Func or an *ast.FuncLit) the body
// calls.
func (r *Result) scan(body *ast.BlockStmt, sig *types.Signature, model *apisem.Model, onCallee func(any)) *MayBlock {
	found := &MayBlock{}
	visit := r.visitor(found, sig, model, onCallee)
	ast.Inspect(body, func(n ast.Node) bool {
		if found.complete() {
			return false
		}
		why, slow, grace := found.Why, found.SlowWhy, found.GraceWhy
		more := visit(n)
		if why == "" && found.Why != "" {
			found.pos = n.Pos()
			if !found.origin.IsValid() {
				found.origin = n.Pos()
			}
		}
		if slow == "" && found.SlowWhy != "" {
			found.slowPos = n.Pos()
			if !found.slowOrigin.IsValid() {
				found.slowOrigin = n.Pos()
			}
		}
		if grace == "" && found.GraceWhy != "" {
			found.gracePos = n.Pos()
			if !found.graceOrigin.IsValid() {
				found.graceOrigin = n.Pos()
			}
		}
		return more
	})
	if found.Why == "" && found.GraceWhy == "" {
		return nil
	}
	return found
}

// visitor returns the function that scan applies to each node of a body,
// adding to found why it may block.
func (r *Result) visitor(found *MayBlock, sig *types.Signature, model *apisem.Model, onCallee func(any)) func(n ast.Node) bool {
	info := r.pass.TypesInfo
	return func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false // created or started here, run elsewhere
		case *ast.SendStmt:
			found.merge(blocks("sends on a channel"), "")
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				found.merge(blocks("receives from a channel"), "")
			}
		case *ast.SelectStmt:
			if !hasDefault(n) {
				found.merge(blocks("waits in a select without a default case"), "")
			}
			// The cases' communications are the select's; their bodies run
			// here.
			for _, c := range n.Body.List {
				if cc, ok := c.(*ast.CommClause); ok {
					for _, st := range cc.Body {
						if m := r.scan(&ast.BlockStmt{List: []ast.Stmt{st}}, sig, model, onCallee); m != nil {
							found.merge(m, "")
						}
					}
				}
			}
			return false
		case *ast.RangeStmt:
			if t, ok := info.TypeOf(n.X).Underlying().(*types.Chan); ok && t != nil {
				found.merge(blocks("ranges over a channel"), "")
			}
		case *ast.CallExpr:
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				if onCallee != nil {
					onCallee(lit)
				}
				if m := r.lits[lit]; m != nil {
					found.merge(m, "calls a function literal that ")
				}
				return true
			}
			if why := networkCall(info, n); why != "" {
				found.merge(blocks(why), "")
			}
			fn, _ := typeutilCallee(info, n).(*types.Func)
			if fn == nil {
				return true
			}
			if onCallee != nil {
				onCallee(fn.Origin())
			}
			if api := model.Lookup(fn); api != nil {
				if role, ok := api.Has(apisem.Sync); ok {
					found.merge(&MayBlock{GraceWhy: "calls " + fn.Name() + ", which waits for a grace period", GraceDomain: domainOf(info, sig, n, fn, role.Domain)}, "")
					return true
				}
				if role, ok := api.Has(apisem.Barrier); ok {
					found.merge(&MayBlock{GraceWhy: "calls " + fn.Name() + ", which waits for callbacks", GraceDomain: domainOf(info, sig, n, fn, role.Domain)}, "")
					return true
				}
			}
			if m := r.Call(fn); m != nil {
				m2 := *m
				if d := m2.GraceDomain; d.IsParam() {
					m2.GraceDomain = argDomain(info, sig, n, fn, d.Param)
				}
				found.merge(&m2, "")
			}
		}
		return true
	}
}

// domainOf names the domain an API call at call waits on: classic, the
// enclosing function's parameter if it is one, a package variable or a
// field, or unknown.
func domainOf(info *types.Info, sig *types.Signature, call *ast.CallExpr, fn *types.Func, idx int) ident.Class {
	if idx == apisem.Classic {
		return ident.ClassicRCU
	}
	return argDomain(info, sig, call, fn, idx)
}

// argDomain names argument i of fn (the receiver counting as 0) at call:
// the enclosing function's parameter j if it is one, a package variable,
// a field, or unknown.
func argDomain(info *types.Info, sig *types.Signature, call *ast.CallExpr, fn *types.Func, i int) ident.Class {
	var arg ast.Expr
	if fn.Type().(*types.Signature).Recv() != nil {
		if i == 0 {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				arg = sel.X
			}
		} else if i-1 < len(call.Args) {
			arg = call.Args[i-1]
		}
	} else if i < len(call.Args) {
		arg = call.Args[i]
	}
	arg = ast.Unparen(arg)
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg = ast.Unparen(u.X)
	}
	if sel, ok := arg.(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.FieldVal {
			t := s.Recv()
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
			return ident.FieldOf(types.TypeString(t, nil), sel.Sel.Name)
		}
		arg = sel.Sel // a package-qualified variable
	}
	id, ok := arg.(*ast.Ident)
	if !ok {
		return ident.Class{}
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return ident.Class{}
	}
	if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
		return ident.GlobalVar(v.Pkg().Path(), v.Name()) // a package variable
	}
	if sig == nil {
		return ident.Class{}
	}
	// A parameter of the enclosing function: find its index.
	k := 0
	if sig.Recv() != nil {
		if sig.Recv() == v {
			return ident.ParamAt(0)
		}
		k = 1
	}
	for j := range sig.Params().Len() {
		if sig.Params().At(j) == v {
			return ident.ParamAt(j + k)
		}
	}
	return ident.Class{}
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
				if fn, ok := sel.Obj().(*types.Func); ok && types.IsInterface(sel.Recv()) && fn.Pkg() != nil && fn.Pkg().Path() == "net" {
					return fn // net.Conn, net.Listener: network I/O whatever the connection
				}
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

// IsStd reports whether the package is part of the standard library: it
// belongs to no module (or to "std") and its path's first element has no
// dot.
func IsStd(pass *analysis.Pass) bool {
	if m := pass.Module; m != nil && m.Path != "" && m.Path != "std" {
		return false
	}
	first, _, _ := strings.Cut(pass.Pkg.Path(), "/")
	return !strings.Contains(first, ".")
}
