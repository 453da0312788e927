package flow

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/analysis"
)

// Pointer uses across packages, for the checks that compare the uses of
// one Pointer or List (RCU2003: updates without a common lock; RCU5001:
// readers of one domain, grace periods of another). The engine records,
// in every package, each read of a Pointer or List under a section of a
// known domain and each update of one (see PointerUse), and exports them
// as a package fact together with the records of the packages it imports,
// so that a package sees the uses made in every package it depends on,
// directly or not (package facts travel only from direct imports under go
// vet, hence the re-export; only the uses of Pointers that other packages
// can name, an exported variable or field, travel on, in a fixed order).
// A check then reports in the package where one of the uses it compares
// is made, at that use, naming the other: a package that makes no use of a
// Pointer reports nothing about it, so each finding appears once in the
// package that sees both sides, normally the updater's.

// Record is one use of a Pointer or List, as a fact.
type Record struct {
	Pointer ident.Class // the pointer's class
	Name    string
	Op      string
	Func    string
	Pkg     string // the package of the use
	At      string // "file.go:line"

	Read   bool
	Domain ident.Class

	CAS, Serialized bool
	Unknown, Single bool
	External        bool // the function may be called from other packages
	Locks           []ident.Class
	LockNames       []string
	Waits           []ident.Class
	WaitsUnknown    bool
}

// Where describes the place of r for messages: "file.go:12 (Func)", with the
// package when it is another one than pkg.
func (r *Record) Where(pkg string) string {
	if r.Pkg != pkg {
		return fmt.Sprintf("%s:%s (%s)", r.Pkg, r.At, r.Func)
	}
	return fmt.Sprintf("%s (%s)", r.At, r.Func)
}

// recordKey tells records apart: the same use seen through two imports is
// one.
type recordKey struct {
	pkg, at, op, fn string
	pointer, domain ident.Class
}

func (r *Record) key() recordKey {
	return recordKey{r.Pkg, r.At, r.Op, r.Func, r.Pointer, r.Domain}
}

// Uses is the package fact: the records of the package and of every
// package it depends on, and the pointers annotated //rcu:single-updater.
type Uses struct {
	Records []Record
	Single  []ident.Class
}

func (*Uses) AFact() {}

func (u *Uses) String() string { return fmt.Sprintf("uses(%d)", len(u.Records)) }

// compareRecords orders records by package, file, line, then the rest, so
// that facts and messages do not depend on the order facts are read in.
func compareRecords(a, b Record) int {
	if c := strings.Compare(a.Pkg, b.Pkg); c != 0 {
		return c
	}
	af, al, _ := strings.Cut(a.At, ":")
	bf, bl, _ := strings.Cut(b.At, ":")
	if c := strings.Compare(af, bf); c != 0 {
		return c
	}
	an, _ := strconv.Atoi(al)
	bn, _ := strconv.Atoi(bl)
	if an != bn {
		return an - bn
	}
	return cmp.Or(strings.Compare(a.Op, b.Op), ident.Compare(a.Pointer, b.Pointer), ident.Compare(a.Domain, b.Domain), strings.Compare(a.Func, b.Func))
}

// exportedFunc reports whether a function, named as flow names it
// ("F", "(*T).M", "F$1"), may be called from another package.
func exportedFunc(name string) bool {
	if strings.Contains(name, "$") {
		return false
	}
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	return ast.IsExported(name)
}

