package paramuse_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/internal/fixturetest"
	"github.com/rcuvet/rcuvet/passes/internal/paramuse"
)

// TestFacts checks the facts paramuse exports: reads and writes through
// parameters of hand-written code, writes only of generated code.
func TestFacts(t *testing.T) {
	analysistest.Run(t, fixturetest.Dir, paramuse.Analyzer, "fixtures/paramusegen")
}
