// Package passes lists rcuvet's checks. Each check is an analyzer named by
// its stable id (RCU1001, ...), so that go vet flags, golangci-lint settings
// and Bazel nogo configurations address checks the same way.
package passes

import (
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/readside"
)

// All returns every check rcuvet has, in id order.
func All() []*analysis.Analyzer {
	var all []*analysis.Analyzer
	all = append(all, readside.Analyzers...)
	return all
}
