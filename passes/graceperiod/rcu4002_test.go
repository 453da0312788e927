package graceperiod_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/graceperiod"
)

func TestRCU4002(t *testing.T) {
	analysistest.Run(t, filepath.Join("..", "..", "testdata", "src"), graceperiod.RCU4002, "fixtures/rcu4002")
}