// singlePointers returns the classes of the package's variables and
// struct fields annotated //rcu:single-updater.
func singlePointers(pass *analysis.Pass) []ident.Class {
	var out []ident.Class
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gd.Specs {
				switch s := spec.(type) {
				case *ast.ValueSpec:
					if !HasSingleUpdater(s.Doc) && !HasSingleUpdater(s.Comment) && !(len(gd.Specs) == 1 && HasSingleUpdater(gd.Doc)) {
						continue
					}
					for _, n := range s.Names {
						if v, ok := pass.TypesInfo.Defs[n].(*types.Var); ok {
							out = append(out, ident.GlobalVar(pass.Pkg.Path(), v.Name()))
						}
					}
				case *ast.TypeSpec:
					st, ok := s.Type.(*ast.StructType)
					if !ok {
						continue
					}
					obj, ok := pass.TypesInfo.Defs[s.Name].(*types.TypeName)
					if !ok {
						continue
					}
					for _, field := range st.Fields.List {
						if !HasSingleUpdater(field.Doc) && !HasSingleUpdater(field.Comment) {
							continue
						}
						for _, n := range field.Names {
							out = append(out, ident.FieldOf(types.TypeString(obj.Type(), nil), n.Name))
						}
					}
				}
			}
		}
	}
	return out
}

// pointerUses is what the checks of pointer uses see in one package: its
// own uses (with their records), and every use known, by pointer class.
type pointerUses struct {
	pkg    string
	local  []localUse
	all    map[ident.Class][]*Record
	single map[ident.Class]bool    // pointers annotated //rcu:single-updater
	posOf  map[recordKey]token.Pos // the position of each of the package's own uses
}

// localUse is a use made in the package being analysed.
type localUse struct {
	Record
	pos    token.Pos
	waitAt []waitSite // an update's waits, in the order of Waits
}

// collectUses merges the package's own uses with the records of the
// packages it depends on, exports the package fact, and returns them all.
// It runs in every package, also one with no RCU API in sight, so that the
// records of its dependencies travel on.
func (e *engine) collectUses(own []*PointerUse) *pointerUses {
	pass := e.pass
	out := &pointerUses{pkg: pass.Pkg.Path(), all: make(map[ident.Class][]*Record), single: make(map[ident.Class]bool), posOf: make(map[recordKey]token.Pos)}
	seen := make(map[recordKey]bool)
	var all []Record
	add := func(r Record) {
		if k := r.key(); !seen[k] {
			seen[k] = true
			all = append(all, r)
		}
	}
	for _, u := range own {
		pos := pass.Fset.Position(u.Pos)
		r := Record{
			Pointer: u.Pointer, Name: u.Name, Op: u.Op, Func: u.Func, Pkg: pass.Pkg.Path(),
			At:   fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line),
			Read: u.Read, Domain: u.Domain,
			CAS: u.CAS, Serialized: u.Serialized, Unknown: u.Unknown, Single: u.Single, External: exportedFunc(u.Func),
			Locks: u.Locks, LockNames: u.LockNames, Waits: u.Waits, WaitsUnknown: u.WaitsUnknown,
		}
		out.local = append(out.local, localUse{Record: r, pos: u.Pos, waitAt: u.WaitAt})
		out.posOf[r.key()] = u.Pos
		add(r)
	}
	for _, c := range singlePointers(pass) {
		out.single[c] = true
	}
	for _, f := range pass.AllPackageFacts() {
		if f.Package == pass.Pkg {
			continue
		}
		if uses, ok := f.Fact.(*Uses); ok {
			for _, r := range uses.Records {
				add(r)
			}
			for _, c := range uses.Single {
				out.single[c] = true
			}
		}
	}
	slices.SortFunc(all, compareRecords)
	for i := range all {
		out.all[all[i].Pointer] = append(out.all[all[i].Pointer], &all[i])
	}
	// Only Pointers that other packages can name travel on: a package
	// variable or field with an exported name.
	var exported []Record
	for _, r := range all {
		if r.Pointer.Exported() {
			exported = append(exported, r)
		}
	}
	if len(exported) > 0 || len(out.single) > 0 {
		fact := &Uses{Records: exported}
		for c := range out.single {
			fact.Single = append(fact.Single, c)
		}
		slices.SortFunc(fact.Single, ident.Compare)
		pass.ExportPackageFact(fact)
	}
	return out
}
