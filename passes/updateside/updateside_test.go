package updateside_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rcuvet/rcuvet/passes/updateside"
)

var fixtures = filepath.Join("..", "..", "testdata", "src")

// pkgs returns the fixture package of a check followed by the packages its
// fixtures call across a package boundary. Those hold correct code only, so
// they also check that nothing is reported in them.
func pkgs(dir string) []string {
	return []string{"fixtures/" + dir, "fixtures/updhelpers", "fixtures/wrapper"}
}

func TestRCU2001(t *testing.T) { analysistest.Run(t, fixtures, updateside.RCU2001, pkgs("rcu2001")...) }

func TestRCU2002(t *testing.T) { analysistest.Run(t, fixtures, updateside.RCU2002, pkgs("rcu2002")...) }

func TestRCU2005(t *testing.T) { analysistest.Run(t, fixtures, updateside.RCU2005, pkgs("rcu2005")...) }

func TestRCU2004(t *testing.T) {
	analysistest.Run(t, fixtures, updateside.RCU2004, "fixtures/rcu2004", "fixtures/retirehelpers")
}

func TestRCU2003(t *testing.T) {
	analysistest.Run(t, fixtures, updateside.RCU2003, "fixtures/rcu2003", "fixtures/ptrhelpers")
}

// TestRCU2001Fix checks the suggested fix that moves the publication after
// the writes that finish the object.
func TestRCU2001Fix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixtures, updateside.RCU2001, "fixtures/rcu2001fix")
}
