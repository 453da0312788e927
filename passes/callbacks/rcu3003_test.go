package callbacks_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/callbacks"
)

func TestRCU3003(t *testing.T) {
	analysistest.Run(t, filepath.Join("..", "..", "testdata", "src"), callbacks.RCU3003, "fixtures/rcu3003")
}
