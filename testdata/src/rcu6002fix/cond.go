package rcu6002fix

import "github.com/rcuvet/rcuvet/rcuapi"

// noted is the grace period the last exit noted.
var noted rcuapi.GPState

// exitCond waits for the grace period noted in st. Barrier takes no
// argument, so renaming the call would not compile: no fix is offered, and
// the golden copy is the file unchanged.
func exitCond() {
	st := rcuapi.GetState()
	noted = st
	pages.Barrier()
	c.dom.Barrier()
	rcuapi.CondSynchronize(st) // want `RCU6002: exitCond, a module's Exit, waits for a grace period of classic RCU`
}

var Cond = &rcuapi.Module{Name: "cond", Exit: exitCond}
