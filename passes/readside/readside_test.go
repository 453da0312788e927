package readside_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/readside"
)

var fixtures = filepath.Join("..", "..", "testdata", "src")

func TestRCU1001(t *testing.T) { analysistest.Run(t, fixtures, readside.RCU1001, "fixtures/rcu1001") }
