// Package pool retires its objects through a modhelpers.Pool and drains
// the pool in its Exit: the Pool's Drain waits on the domain its Retire
// queues on.
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

func exit() { retirer.Drain() }

var Module = &rcuapi.Module{Name: "conns", Exit: exit}
