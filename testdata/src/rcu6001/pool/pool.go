// Package pool retires its objects through a modhelpers.Pool, which queues
// them on an SRCU domain in one of its fields. The Exit does not drain the
// pool.
package pool

import (
	"os"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conn struct{ f *os.File }

func (c *conn) close() { c.f.Close() }

var retirer modhelpers.Pool

func Drop(c *conn) { retirer.Retire(c.close) }

func exit() {} // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on the SRCU domain in field Pool\.dom \(at pool\.go:\d+\): they could run after the module is gone; stop queueing them, then call Barrier\(\) on field Pool\.dom before Exit returns$`

var Module = &rcuapi.Module{Name: "conns", Exit: exit}
