package flavour_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/flavour"
)

var fixtures = filepath.Join("..", "..", "testdata", "src")

func TestRCU5001(t *testing.T) {
	analysistest.Run(t, fixtures, flavour.RCU5001, "fixtures/rcu5001", "fixtures/ptrhelpers")
}
