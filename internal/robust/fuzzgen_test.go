package robust

import (
	"fmt"
	"slices"
	"strings"
)

// The fuzzed programs: a package with a few functions whose bodies are
// statements from a small grammar of RCU operations, chosen by the bytes of
// the fuzz input. Every program type-checks: the variables the statements
// use are declared at the top of each function, and every statement is
// valid wherever the grammar puts it. Most programs misuse the API; the
// engine may report whatever it finds but must not fail, panic or hang.

const fuzzPrelude = `// Code written by FuzzEngine's generator, not by a tool.

package fuzz

import (
	"iter"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	port  int
	name  string
	peers []string
	next  *config
}

type route struct {
	prefix string
	hops   int
}

type holder struct {
	s   rcuapi.Section
	c   *config
	mod *rcuapi.Module
}

// state is a local variable with parts, kept in memory by go/ssa.
type state struct {
	items  []*config
	cur    *config
	secs   []rcuapi.Section
	sec    rcuapi.Section
	byName map[string]*config
}

func keepState(st *state) { sink += len(st.items) }

type box[T any] struct {
	mu sync.Mutex
	p  rcuapi.Pointer[T]
}

var (
	cfg    rcuapi.Pointer[config] // classic RCU
	routes rcuapi.List[route]     // classic RCU
	dom    rcuapi.SRCU
	dom2   = rcuapi.NewSRCU("dom2")
	mu     sync.Mutex
	rw     sync.RWMutex
	sink   int
	keep   *config
	ch     = make(chan *config, 1)
	boxed  box[config]
	mod    = &rcuapi.Module{Name: "fuzz"}
)

func begin() rcuapi.Section               { return rcuapi.ReadLock() }
func end(s rcuapi.Section)                { rcuapi.ReadUnlock(s) }
func get(s rcuapi.Section) *config        { return cfg.Dereference(s) }
func port(s rcuapi.Section) int           { return cfg.Dereference(s).port }
func pass(s rcuapi.Section) rcuapi.Section { return s }

func seq(s rcuapi.Section) iter.Seq[*route] {
	return func(yield func(*route) bool) {
		for e := range routes.All(s) {
			if !yield(&e.Value) {
				return
			}
		}
	}
}

func pairs(s rcuapi.Section) iter.Seq2[int, *config] {
	return func(yield func(int, *config) bool) {
		c := cfg.Dereference(s)
		for i := 0; c != nil; i++ {
			if !yield(i, c) {
				return
			}
			c = c.next
		}
	}
}

func (b *box[T]) load(s rcuapi.Section) *T { return b.p.Dereference(s) }

var _ = seq
`

// fuzzVars is how many Section and *config variables each function has.
const fuzzVars = 3

// fuzzFuncs is how many functions a program has.
const fuzzFuncs = 3

// gen generates a program from the bytes of a fuzz input.
type gen struct {
	in    []byte
	b     strings.Builder
	stmts int // statements written so far
	names int // closure names used so far
	kinds [fuzzFuncs]int
}

// next returns the next byte of the input, or 0 once it is used up.
func (g *gen) next() int {
	if len(g.in) == 0 {
		return 0
	}
	c := g.in[0]
	g.in = g.in[1:]
	return int(c)
}

func (g *gen) pick(n int) int { return g.next() % n }

