package flow

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// The suggested fix of RCU2001: move the publication after the writes
// that finish the object. It is offered only when that is mechanical: the
// publication is a statement of its own (a call, or an assignment of its
// results to new variables that the writes do not use), and the statements
// that follow it in the same block, up to and including the reported
// write, are plain writes into the published object (c.f = v, c.m[k] = v,
// c.n++) that do not read the pointer being published or the
// publication's results. The fix is attached to the write that directly
// follows the publication; the later writes of the run are moved with it.

// publishFix returns the fix for a write at pos after publication pub, or
// nil.
func (e *engine) publishFix(pub *ssa.Call, pos token.Pos) *FixHint {
	pass := e.pass
	var file *ast.File
	for _, f := range pass.Files {
		if f.FileStart <= pub.Pos() && pub.Pos() < f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, pub.Pos(), pub.Pos())
	var call *ast.CallExpr
	var stmt ast.Stmt
	var list []ast.Stmt
	for i, n := range path {
		if c, ok := n.(*ast.CallExpr); ok && call == nil {
			call = c
			continue
		}
		if call == nil {
			continue
		}
		st, ok := n.(ast.Stmt)
		if !ok {
			return nil // the call is part of a larger expression
		}
		stmt = st
		if i+1 < len(path) {
			switch b := path[i+1].(type) {
			case *ast.BlockStmt:
				list = b.List
			case *ast.CaseClause:
				list = b.Body
			case *ast.CommClause:
				list = b.Body
			}
		}
		break
	}
	if call == nil || stmt == nil || list == nil || len(call.Args) == 0 {
		return nil
	}
	var defined []string
	switch st := stmt.(type) {
	case *ast.ExprStmt:
		if st.X != call {
			return nil
		}
	case *ast.AssignStmt:
		if st.Tok != token.DEFINE || len(st.Rhs) != 1 || st.Rhs[0] != call {
			return nil
		}
		for _, l := range st.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				defined = append(defined, id.Name)
			}
		}
	default:
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	obj := publishedName(call.Args)
	recv := rootIdent(sel.X)
	if obj == "" || recv == "" {
		return nil
	}
	i := -1
	for k, s := range list {
		if s == stmt {
			i = k
		}
	}
	if i < 0 || i+1 >= len(list) || !(list[i+1].Pos() <= pos && pos < list[i+1].End()) {
		return nil
	}
	avoid := append(defined, recv)
	last := -1
	for k := i + 1; k < len(list); k++ {
		if !initWrite(list[k], obj, avoid) {
			break
		}
		last = k
	}
	if last < 0 {
		return nil
	}
	// A comment between the publication and the next statement would be lost.
	for _, cg := range file.Comments {
		if cg.Pos() >= stmt.End() && cg.End() <= list[i+1].Pos() {
			return nil
		}
	}
	tf := pass.Fset.File(stmt.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return nil
	}
	off := func(p token.Pos) int { return tf.Offset(p) }
	// The comment that trails the last write moves with it.
	end := list[last].End()
	for _, cg := range file.Comments {
		if cg.Pos() >= end && tf.Line(cg.Pos()) == tf.Line(end) {
			end = cg.End()
			break
		}
	}
	if off(end) > len(src) {
		return nil
	}
	indent := strings.Repeat("\t", max(pass.Fset.Position(stmt.Pos()).Column-1, 0))
	text := string(src[off(list[i+1].Pos()):off(end)]) + "\n" + indent + string(src[off(stmt.Pos()):off(stmt.End())])
	return &FixHint{Message: "Publish the object after the writes that finish it", Pos: stmt.Pos(), End: end, Text: text}
}

// publishedName returns the name of the variable a publication publishes:
// c in Assign(c), x in Assign(&x); "" if it is something else.
func publishedName(args []ast.Expr) string {
	for _, a := range args {
		switch a := a.(type) {
		case *ast.Ident:
			return a.Name
		case *ast.UnaryExpr:
			if id, ok := a.X.(*ast.Ident); ok && a.Op == token.AND {
				return id.Name
			}
		}
	}
	return ""
}

// rootIdent returns the name at the root of a selector or index chain.
func rootIdent(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x.Name
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.UnaryExpr:
			e = x.X
		default:
			return ""
		}
	}
}

// initWrite reports whether s is a plain write into the object named obj
// (not a rebinding of obj) that mentions none of the names in avoid.
func initWrite(s ast.Stmt, obj string, avoid []string) bool {
	var lhs []ast.Expr
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			return false
		}
		lhs = s.Lhs
	case *ast.IncDecStmt:
		lhs = []ast.Expr{s.X}
	default:
		return false
	}
	for _, l := range lhs {
		if _, bare := l.(*ast.Ident); bare || rootIdent(l) != obj {
			return false
		}
	}
	ok := true
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			for _, a := range avoid {
				if n.Name == a {
					ok = false
				}
			}
		case *ast.FuncLit:
			ok = false
		}
		return ok
	})
	return ok
}
