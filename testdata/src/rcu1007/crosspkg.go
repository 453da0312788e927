package rcu1007

import (
	"fixtures/rcu1007/plain"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// What Access returns, handed to a function of a package without RCU:
// reported where that function reads through it, not where it only
// compares it.

var table rcuapi.Pointer[plain.Table]

func summarizeAccess() int {
	return plain.Summarize(table.Access()) // want `RCU1007: a pointer obtained with Access is dereferenced`
}

func describeAccess() int {
	return plain.Describe(table.Access()) // want `RCU1007: a pointer obtained with Access is dereferenced`
}

func methodOnAccess() uint64 {
	return table.Access().Epochs() // want `RCU1007: a pointer obtained with Access is dereferenced`
}

var last *plain.Table

func okChangedAccess() bool {
	return plain.Changed(table.Access(), last)
}

func okKeyAccess() any {
	return plain.Key(table.Access())
}

func okPtrAccess() bool {
	return table.Access().Ptr() == last
}
