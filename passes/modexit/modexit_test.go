package modexit_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/modexit"
)

var fixtures = filepath.Join("..", "..", "testdata", "src")

// pkgs returns the fixture packages of a check (a pattern such as
// fixtures/rcu6001/..., one package per module: RCU6001 asks every Exit of
// a package to wait for every domain on which the package queues
// callbacks) followed by the helper packages the fixtures call across a
// package boundary. Those hold no module and correct code only, so they
// also check that nothing is reported in them.
func pkgs(pattern string) []string {
	return []string{pattern, "fixtures/modhelpers", "fixtures/modhelpers/inner"}
}

func TestRCU6001(t *testing.T) {
	analysistest.Run(t, fixtures, modexit.RCU6001, pkgs("fixtures/rcu6001/...")...)
}

func TestRCU6002(t *testing.T) {
	analysistest.Run(t, fixtures, modexit.RCU6002, pkgs("fixtures/rcu6002/...")...)
}

func TestRCU6003(t *testing.T) {
	analysistest.Run(t, fixtures, modexit.RCU6003, pkgs("fixtures/rcu6003/...")...)
}

func TestRCU6004(t *testing.T) {
	analysistest.Run(t, fixtures, modexit.RCU6004, pkgs("fixtures/rcu6004/...")...)
}

func TestRCU6005(t *testing.T) {
	analysistest.Run(t, fixtures, modexit.RCU6005, pkgs("fixtures/rcu6005/...")...)
}

// TestRCU6002Fix checks the suggested fix of RCU6002: the Synchronize call
// of the Exit becomes the Barrier of the same domain.
func TestRCU6002Fix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixtures, modexit.RCU6002, "fixtures/rcu6002fix")
}