func (g *gen) line(depth int, format string, args ...any) {
	g.b.WriteString(strings.Repeat("\t", depth))
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

// generate returns the source of a program for input in, and whether the
// program is correct by construction (the first byte of the input chooses):
// the analyzers must then report nothing.
func generate(in []byte) (src string, correct bool) {
	g := &gen{in: in}
	correct = g.next()%2 == 1
	g.b.WriteString(fuzzPrelude)
	for i := range fuzzFuncs {
		g.kinds[i] = g.pick(4)
	}
	for i := range fuzzFuncs {
		if correct {
			g.correctFunction(i)
		} else {
			g.function(i)
		}
	}
	return g.b.String(), correct
}

// function writes function i: a plain function, a generic one, a method
// of a plain type or of a generic type.
func (g *gen) function(i int) {
	g.b.WriteByte('\n')
	const params = "(n int, s0 rcuapi.Section, p0 *config) (r int)"
	switch g.kinds[i] {
	case 0:
		g.line(0, "func f%d%s {", i, params)
	case 1:
		g.line(0, "func f%d[T any]%s {", i, params)
	case 2:
		g.line(0, "func (h *holder) f%d%s {", i, params)
	case 3:
		g.line(0, "func (b *box[T]) f%d%s {", i, params)
	}
	var s, p []string
	for k := 1; k <= fuzzVars; k++ {
		s = append(s, fmt.Sprintf("s%d", k))
		p = append(p, fmt.Sprintf("p%d", k))
	}
	g.line(1, "var %s rcuapi.Section", strings.Join(s, ", "))
	g.line(1, "var %s *config", strings.Join(p, ", "))
	g.line(1, "var st state")
	g.line(1, "%s = %s, %s, st", strings.Repeat("_, ", 2*fuzzVars)+"_", strings.Join(s, ", "), strings.Join(p, ", "))
	g.block(1, 0, false)
	g.line(1, "return")
	g.line(0, "}")
}

// block writes statements at depth until the input says to stop.
// loops is how many loops enclose it in this function (break and continue
// are valid inside one); inClosure is whether it is a closure's body,
// where return leaves the closure.
func (g *gen) block(depth, loops int, inClosure bool) {
	for g.stmts < 300 {
		c := g.next()
		if c == 0 || depth > 7 && c%2 == 0 {
			return
		}
		g.stmts++
		g.stmt(c, depth, loops, inClosure)
	}
}

func (g *gen) sec() string { return fmt.Sprintf("s%d", g.pick(fuzzVars+1)) }
func (g *gen) ptr() string { return fmt.Sprintf("p%d", g.pick(fuzzVars+1)) }
func (g *gen) lhsSec() string {
	return fmt.Sprintf("s%d", 1+g.pick(fuzzVars))
}
func (g *gen) lhsPtr() string {
	return fmt.Sprintf("p%d", 1+g.pick(fuzzVars))
}

// call returns a call of one of the program's functions.
func (g *gen) call() string {
	i := g.pick(fuzzFuncs)
	args := fmt.Sprintf("(n-1, %s, %s)", g.sec(), g.ptr())
	switch g.kinds[i] {
	case 1:
		return fmt.Sprintf("f%d[int]%s", i, args)
	case 2:
		return fmt.Sprintf("new(holder).f%d%s", i, args)
	case 3:
		return fmt.Sprintf("boxed.f%d%s", i, args)
	}
	return fmt.Sprintf("f%d%s", i, args)
}

// stmt writes one statement of kind c.
func (g *gen) stmt(c, depth, loops int, inClosure bool) {
	in := depth
	switch c % 40 {
	case 0, 1: // begin a section
		switch g.pick(5) {
		case 0:
			g.line(in, "%s = rcuapi.ReadLock()", g.lhsSec())
		case 1:
			g.line(in, "%s = dom.ReadLock()", g.lhsSec())
		case 2:
			g.line(in, "%s = dom2.ReadLock()", g.lhsSec())
		case 3:
			g.line(in, "%s = begin()", g.lhsSec())
		case 4:
			g.line(in, "%s = pass(rcuapi.ReadLock())", g.lhsSec())
		}
	case 2, 3: // end a section
		switch g.pick(6) {
		case 0, 1:
			g.line(in, "rcuapi.ReadUnlock(%s)", g.sec())
		case 2:
			g.line(in, "dom.ReadUnlock(%s)", g.sec())
		case 3:
			g.line(in, "dom2.ReadUnlock(%s)", g.sec())
		case 4:
			g.line(in, "end(%s)", g.sec())
		case 5:
			g.line(in, "defer rcuapi.ReadUnlock(%s)", g.sec())
		}
	case 4, 5: // dereference
		switch g.pick(8) {
		case 0, 1:
			g.line(in, "%s = cfg.Dereference(%s)", g.lhsPtr(), g.sec())
		case 2:
			g.line(in, "%s = get(%s)", g.lhsPtr(), g.sec())
		case 3:
			g.line(in, "r += port(%s)", g.sec())
		case 4:
			g.line(in, "%s = cfg.Access()", g.lhsPtr())
		case 5:
			g.line(in, "%s = cfg.Protected(&mu)", g.lhsPtr())
		case 6:
			g.line(in, "%s = boxed.load(%s)", g.lhsPtr(), g.sec())
		case 7:
			g.line(in, "if %s != nil {", g.ptr())
			g.line(in+1, "%s = %s.next", g.lhsPtr(), g.ptr())
			g.line(in, "}")
		}
	case 6, 7, 8: // use a pointer
		p := g.ptr()
		g.line(in, "if %s != nil {", p)
		switch g.pick(9) {
		case 0, 1:
			g.line(in+1, "r += %s.port", p)
		case 2:
			g.line(in+1, "keep = %s", p)
		case 3:
			g.line(in+1, "select {")
			g.line(in+1, "case ch <- %s:", p)
			g.line(in+1, "default:")
			g.line(in+1, "}")
		case 4:
			g.line(in+1, "r += len(%s.peers) + len(%s.name)", p, p)
		case 5:
			g.line(in+1, "%s.port = n", p)
		case 6:
			g.line(in+1, "r += *&%s.port", p)
		case 7:
			g.line(in+1, "x := *%s", p)
			g.line(in+1, "r += x.port")
		case 8:
			g.line(in+1, "h := holder{c: %s}", p)
			g.line(in+1, "r += h.c.port")
		}
		g.line(in, "}")
	case 9, 10: // branch
		g.line(in, "if n > %d {", g.pick(8))
		g.block(depth+1, loops, inClosure)
		if g.pick(2) == 0 {
			g.line(in, "} else {")
			g.block(depth+1, loops, inClosure)
		}
		g.line(in, "}")
	case 11: // switch
		g.line(in, "switch n %% 3 {")
		for k := range 2 {
			g.line(in, "case %d:", k)
			g.block(depth+1, loops, inClosure)
		}
		g.line(in, "default:")
		g.block(depth+1, loops, inClosure)
		g.line(in, "}")
	case 12, 13: // loop
		switch g.pick(3) {
		case 0:
			g.line(in, "for i := 0; i < n; i++ {")
		case 1:
			g.line(in, "for range n {")
		case 2:
			g.line(in, "for n > 0 {")
		}
		g.block(depth+1, loops+1, inClosure)
		g.line(in, "}")
	case 14, 15: // range-over-func
		switch g.pick(4) {
		case 0:
			g.line(in, "for e := range routes.All(%s) {", g.sec())
			g.line(in+1, "r += e.Value.hops")
		case 1:
			g.line(in, "for rt := range seq(%s) {", g.sec())
			g.line(in+1, "r += rt.hops")
		case 2:
			g.line(in, "for k, c := range pairs(%s) {", g.sec())
			g.line(in+1, "r += k + c.port")
			g.line(in+1, "%s = c", g.lhsPtr())
		case 3:
			g.line(in, "for m := range rcuapi.Modules(%s) {", g.sec())
			g.line(in+1, "r += len(m.Name)")
		}
		g.block(depth+1, loops+1, inClosure) // return in the body returns from the function
		g.line(in, "}")
	case 16: // break or continue
		if loops > 0 {
			if g.pick(2) == 0 {
				g.line(in, "if n == %d {", g.pick(8))
				g.line(in+1, "break")
				g.line(in, "}")
			} else {
				g.line(in, "if n == %d {", g.pick(8))
				g.line(in+1, "continue")
				g.line(in, "}")
			}
		}
	case 17, 18: // a closure called in place, or twice
		if g.pick(2) == 0 {
			g.line(in, "func() {")
			g.block(depth+1, 0, true)
			g.line(in, "}()")
		} else {
			g.names++
			name := fmt.Sprintf("fn%d", g.names)
			g.line(in, "%s := func() {", name)
			g.block(depth+1, 0, true)
			g.line(in, "}")
			g.line(in, "%s()", name)
			g.line(in, "%s()", name)
		}
	case 19: // a deferred closure
		g.line(in, "defer func() {")
		g.block(depth+1, 0, true)
		g.line(in, "}()")
	case 20: // a goroutine
		if g.pick(2) == 0 {
			g.line(in, "go func() {")
			g.block(depth+1, 0, true)
			g.line(in, "}()")
		} else {
			g.line(in, "go func(s rcuapi.Section, c *config) {")
			g.line(in+1, "_, _ = s, c")
			g.line(in+1, "if c != nil {")
			g.line(in+2, "sink = c.port + port(s)")
			g.line(in+1, "}")
			g.line(in, "}(%s, %s)", g.sec(), g.ptr())
		}
	case 21: // return
		if inClosure {
			g.line(in, "if n == %d {", g.pick(8))
			g.line(in+1, "return")
			g.line(in, "}")
		} else {
			g.line(in, "if n == %d {", g.pick(8))
			g.line(in+1, "return %s", []string{"r", "0", "port(" + g.sec() + ")"}[g.pick(3)])
			g.line(in, "}")
		}
	case 22: // panic
		g.line(in, "if n < -%d {", g.pick(8))
		g.line(in+1, "panic(\"fuzz\")")
		g.line(in, "}")
	case 23: // call another function of the program
		g.line(in, "r += %s", g.call())
	case 24: // the update side
		switch g.pick(5) {
		case 0:
			g.line(in, "mu.Lock()")
			g.line(in, "%s = cfg.Replace(&config{port: n}, &mu)", g.lhsPtr())
			g.line(in, "mu.Unlock()")
		case 1:
			g.line(in, "rcuapi.Synchronize()")
		case 2:
			g.line(in, "cfg.Assign(%s)", g.ptr())
		case 3:
			g.line(in, "mu.Lock()")
			g.line(in, "routes.PushBack(route{hops: n})")
			g.line(in, "mu.Unlock()")
		case 4:
			g.line(in, "dom.Synchronize()")
		}
	case 25: // callbacks
		switch g.pick(4) {
		case 0:
			g.line(in, "rcuapi.Call(func() {")
			g.block(depth+1, 0, true)
			g.line(in, "})")
		case 1:
			g.line(in, "rcuapi.Barrier()")
		case 2:
			g.line(in, "dom.Call(func() { sink++ })")
		case 3:
			g.line(in, "rcuapi.SynchronizeExpedited()")
		}
	case 26: // locks
		switch g.pick(4) {
		case 0:
			g.line(in, "mu.Lock()")
		case 1:
			g.line(in, "mu.Unlock()")
		case 2:
			g.line(in, "rw.RLock()")
		case 3:
			g.line(in, "rw.RUnlock()")
		}
	case 27: // sections and pointers through memory
		switch g.pick(4) {
		case 0:
			g.line(in, "{")
			g.line(in+1, "h := &holder{s: %s}", g.sec())
			g.line(in+1, "%s = h.s", g.lhsSec())
			g.line(in, "}")
		case 1:
			g.line(in, "{")
			g.line(in+1, "all := []*config{%s, %s}", g.ptr(), g.ptr())
			g.line(in+1, "%s = all[n%%2]", g.lhsPtr())
			g.line(in, "}")
		case 2:
			g.line(in, "{")
			g.line(in+1, "m := map[string]*config{\"a\": %s}", g.ptr())
			g.line(in+1, "%s = m[\"a\"]", g.lhsPtr())
			g.line(in, "}")
		case 3:
			g.line(in, "%s, %s = %s, %s", g.lhsSec(), g.lhsSec(), g.sec(), g.sec())
		}
	case 28: // modules
		switch g.pick(3) {
		case 0:
			g.line(in, "if mod.TryGet() {")
			g.line(in+1, "defer mod.Put()")
			g.line(in, "}")
		case 1:
			g.line(in, "_ = rcuapi.Unload(mod)")
		case 2:
			g.line(in, "_ = dom2.Cleanup()")
		}
	case 29: // a labeled loop
		g.names++
		label := fmt.Sprintf("l%d", g.names)
		g.line(in, "%s:", label)
		g.line(in, "for i := 0; i < n; i++ {")
		g.block(depth+1, loops+1, inClosure)
		g.line(in+1, "if i == %d {", g.pick(8))
		g.line(in+2, "continue %s", label)
		g.line(in+1, "}")
		g.line(in+1, "break %s", label)
		g.line(in, "}")
	case 30, 31: // a local variable with parts
		switch g.pick(12) {
		case 0:
			g.line(in, "st.items = append(st.items, %s)", g.ptr())
		case 1:
			g.line(in, "if len(st.items) > 0 {")
			g.line(in+1, "st.cur = st.items[0]")
			g.line(in, "}")
		case 2:
			g.line(in, "%s = st.cur", g.lhsPtr())
		case 3:
			g.line(in, "st.secs = append(st.secs, %s)", g.sec())
		case 4:
			g.line(in, "if len(st.secs) > 0 {")
			g.line(in+1, "%s = st.secs[len(st.secs)-1]", g.lhsSec())
			g.line(in+1, "st.secs = st.secs[:len(st.secs)-1]")
			g.line(in, "}")
		case 5:
			g.line(in, "st.byName = map[string]*config{}")
		case 6:
			g.line(in, "if st.byName != nil {")
			g.line(in+1, "st.byName[\"k\"] = %s", g.ptr())
			g.line(in, "}")
		case 7:
			g.line(in, "%s = st.byName[\"k\"]", g.lhsPtr())
		case 8:
			g.line(in, "st.sec = %s", g.sec())
		case 9:
			g.line(in, "%s = st.sec", g.lhsSec())
		case 10:
			g.line(in, "keepState(&st)")
		case 11:
			g.line(in, "st = state{cur: %s, sec: %s}", g.ptr(), g.sec())
		}
	default: // plain code between RCU operations
		g.line(in, "r += n * %d", g.pick(100))
	}
}

// The correct grammar: every section is begun and ended in one block (or
// ended by a defer in the closure that begins it), protected data is used
// inside its section only, early exits end every open section first, no
// classic reader blocks, and the update side holds its lock. It leaves out
// the shapes that tests elsewhere in this package show the engine gets
// wrong today (writes to a local slice of protected pointers: package
// parts of TestGenerated), so that fuzzing looks for new ones.

// An open section of the function being written: its variable, and the
// call that ends it.
type openSection struct{ name, end string }

func (g *gen) correctFunction(i int) {
	g.b.WriteByte('\n')
	const params = "(n int) (r int)"
	switch g.kinds[i] {
	case 0:
		g.line(0, "func c%d%s {", i, params)
	case 1:
		g.line(0, "func c%d[T any]%s {", i, params)
	case 2:
		g.line(0, "func (h *holder) c%d%s {", i, params)
	case 3:
		g.line(0, "func (b *box[T]) c%d%s {", i, params)
	}
	x := cctx{loopOpen: -1}
	if g.pick(3) == 0 {
		// A section for the whole function, ended by a defer.
		g.line(1, "s0 := rcuapi.ReadLock()")
		g.line(1, "defer rcuapi.ReadUnlock(s0)")
		x.live = "s0"
	}
	g.cblock(1, x)
	g.line(1, "return")
	g.line(0, "}")
}

// ccall returns a call of one of the program's correct functions.
func (g *gen) ccall() string {
	i := g.pick(fuzzFuncs)
	switch g.kinds[i] {
	case 1:
		return fmt.Sprintf("c%d[int](n-1)", i)
	case 2:
		return fmt.Sprintf("new(holder).c%d(n-1)", i)
	case 3:
		return fmt.Sprintf("boxed.c%d(n-1)", i)
	}
	return fmt.Sprintf("c%d(n-1)", i)
}

// A cctx says where correct statements go.
type cctx struct {
	live string // a section that is live here ("" if none)
	// The sections this function began and has not yet ended, innermost
	// last, which an early return must end.
	open []openSection
	// How many were open where the innermost loop of this function
	// began (-1 outside loops): break and continue must not skip them.
	loopOpen int
	// How many range-over-func loops of this function enclose the
	// statements.
	ranges int
}

// cblock writes correct statements.
func (g *gen) cblock(depth int, x cctx) {
	for g.stmts < 300 {
		c := g.next()
		if c == 0 || depth > 7 && c%2 == 0 {
			return
		}
		g.stmts++
		g.cstmt(c, depth, x)
	}
}

func (g *gen) fresh() string {
	g.names++
	return fmt.Sprintf("s%d", g.names)
}

// earlyExit ends every open section and returns.
func (g *gen) earlyExit(in int, open []openSection) {
	g.line(in, "if n == %d {", g.pick(8))
	for k := len(open) - 1; k >= 0; k-- {
		g.line(in+1, "%s(%s)", open[k].end, open[k].name)
	}
	g.line(in+1, "return")
	g.line(in, "}")
}

func (g *gen) cstmt(c, depth int, x cctx) {
	in := depth
	live, open, loopOpen := x.live, x.open, x.loopOpen
	// with returns x changed by f.
	with := func(f func(*cctx)) cctx {
		y := x
		f(&y)
		return y
	}
	// What any block may hold, in or out of a section.
	switch c % 24 {
	case 0, 1, 2: // a section
		name := g.fresh()
		begin, end := "rcuapi.ReadLock", "rcuapi.ReadUnlock"
		if g.pick(3) == 0 {
			begin, end = "dom.ReadLock", "dom.ReadUnlock"
		}
		g.line(in, "{")
		g.line(in+1, "%s := %s()", name, begin)
		g.cblock(depth+1, with(func(y *cctx) { y.live, y.open = name, append(slices.Clone(open), openSection{name, end}) }))
		g.line(in+1, "%s(%s)", end, name)
		g.line(in, "}")
		return
	case 3: // a section ended by a defer, in a closure called in place
		name := g.fresh()
		g.line(in, "func() {")
		g.line(in+1, "%s := dom.ReadLock()", name)
		g.line(in+1, "defer dom.ReadUnlock(%s)", name)
		g.cblock(depth+1, cctx{live: name, loopOpen: -1})
		g.line(in, "}()")
		return
	case 4: // a branch
		g.line(in, "if n > %d {", g.pick(8))
		g.cblock(depth+1, x)
		if g.pick(2) == 0 {
			g.line(in, "} else {")
			g.cblock(depth+1, x)
		}
		g.line(in, "}")
		return
	case 5: // a loop
		g.line(in, "for i := 0; i < n; i++ {")
		g.cblock(depth+1, with(func(y *cctx) { y.loopOpen = len(open) }))
		g.line(in, "}")
		return
	case 6: // a switch
		g.line(in, "switch n %% 3 {")
		g.line(in, "case 0:")
		g.cblock(depth+1, x)
		g.line(in, "default:")
		g.cblock(depth+1, x)
		g.line(in, "}")
		return
	case 7: // an early return that ends what is open
		// Not from a range-over-func loop in another: the engine takes
		// the section for open (testdata/bad/rangefunc's NestedUnlock).
		if len(open) == 0 || x.ranges < 2 {
			g.earlyExit(in, open)
		}
		return
	case 8: // break or continue
		if loopOpen >= 0 && loopOpen == len(open) {
			g.line(in, "if n == %d {", g.pick(8))
			g.line(in+1, "%s", []string{"break", "continue"}[g.pick(2)])
			g.line(in, "}")
		}
		return
	case 9: // a closure called in place: a function of its own
		g.line(in, "func() {")
		g.cblock(depth+1, cctx{live: live, loopOpen: -1})
		g.line(in, "}()")
		return
	case 10: // a call of another function of the program, which may block
		if live == "" {
			g.line(in, "r += %s", g.ccall())
		}
		return
	case 11: // a section ended and begun again in each iteration
		name := g.fresh()
		g.line(in, "{")
		g.line(in+1, "%s := rcuapi.ReadLock()", name)
		g.line(in+1, "for j := 0; j < n; j++ {")
		g.line(in+2, "r += port(%s)", name)
		g.line(in+2, "rcuapi.ReadUnlock(%s)", name)
		g.line(in+2, "%s = rcuapi.ReadLock()", name)
		g.line(in+1, "}")
		g.line(in+1, "rcuapi.ReadUnlock(%s)", name)
		g.line(in, "}")
		return
	case 12: // a goroutine with a section of its own
		g.line(in, "go func() {")
		g.line(in+1, "s := rcuapi.ReadLock()")
		g.line(in+1, "defer rcuapi.ReadUnlock(s)")
		g.line(in+1, "sink += port(s)")
		g.line(in, "}()")
		return
	}
	if live == "" {
		// Outside any section.
		switch c % 24 {
		case 13: // the update side
			g.line(in, "mu.Lock()")
			if g.pick(2) == 0 {
				g.line(in, "cfg.Replace(&config{port: n}, &mu)")
			} else {
				g.line(in, "routes.PushBack(route{hops: n})")
			}
			g.line(in, "mu.Unlock()")
		case 14: // waiting for readers
			g.line(in, "%s", []string{"rcuapi.Synchronize()", "dom.Synchronize()", "rcuapi.Barrier()"}[g.pick(3)])
		case 15: // a callback with a section of its own
			g.line(in, "rcuapi.Call(func() {")
			g.line(in+1, "s := rcuapi.ReadLock()")
			g.line(in+1, "sink += port(s)")
			g.line(in+1, "rcuapi.ReadUnlock(s)")
			g.line(in, "})")
		case 16: // a module reference
			g.line(in, "if mod.TryGet() {")
			g.line(in+1, "sink += len(mod.Name)")
			g.line(in+1, "mod.Put()")
			g.line(in, "}")
		default:
			g.line(in, "r += n * %d", g.pick(100))
		}
		return
	}
	// Inside section live.
	switch c % 24 {
	case 13, 14:
		g.line(in, "if p := cfg.Dereference(%s); p != nil {", live)
		g.line(in+1, "r += p.port + len(p.peers)")
		g.line(in, "}")
	case 15:
		g.line(in, "for e := range routes.All(%s) {", live)
		g.line(in+1, "r += e.Value.hops")
		g.cblock(depth+1, with(func(y *cctx) { y.loopOpen, y.ranges = len(open), y.ranges+1 }))
		g.line(in, "}")
	case 16:
		g.line(in, "for k, c := range pairs(%s) {", live)
		g.line(in+1, "r += k + c.port")
		g.cblock(depth+1, with(func(y *cctx) { y.loopOpen, y.ranges = len(open), y.ranges+1 }))
		g.line(in, "}")
	case 17:
		g.line(in, "r += port(%s)", live)
	case 18:
		g.line(in, "if c := get(%s); c != nil {", live)
		g.line(in+1, "x := *c")
		g.line(in+1, "r += x.port")
		g.line(in, "}")
	case 19:
		g.line(in, "if c := boxed.load(%s); c != nil {", live)
		g.line(in+1, "r += c.port")
		g.line(in, "}")
	case 20:
		g.line(in, "for m := range rcuapi.Modules(%s) {", live)
		g.line(in+1, "if m.TryGet() {")
		g.line(in+2, "r += len(m.Name)")
		g.line(in+2, "m.Put()")
		g.line(in+1, "}")
		g.line(in, "}")
	case 21:
		g.line(in, "if c := cfg.Dereference(%s); c != nil && c.next != nil {", live)
		g.line(in+1, "r += c.next.port")
		g.line(in, "}")
	default:
		g.line(in, "r += n * %d", g.pick(100))
	}
}
