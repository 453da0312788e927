// Package ptrdomain holds its SRCU domain as a pointer in a package
// variable, made by NewSRCU. Its Exit does not wait for the domain's
// callbacks.
package ptrdomain

import (
	"os"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	dom  = rcuapi.NewSRCU("journal")
	logf *os.File
)

func Note(msg string) {
	dom.Call(func() { logf.WriteString(msg) })
}

func exit() { // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on SRCU domain dom \(at ptrdomain\.go:\d+\): they could run after the module is gone; stop queueing them, then call dom\.Barrier\(\) before Exit returns$`
	logf.Close()
}

var Module = &rcuapi.Module{Name: "journal", Exit: exit}
