package graceperiod_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/graceperiod"
)

var fixtures = filepath.Join("..", "..", "testdata", "src")

// pkgs returns the fixture package of a check followed by the packages its
// fixtures call across a package boundary. Those hold correct code only, so
// they also check that nothing is reported in them.
func pkgs(dir string) []string {
	return []string{"fixtures/" + dir, "fixtures/helpers", "fixtures/wrapper"}
}

func TestRCU4001(t *testing.T) {
	analysistest.Run(t, fixtures, graceperiod.RCU4001, pkgs("rcu4001")...)
}
