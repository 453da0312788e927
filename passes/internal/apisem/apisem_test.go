package apisem_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// TestDirectives checks that directives become facts (also on a user's own
// wrapper) and that malformed directives are reported.
func TestDirectives(t *testing.T) {
	analysistest.Run(t, filepath.Join("..", "..", "..", "testdata", "src"), apisem.Analyzer, "fixtures/apisem")
}
