package readside_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/readside"
)

var fixtures = filepath.Join("..", "..", "testdata", "src")

// pkgs returns the fixture package of a check followed by the packages its
// fixtures call across a package boundary. Those hold correct code only, so
// they also check that nothing is reported in them.
func pkgs(dir string) []string {
	return []string{"fixtures/" + dir, "fixtures/helpers", "fixtures/wrapper"}
}

func TestRCU1001(t *testing.T) { analysistest.Run(t, fixtures, readside.RCU1001, pkgs("rcu1001")...) }

func TestRCU1002(t *testing.T) { analysistest.Run(t, fixtures, readside.RCU1002, pkgs("rcu1002")...) }

func TestRCU1003(t *testing.T) { analysistest.Run(t, fixtures, readside.RCU1003, pkgs("rcu1003")...) }

func TestRCU1004(t *testing.T) { analysistest.Run(t, fixtures, readside.RCU1004, pkgs("rcu1004")...) }

func TestRCU1005(t *testing.T) { analysistest.Run(t, fixtures, readside.RCU1005, pkgs("rcu1005")...) }

func TestRCU1006(t *testing.T) { analysistest.Run(t, fixtures, readside.RCU1006, pkgs("rcu1006")...) }

func TestRCU1007(t *testing.T) { analysistest.Run(t, fixtures, readside.RCU1007, pkgs("rcu1007")...) }

// TestRCU1003Fix checks the suggested fix for a section that is never
// ended: a deferred release right after the acquire.
func TestRCU1003Fix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixtures, readside.RCU1003, "fixtures/rcu1003fix")
}
