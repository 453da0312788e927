// Package recursive queues and stores closures that call themselves: the
// closure is stored into the cell it captures, which the engine must
// follow without going round for ever. A stdlib package with such a
// closure once overflowed the engine's stack.
package recursive

import "github.com/rcuvet/rcuvet/rcuapi"

type walker struct {
	visit func(n int)
}

func newWalker() *walker {
	w := &walker{}
	var visit func(n int)
	visit = func(n int) {
		if n > 0 {
			visit(n - 1)
		}
	}
	w.visit = visit
	return w
}

func repost(d *rcuapi.SRCU) {
	var again func()
	again = func() {
		d.Call(again)
	}
	d.Call(again)
}

var stored []func()

func keep() {
	var f func()
	f = func() { stored = append(stored, f) }
	stored = append(stored, f)
}

func exit() {
	rcuapi.Barrier()
}

var Module = &rcuapi.Module{Name: "recursive", Exit: exit}
