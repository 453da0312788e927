package modexit_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/internal/flow"
)

func TestZZDebug(t *testing.T) {
	analysistest.Run(t, fixtures, flow.Analyzer, "fixtures/modhelpers/...", "fixtures/rcu6001/wrapped")
}
