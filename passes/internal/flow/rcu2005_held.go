package flow

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// checkHeld records a Protected-style call whose lock (held) is known to
// this function, which locks it elsewhere, but is not held here.
func (w *walker) checkHeld(held ssa.Value, by string, pos token.Pos, state []tstate) {
	g := w.g
	r, read := lockRef(held)
	if !r.known() {
		return
	}
	if g.tryLocked[r] {
		return // a TryLock decides at run time: precision first
	}
	write, okW := g.lockOf[lockKey{r, false}]
	rd, okR := g.lockOf[lockKey{r, true}]
	if !okW && !okR {
		// A struct that embeds its mutex, named as the lock itself.
		for _, emb := range []string{"Mutex", "RWMutex"} {
			if t, ok := g.lockOf[lockKey{r.field(emb), false}]; ok {
				write, okW = t, true
			}
		}
	}
	heldW := okW && state[write].st != ended
	heldR := okR && state[rd].st != ended
	switch {
	case !read && !okW, read && !okW && !okR:
		return // never taken here: the caller may hold it
	case heldW || heldR:
		return // held (or held on some path), for writing or for reading
	}
	var name string
	if okW {
		name = g.toks[write].lock
	} else {
		name = g.toks[rd].lock
	}
	w.report(protectedUnheld, -1, pos, func(section) string {
		return fmt.Sprintf("%s names %s, which is not held here (this function takes it elsewhere): hold the lock across the call, as the update side must", by, name)
	})
}
