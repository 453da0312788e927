package readside

import (
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
)

// The checks; what each reports is decided, and its message written, in
// the file of passes/internal/flow named by its id (see that package's doc).
var (
	RCU1001 = check.New("RCU1001")
	RCU1002 = check.New("RCU1002")
	RCU1003 = check.New("RCU1003")
	RCU1004 = check.New("RCU1004")
	RCU1005 = check.New("RCU1005")
	RCU1006 = check.New("RCU1006")
	RCU1007 = check.New("RCU1007")
)

// Analyzers are the read-side checks.
var Analyzers = []*analysis.Analyzer{RCU1001, RCU1002, RCU1003, RCU1004, RCU1005, RCU1006, RCU1007}
