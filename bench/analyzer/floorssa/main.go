// Command floorssa is floor (see ../floor) plus building SSA for every
// package, as golang.org/x/tools/go/analysis/passes/buildssa does: a new
// ssa.Program, an SSA package created (without bodies) for each package
// the analysed package imports directly, and the analysed package created
// from its syntax and built (rcuvet's engine does the same, but only for
// packages that can reach an RCU API). It reports nothing. The time
// of `go vet -vettool=floorssa` is the floor of any vet tool that analyses
// every package on SSA.
//
// It is built and run by the benchmark in the parent directory.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/ssa"
)

// fact is never exported; declaring it is what matters.
type fact struct{}

func (*fact) AFact()         {}
func (*fact) String() string { return "fact" }

var analyzer = &analysis.Analyzer{
	Name:      "floorssa",
	Doc:       "builds SSA for the package and does nothing else, but declares a fact type so that go vet visits every dependency",
	FactTypes: []analysis.Fact{(*fact)(nil)},
	Run:       run,
}

func run(pass *analysis.Pass) (any, error) {
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return nil, nil
}

func main() { multichecker.Main(analyzer) }
