package readside_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/readside"
)

var fixtures = filepath.Join("..", "..", "testdata", "src")

func TestRCU1001(t *testing.T) { analysistest.Run(t, fixtures, readside.RCU1001, "fixtures/rcu1001") }

// TestRCU1003Fix checks the suggested fix for a section that is never
// ended: a deferred release right after the acquire.
func TestRCU1003Fix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixtures, readside.RCU1003, "fixtures/rcu1003fix")
}
