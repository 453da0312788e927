// Command floor is the cheapest vet tool that go vet treats like rcuvet: a
// multichecker with one analyzer that declares a fact type and does
// nothing. Because it declares a fact, go vet runs it on every dependency
// of the packages it vets (to compute their facts), as it runs rcuvet, so
// the time of `go vet -vettool=floor` is the floor of any fact-based vet
// tool: the go command, one process per package, parsing, type checking
// from export data, and reading and writing (empty) fact files.
//
// It is built and run by the benchmark in the parent directory.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

// fact is never exported; declaring it is what matters.
type fact struct{}

func (*fact) AFact()         {}
func (*fact) String() string { return "fact" }

var analyzer = &analysis.Analyzer{
	Name:      "floor",
	Doc:       "does nothing, but declares a fact type so that go vet visits every dependency",
	FactTypes: []analysis.Fact{(*fact)(nil)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(analyzer) }
