// Package flavour holds rcuvet's check of flavour pairing: readers and
// updaters of one Pointer must use the same domain.
//
//   - RCU5001: a Pointer or List read under sections of one domain (classic
//     RCU or an SRCU) and retired, by an update that waits for a grace
//     period, with the grace period of another domain only. Checklist
//     item 7.
package flavour

import (
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
)

// The checks; what each reports is decided, and its message written, in
// the file of passes/internal/flow named by its id (see that package's doc).
var (
	RCU5001 = check.New("RCU5001")
)

// Analyzers are the flavour checks.
var Analyzers = []*analysis.Analyzer{RCU5001}
