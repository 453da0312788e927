// Package passes lists rcuvet's checks. Each check is an analyzer named by
// its stable id (RCU1001, ...), so that go vet flags, golangci-lint settings
// and Bazel nogo configurations address checks the same way.
package passes

import (
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/callbacks"
	"github.com/rcuvet/rcuvet/passes/flavour"
	"github.com/rcuvet/rcuvet/passes/graceperiod"
	"github.com/rcuvet/rcuvet/passes/modexit"
	"github.com/rcuvet/rcuvet/passes/native"
	"github.com/rcuvet/rcuvet/passes/readside"
	"github.com/rcuvet/rcuvet/passes/updateside"
)

// All returns every check rcuvet has, in id order.
func All() []*analysis.Analyzer {
	var all []*analysis.Analyzer
	all = append(all, readside.Analyzers...)
	all = append(all, callbacks.Analyzers...)
	all = append(all, graceperiod.Analyzers...)
	all = append(all, modexit.Analyzers...)
	all = append(all, updateside.Analyzers...)
	all = append(all, flavour.Analyzers...)
	all = append(all, native.Analyzers...)
	slices.SortFunc(all, func(a, b *analysis.Analyzer) int { return strings.Compare(a.Name, b.Name) })
	return all
}
