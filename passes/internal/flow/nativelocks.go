package flow

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Locks held for the RCU7xxx checks: which mutexes are surely held, for
// writing, at an instruction, in its function or by every caller of it in
// the package. A lock is named by its ref (refOf the mutex): c.mu in a
// method is the receiver's, mu a package variable's. Read locks do not
// count: two goroutines hold one at once, so it excludes no other updater.

type nativeLocks struct {
	e       *engine
	held    map[ssa.Instruction][]ref // locks held just before each instruction
	callers map[*ssa.Function][]*ssa.Call
	taken   map[*ssa.Function]bool   // used as a value: callers unknown
	inherit map[*ssa.Function]*[]ref // memo of inherited; nil entry while computing
}

func newNativeLocks(e *engine, funcs []*ssa.Function) *nativeLocks {
	l := &nativeLocks{
		e:       e,
		held:    make(map[ssa.Instruction][]ref),
		callers: make(map[*ssa.Function][]*ssa.Call),
		taken:   make(map[*ssa.Function]bool),
		inherit: make(map[*ssa.Function]*[]ref),
	}
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if c, ok := instr.(*ssa.Call); ok {
				if callee := c.Common().StaticCallee(); callee != nil && c.Common().Value == callee {
					l.callers[callee] = append(l.callers[callee], c)
				}
			}
			var ops [8]*ssa.Value
			for i, op := range instr.Operands(ops[:0]) {
				if op == nil || *op == nil {
					continue
				}
				if f, ok := (*op).(*ssa.Function); ok {
					if c, isCall := instr.(*ssa.Call); isCall && i == 0 && c.Common().Value == f {
						continue // called, not taken
					}
					l.taken[f] = true
				}
			}
		}
	}
	return l
}

// nativeLockOp says whether call c locks or unlocks a mutex for writing, and
// which.
func nativeLockOp(c *ssa.CallCommon) (r ref, lock, ok bool) {
	fn := c.StaticCallee()
	if fn == nil || len(c.Args) == 0 {
		return ref{}, false, false
	}
	switch methodName(c) {
	case "sync.Mutex.Lock", "sync.RWMutex.Lock":
		lock = true
	case "sync.Mutex.Unlock", "sync.RWMutex.Unlock":
	default:
		return ref{}, false, false
	}
	r = lockedRef(c.Args[0])
	return r, lock, r.known()
}

// at returns the locks held for writing just before instr: those its
// function holds there, and those every caller holds at every call.
func (l *nativeLocks) at(instr ssa.Instruction) []ref {
	fn := instr.Parent()
	l.solve(fn)
	out := slices.Clone(l.held[instr])
	for _, r := range l.inherited(fn, 0) {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// unknown reports whether fn's callers cannot all be seen: it is
// exported, used as a value, or named ...Locked (its callers hold a lock
// it does not name).
func (l *nativeLocks) unknown(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return l.taken[fn] || strings.HasSuffix(fn.Name(), "Locked")
}

// inherited returns the locks every caller of fn in the package holds at
// every call of it, if fn is unexported and never used as a value.
func (l *nativeLocks) inherited(fn *ssa.Function, depth int) []ref {
	if fn.Parent() != nil || depth > 8 {
		return nil // a closure runs where it is called: not followed
	}
	if m, ok := l.inherit[fn]; ok {
		if m == nil {
			return nil // recursion
		}
		return *m
	}
	l.inherit[fn] = nil
	var out []ref
	obj, _ := fn.Object().(*types.Func)
	calls := l.callers[fn]
	if obj != nil && !obj.Exported() && !l.taken[fn] && len(calls) > 0 {
		for k, c := range calls {
			l.solve(c.Parent())
			at := slices.Clone(l.held[c])
			for _, r := range l.inherited(c.Parent(), depth+1) {
				if !slices.Contains(at, r) {
					at = append(at, r)
				}
			}
			// Map the caller's names of its parameters' locks onto ours
			// is not attempted: locks of package variables and of the
			// same receiver name travel as they are.
			if k == 0 {
				out = at
				continue
			}
			out = slices.DeleteFunc(out, func(r ref) bool { return !slices.Contains(at, r) })
		}
	}
	l.inherit[fn] = &out
	return out
}

// solve computes the locks held before each instruction of fn, once.
func (l *nativeLocks) solve(fn *ssa.Function) {
	if len(fn.Blocks) == 0 {
		return
	}
	if _, ok := l.held[fn.Blocks[0].Instrs[0]]; ok {
		return
	}
	step := func(b *ssa.BasicBlock, s []ref) []ref {
		s = slices.Clone(s)
		for _, instr := range b.Instrs {
			l.held[instr] = slices.Clone(s)
			c, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			r, lock, ok := nativeLockOp(c.Common())
			if !ok {
				continue
			}
			if lock && !slices.Contains(s, r) {
				s = append(s, r)
			} else if !lock {
				s = slices.DeleteFunc(s, func(x ref) bool { return x == r })
			}
		}
		return s
	}
	join := func(dst *[]ref, src []ref) bool {
		n := len(*dst)
		*dst = slices.DeleteFunc(*dst, func(r ref) bool { return !slices.Contains(src, r) })
		return len(*dst) != n
	}
	forward(fn, []ref(nil), slices.Clone[[]ref], join, step, func(_, _ *ssa.BasicBlock, out []ref) []ref { return out })
}
