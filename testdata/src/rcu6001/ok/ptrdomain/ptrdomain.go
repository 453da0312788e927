// Package ptrdomain holds its SRCU domain as a pointer in a package
// variable; its Exit, a function literal, waits for the domain's
// callbacks.
package ptrdomain

import (
	"os"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	written atomic.Int64 // what the callbacks counted
	dom     = rcuapi.NewSRCU("journal")
	logf    *os.File
)

func Note(msg string) {
	dom.Call(func() { written.Add(int64(len(msg))) })
}

var Module = &rcuapi.Module{
	Name: "journal",
	Exit: func() {
		dom.Barrier()
		logf.Close()
	},
}
