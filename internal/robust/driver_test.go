package robust

import (
	"fmt"
	"go/types"
	"os"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// FuzzEngine analyses thousands of small programs that all import the same
// packages. The checker would analyse rcuapi and the standard library
// under each of them again, which costs ten times what the program does;
// the fuzz driver here instead runs the analyzers on the program alone,
// with the facts the checker computed once for the dependencies. The seeds
// check that it finds what the checker finds.

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

type packageFactKey struct {
	pkg *types.Package
	typ reflect.Type
}

// A factTable holds, per analyzer, the facts of the dependencies.
type factTable struct {
	objects  map[*analysis.Analyzer]map[objectFactKey]analysis.Fact
	packages map[*analysis.Analyzer]map[packageFactKey]analysis.Fact
}

func newFactTable() *factTable {
	return &factTable{
		objects:  make(map[*analysis.Analyzer]map[objectFactKey]analysis.Fact),
		packages: make(map[*analysis.Analyzer]map[packageFactKey]analysis.Fact),
	}
}

// add records the facts an action of the checker saw and exported.
func (ft *factTable) add(act *checker.Action) {
	a := act.Analyzer
	if ft.objects[a] == nil {
		ft.objects[a] = make(map[objectFactKey]analysis.Fact)
		ft.packages[a] = make(map[packageFactKey]analysis.Fact)
	}
	for _, f := range act.AllObjectFacts() {
		ft.objects[a][objectFactKey{f.Object, reflect.TypeOf(f.Fact)}] = f.Fact
	}
	for _, f := range act.AllPackageFacts() {
		ft.packages[a][packageFactKey{f.Package, reflect.TypeOf(f.Fact)}] = f.Fact
	}
}

type driverResult struct {
	diags []analysis.Diagnostic
	errs  []error
}

// analyze runs analyzers, and those they require, on pkg alone, with the
// facts of ft for its dependencies.
func (ft *factTable) analyze(pkg *packages.Package, analyzers []*analysis.Analyzer) *driverResult {
	res := new(driverResult)
	results := make(map[*analysis.Analyzer]any)
	failed := make(map[*analysis.Analyzer]bool)
	var run func(a *analysis.Analyzer) bool
	run = func(a *analysis.Analyzer) bool {
		if _, done := results[a]; done {
			return true
		}
		if failed[a] {
			return false
		}
		inputs := make(map[*analysis.Analyzer]any)
		for _, req := range a.Requires {
			if !run(req) {
				failed[a] = true
				return false
			}
			inputs[req] = results[req]
		}
		objects := make(map[objectFactKey]analysis.Fact)
		pkgFacts := make(map[packageFactKey]analysis.Fact)
		for k, f := range ft.objects[a] {
			objects[k] = f
		}
		for k, f := range ft.packages[a] {
			pkgFacts[k] = f
		}
		get := func(f analysis.Fact, ptr analysis.Fact) bool {
			if f == nil {
				return false
			}
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(f).Elem())
			return true
		}
		pass := &analysis.Pass{
			Analyzer:     a,
			Fset:         pkg.Fset,
			Files:        pkg.Syntax,
			OtherFiles:   pkg.OtherFiles,
			IgnoredFiles: pkg.IgnoredFiles,
			Pkg:          pkg.Types,
			TypesInfo:    pkg.TypesInfo,
			TypesSizes:   pkg.TypesSizes,
			Module:       &analysis.Module{},
			ResultOf:     inputs,
			Report:       func(d analysis.Diagnostic) { res.diags = append(res.diags, d) },
			ReadFile:     os.ReadFile,
			ImportObjectFact: func(obj types.Object, ptr analysis.Fact) bool {
				return get(objects[objectFactKey{obj, reflect.TypeOf(ptr)}], ptr)
			},
			ExportObjectFact: func(obj types.Object, f analysis.Fact) {
				if obj.Pkg() != pkg.Types {
					panic(fmt.Sprintf("%s exports a fact about %s of another package", a, obj))
				}
				objects[objectFactKey{obj, reflect.TypeOf(f)}] = f
			},
			ImportPackageFact: func(p *types.Package, ptr analysis.Fact) bool {
				return get(pkgFacts[packageFactKey{p, reflect.TypeOf(ptr)}], ptr)
			},
			ExportPackageFact: func(f analysis.Fact) {
				pkgFacts[packageFactKey{pkg.Types, reflect.TypeOf(f)}] = f
			},
			AllObjectFacts: func() []analysis.ObjectFact {
				var out []analysis.ObjectFact
				for k, f := range objects {
					out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
				}
				return out
			},
			AllPackageFacts: func() []analysis.PackageFact {
				var out []analysis.PackageFact
				for k, f := range pkgFacts {
					out = append(out, analysis.PackageFact{Package: k.pkg, Fact: f})
				}
				return out
			},
		}
		result, err := a.Run(pass)
		if err != nil {
			res.errs = append(res.errs, fmt.Errorf("%s: %w", a, err))
			failed[a] = true
			return false
		}
		if got, want := reflect.TypeOf(result), a.ResultType; got != want {
			res.errs = append(res.errs, fmt.Errorf("%s returned a %v, not a %v", a, got, want))
		}
		results[a] = result
		return true
	}
	for _, a := range analyzers {
		run(a)
	}
	return res
}
