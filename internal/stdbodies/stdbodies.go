// Package stdbodies parses the standard library's files without the
// function bodies that no rcuvet analyzer reads.
//
// A driver that loads packages from source (standalone rcuvet, the
// fixture tests) type-checks the whole standard library below the
// user's packages, bodies included, though the analyzers read none of
// most of them: the blocking and parameter analyses know the standard
// library by name, and the engine skips it. Dropping those bodies makes
// loading net/http and its imports several times cheaper. The bodies kept
// are those something reads or the type checker needs:
//
//   - a function whose single, unnamed result may be an interface: the
//     dyntype analysis records the concrete type it returns (errors.New
//     returns an *errors.errorString), which RCU7005 uses;
//   - generic functions and methods of generic types;
//   - init functions, emptied.
//
// An import that only the dropped bodies used is kept for its side
// effects, so that the file still type-checks; a file with a dot import
// (go/types has them) is left whole.
package stdbodies

import (
	"go/ast"
	"go/parser"
	"go/token"
	pathpkg "path"
	"path/filepath"
	"strconv"
	"strings"
)

// Parser returns a function for packages.Config.ParseFile that parses as
// go/packages does, and drops the unread bodies of the files under
// goroot/src (goroot as go env GOROOT prints it; empty: drop nothing),
// except those in the directories whole: the packages being checked, when
// they are the standard library's own (rcuvet std), are read whole.
func Parser(goroot string, whole map[string]bool) func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	dir := ""
	if goroot != "" {
		dir = filepath.Join(goroot, "src") + string(filepath.Separator)
	}
	return func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
		f, err := parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
		if f != nil && dir != "" && strings.HasPrefix(filename, dir) && !whole[filepath.Dir(filename)] {
			drop(f)
		}
		return f, err
	}
}

// drop removes from f the function bodies that no analyzer reads (see
// the package documentation).
func drop(f *ast.File) {
	for _, imp := range f.Imports {
		if imp.Name != nil && imp.Name.Name == "." {
			// Which names the bodies use from it cannot be told from
			// the syntax, nor so whether it would still be used.
			return
		}
	}
	dropped := false
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || generic(fd) || mayReturnInterface(fd) {
			continue
		}
		dropped = true
		fd.Body = nil
		if fd.Name.Name == "init" && fd.Recv == nil {
			fd.Body = &ast.BlockStmt{} // an init must have one
		}
	}
	if !dropped {
		return
	}
	// An import that only the dropped bodies used would now be an
	// error: import it for its side effects only.
	used := make(map[string]bool)
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := pathpkg.Base(path)
		if v := strings.TrimPrefix(name, "v"); v != name && v != "" && strings.Trim(v, "0123456789") == "" {
			name = pathpkg.Base(pathpkg.Dir(path)) // math/rand/v2
		}
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name != "_" && name != "." && !used[name] {
			imp.Name = ast.NewIdent("_")
		}
	}
}

// generic reports whether fd is a generic function or a method of a
// generic type.
func generic(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil {
		return true
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	t := fd.Recv.List[0].Type
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

// mayReturnInterface reports whether fd has one unnamed result whose type,
// as written, may be an interface: a named type (error, io.Reader, T) or
// an interface literal, not a pointer, slice, map, channel, function,
// array, struct or predeclared non-interface type.
func mayReturnInterface(fd *ast.FuncDecl) bool {
	r := fd.Type.Results
	if r == nil || len(r.List) != 1 || len(r.List[0].Names) > 0 {
		return false
	}
	switch t := ast.Unparen(r.List[0].Type).(type) {
	case *ast.InterfaceType, *ast.SelectorExpr:
		return true
	case *ast.Ident:
		return !predeclaredConcrete[t.Name]
	}
	return false
}

// predeclaredConcrete are the predeclared types that are not interfaces.
// (Of the standard library, only package builtin, which nothing imports,
// redeclares them, and not as interfaces.)
var predeclaredConcrete = map[string]bool{
	"bool": true, "byte": true, "complex64": true, "complex128": true, "float32": true, "float64": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true, "rune": true, "string": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
}
