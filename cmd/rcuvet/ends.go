package main

import (
	"go/ast"
	"go/scanner"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/rcuvet/rcuvet/passes"
)

// analyzers returns rcuvet's checks as the command runs them, under go vet
// and standalone: those of passes.All, each wrapped by withEnds.
func analyzers() []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range passes.All() {
		out = append(out, withEnds(a))
	}
	return out
}

// withEnds returns a copy of check a whose diagnostics (and their related
// positions) carry an end position when a reports none: the end of the
// syntax at the position, so that JSON and SARIF give the range of the code
// concerned instead of a point. The copy keeps a's name, requirements and
// facts.
func withEnds(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if !d.End.IsValid() || d.End == d.Pos {
				d.End = syntaxEnd(pass, d.Pos)
			}
			for i, r := range d.Related {
				if !r.End.IsValid() || r.End == r.Pos {
					d.Related[i].End = syntaxEnd(pass, r.Pos)
				}
			}
			report(d)
		}
		return a.Run(pass)
	}
	return &c
}

// syntaxEnd returns where the code at pos ends: the end of the innermost
// syntax node that encloses pos, if it ends on the line of pos, or else the
// end of the token at pos. It returns token.NoPos if pos is in none of the
// package's files.
func syntaxEnd(pass *analysis.Pass, pos token.Pos) token.Pos {
	if !pos.IsValid() {
		return token.NoPos
	}
	var file *ast.File
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			file = f
			break
		}
	}
	if file == nil {
		return token.NoPos
	}
	tf := pass.Fset.File(pos)
	if tf == nil {
		return token.NoPos
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	if len(path) > 0 {
		if _, isFile := path[0].(*ast.File); !isFile {
			end := path[0].End()
			if end > pos && end <= token.Pos(tf.Base()+tf.Size()) && tf.Line(end) == tf.Line(pos) {
				return end
			}
		}
	}
	return tokenEnd(pass, tf, pos)
}

// tokenEnd returns the end of the token that begins at pos in file tf, or
// token.NoPos if the file cannot be read or no token begins there.
func tokenEnd(pass *analysis.Pass, tf *token.File, pos token.Pos) token.Pos {
	src, err := pass.ReadFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return token.NoPos
	}
	off := tf.Offset(pos)
	var s scanner.Scanner
	fset := token.NewFileSet()
	f := fset.AddFile("", -1, len(src)-off)
	s.Init(f, src[off:], nil, scanner.ScanComments)
	p, tok, lit := s.Scan()
	if tok == token.EOF || f.Offset(p) != 0 {
		return token.NoPos
	}
	n := len(lit)
	if n == 0 {
		n = len(tok.String())
	}
	return pos + token.Pos(n)
}
