package robust

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// The declarations every generated package of this file starts with.
const bigPrelude = `import (
	"iter"
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	port  int
	name  string
	peers []string
}

type route struct {
	prefix string
	hops   int
}

var (
	cfg    rcuapi.Pointer[config] // classic RCU
	routes rcuapi.List[route]     // classic RCU
	dom    rcuapi.SRCU
	scfg   rcuapi.Pointer[config] // SRCU dom
	other  rcuapi.SRCU
	sink   int
	mu     sync.Mutex // serialises updaters of cfg
)

// pairs is a user iterator over the routes.
func pairs(s rcuapi.Section) iter.Seq2[int, *route] {
	return func(yield func(int, *route) bool) {
		i := 0
		for e := range routes.All(s) {
			if !yield(i, &e.Value) {
				return
			}
			i++
		}
	}
}

// port dereferences under the Section it is given.
func port(s rcuapi.Section) int { return cfg.Dereference(s).port }

var _ = slices.Clone[[]string]
`

// bigFunc writes package big: one function of about lines lines that
// mixes every shape the engine follows, with two switches of cases cases.
// It is correct code but for the bugs planted at its top (among the first
// of the engine's 64 slots, so they must be reported) and two more at its
// bottom (past the budget), which are returned separately as late: README
// says those are not reported.
func bigFunc(lines, cases int) (s *src, late []want) {
	s = &src{file: "big/big.go"}
	s.p("// Package big has one function of %d lines.", lines)
	s.p("package big")
	s.p("")
	s.p("%s", strings.TrimSuffix(bigPrelude, "\n"))
	s.p("")
	s.p("// Big is generated.")
	s.p("func Big(n int, xs []int, flag bool) int {")
	s.p("\ttotal := 0")
	s.p("\touter := dom.ReadLock()")
	s.p("\tdefer dom.ReadUnlock(outer)")
	s.p("\ttotal += scfg.Dereference(outer).port")

	// The planted bugs, one per check, among the first sections.
	s.p("\t{")
	s.p("\t\ts := rcuapi.ReadLock()")
	s.p("\t\trcuapi.ReadUnlock(s)")
	s.bug("RCU1001", "\t\ttotal += cfg.Dereference(s).port")
	s.p("\t}")
	s.p("\t{")
	s.p("\t\ts := rcuapi.ReadLock()")
	s.p("\t\tc := cfg.Dereference(s)")
	s.p("\t\trcuapi.ReadUnlock(s)")
	s.bug("RCU1002", "\t\ttotal += c.port")
	s.p("\t}")
	s.p("\t{")
	s.p("\t\ts := dom.ReadLock()")
	s.p("\t\ttotal += scfg.Dereference(s).port")
	s.bug("RCU1004", "\t\tother.ReadUnlock(s)")
	s.p("\t}")
	s.bug("RCU1007", "\ttotal += cfg.Access().port")
	s.p("\t{")
	s.p("\t\ts := rcuapi.ReadLock()")
	s.p("\t\tif n == 12345 {")
	s.bug("RCU1003", "\t\t\treturn total")
	s.p("\t\t}")
	s.p("\t\trcuapi.ReadUnlock(s)")
	s.p("\t}")
	s.p("\t{")
	s.p("\t\ts := rcuapi.ReadLock()")
	s.p("\t\trcuapi.ReadUnlock(s)")
	s.bug("RCU1003", "\t\trcuapi.ReadUnlock(s)")
	s.p("\t}")

	// Correct code, up to the huge switches and then to the end.
	i := 0
	body := func(until int) {
		for ; s.lines < until; i++ {
			segment(s, i)
		}
	}
	body(lines / 3)
	hugeSwitchOneSection(s, cases)
	body(lines / 2)
	hugeSwitchSections(s, cases)
	body(lines - 40)
	// Bugs past the token budget.
	start := len(s.wants)
	s.p("\t{")
	s.p("\t\ts := rcuapi.ReadLock()")
	s.p("\t\trcuapi.ReadUnlock(s)")
	s.bug("RCU1001", "\t\ttotal += cfg.Dereference(s).port")
	s.p("\t}")
	s.p("\t{")
	s.p("\t\ts := rcuapi.ReadLock()")
	s.p("\t\tc := cfg.Dereference(s)")
	s.p("\t\trcuapi.ReadUnlock(s)")
	s.bug("RCU1002", "\t\ttotal += c.port")
	s.p("\t}")
	late = s.wants[start:]
	s.wants = s.wants[:start]
	s.p("\treturn total")
	s.p("}")
	return s, late
}

// segment writes the i'th piece of correct code of Big, a few lines of
// one of 22 kinds. Big holds an SRCU section throughout, in which it may
// block.
func segment(s *src, i int) {
	switch i % 22 {
	case 0: // a plain section
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tc := cfg.Dereference(s)")
		s.p("\t\ttotal += c.port + len(c.name) + %d", i)
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 1: // nested ifs in a section
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tif n > %d {", i)
		s.p("\t\t\tif c := cfg.Dereference(s); c != nil {")
		s.p("\t\t\t\tif len(c.peers) > %d {", i%7)
		s.p("\t\t\t\t\ttotal += len(c.peers[0])")
		s.p("\t\t\t\t} else if flag {")
		s.p("\t\t\t\t\ttotal -= c.port")
		s.p("\t\t\t\t}")
		s.p("\t\t\t} else {")
		s.p("\t\t\t\ttotal--")
		s.p("\t\t\t}")
		s.p("\t\t}")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 2: // a section per iteration
		s.p("\tfor j := 0; j < n%%%d; j++ {", i+3)
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\ttotal += cfg.Dereference(s).port * j")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 3: // range-over-func over List.All, with break and continue
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tfor e := range routes.All(s) {")
		s.p("\t\t\tif e.Value.hops > %d {", i)
		s.p("\t\t\t\tbreak")
		s.p("\t\t\t}")
		s.p("\t\t\tif e.Value.prefix == \"\" {")
		s.p("\t\t\t\tcontinue")
		s.p("\t\t\t}")
		s.p("\t\t\ttotal += e.Value.hops")
		s.p("\t\t}")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 4: // a closure called in place
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tfunc() {")
		s.p("\t\t\ttotal += cfg.Dereference(s).port + %d", i)
		s.p("\t\t}()")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 5: // an SRCU section
		s.p("\t{")
		s.p("\t\ts := dom.ReadLock()")
		s.p("\t\ttotal += scfg.Dereference(s).port")
		s.p("\t\tdom.ReadUnlock(s)")
		s.p("\t}")
	case 6: // copy out, use after
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tc := cfg.Dereference(s)")
		s.p("\t\tp, peers := c.port, slices.Clone(c.peers)")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t\ttotal += p + len(peers)")
		s.p("\t}")
	case 7: // a user iter.Seq2
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tfor k, r := range pairs(s) {")
		s.p("\t\t\ttotal += k + r.hops")
		s.p("\t\t}")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 8: // a section per element, ended on the continue path too
		s.p("\tfor _, x := range xs {")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tif x < %d {", i)
		s.p("\t\t\trcuapi.ReadUnlock(s)")
		s.p("\t\t\tcontinue")
		s.p("\t\t}")
		s.p("\t\ttotal += x * cfg.Dereference(s).port")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 9: // an early return that ends the section first
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tif n == -%d {", i+1)
		s.p("\t\t\ttotal += cfg.Dereference(s).port")
		s.p("\t\t\trcuapi.ReadUnlock(s)")
		s.p("\t\t\treturn total")
		s.p("\t\t}")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 10: // a labeled loop that ends the section on continue
		s.p("loop%d:", i)
		s.p("\tfor j := 0; j < n; j++ {")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tfor k := 0; k < j; k++ {")
		s.p("\t\t\tif k == %d {", i)
		s.p("\t\t\t\trcuapi.ReadUnlock(s)")
		s.p("\t\t\t\tcontinue loop%d", i)
		s.p("\t\t\t}")
		s.p("\t\t\ttotal += cfg.Dereference(s).port")
		s.p("\t\t}")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 11: // the outer section, held throughout
		s.p("\tif c := scfg.Dereference(outer); c.port > %d {", i)
		s.p("\t\ttotal += c.port")
		s.p("\t}")
	case 12: // a phi of protected pointers
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tvar c *config")
		s.p("\t\tif flag {")
		s.p("\t\t\tc = cfg.Dereference(s)")
		s.p("\t\t} else {")
		s.p("\t\t\tc = &config{port: %d}", i)
		s.p("\t\t}")
		s.p("\t\ttotal += c.port")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 13: // a type switch on a protected pointer
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tvar v any = cfg.Dereference(s)")
		s.p("\t\tswitch x := v.(type) {")
		s.p("\t\tcase *config:")
		s.p("\t\t\ttotal += x.port")
		s.p("\t\tcase nil:")
		s.p("\t\t\ttotal++")
		s.p("\t\t}")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 14: // a closure called twice: analysed on its own
		s.p("\t{")
		s.p("\t\tget := func() int {")
		s.p("\t\t\ts := rcuapi.ReadLock()")
		s.p("\t\t\tdefer rcuapi.ReadUnlock(s)")
		s.p("\t\t\treturn cfg.Dereference(s).port + %d", i)
		s.p("\t\t}")
		s.p("\t\ttotal += get() + get()")
		s.p("\t}")
	case 15: // a goroutine with a section of its own
		s.p("\tgo func(v int) {")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tdefer rcuapi.ReadUnlock(s)")
		s.p("\t\tsink += v + cfg.Dereference(s).port")
		s.p("\t}(%d)", i)
	case 16: // a helper that dereferences under the section it is given
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\ttotal += port(s) * %d", i)
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 17: // a deferred closure with a section of its own
		s.p("\tdefer func() {")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tsink += cfg.Dereference(s).port + %d", i)
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}()")
	case 18: // nested range-over-func
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tfor e := range routes.All(s) {")
		s.p("\t\t\tfor k, r := range pairs(s) {")
		s.p("\t\t\t\tif k > %d {", i)
		s.p("\t\t\t\t\tbreak")
		s.p("\t\t\t\t}")
		s.p("\t\t\t\ttotal += e.Value.hops * r.hops")
		s.p("\t\t\t}")
		s.p("\t\t}")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 19: // a phi of sections from two branches
		s.p("\t{")
		s.p("\t\tvar s rcuapi.Section")
		s.p("\t\tif flag {")
		s.p("\t\t\ts = rcuapi.ReadLock()")
		s.p("\t\t} else {")
		s.p("\t\t\ts = rcuapi.ReadLock()")
		s.p("\t\t}")
		s.p("\t\ttotal += cfg.Dereference(s).port + %d", i)
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 20: // a section ended and begun again in each iteration
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tfor j := 0; j < n%%%d; j++ {", i)
		s.p("\t\t\ttotal += cfg.Dereference(s).port")
		s.p("\t\t\trcuapi.ReadUnlock(s)")
		s.p("\t\t\ts = rcuapi.ReadLock()")
		s.p("\t\t}")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	case 21: // the update side, under its lock
		s.p("\tmu.Lock()")
		s.p("\tif c := cfg.Protected(&mu); c != nil {")
		s.p("\t\ttotal += c.port + %d", i)
		s.p("\t}")
		s.p("\tmu.Unlock()")
	}
}

// hugeSwitchOneSection writes a switch of n cases inside one section, some
// of which end the section and return.
func hugeSwitchOneSection(s *src, n int) {
	s.p("\t{")
	s.p("\t\ts := rcuapi.ReadLock()")
	s.p("\t\tswitch n %% %d {", n+1)
	for k := range n {
		s.p("\t\tcase %d:", k)
		switch k % 5 {
		case 0:
			s.p("\t\t\ttotal += cfg.Dereference(s).port * %d", k)
		case 1:
			s.p("\t\t\tif c := cfg.Dereference(s); c.port > %d {", k)
			s.p("\t\t\t\ttotal += len(c.peers)")
			s.p("\t\t\t}")
		case 2:
			s.p("\t\t\trcuapi.ReadUnlock(s)")
			s.p("\t\t\treturn total + %d", k)
		case 3:
			s.p("\t\t\ttotal += %d", k)
			if k < n-1 {
				s.p("\t\t\tfallthrough")
			}
		case 4:
			s.p("\t\t\tfor e := range routes.All(s) {")
			s.p("\t\t\t\ttotal += e.Value.hops + %d", k)
			s.p("\t\t\t}")
		}
	}
	s.p("\t\tdefault:")
	s.p("\t\t\ttotal += port(s)")
	s.p("\t\t}")
	s.p("\t\trcuapi.ReadUnlock(s)")
	s.p("\t}")
}

// hugeSwitchSections writes a switch of n cases, each with a section of its
// own.
func hugeSwitchSections(s *src, n int) {
	s.p("\tswitch n %% %d {", n+3)
	for k := range n {
		s.p("\tcase %d:", k)
		s.p("\t\ts := rcuapi.ReadLock()")
		if k%3 == 0 {
			s.p("\t\tdefer rcuapi.ReadUnlock(s)")
			s.p("\t\ttotal += cfg.Dereference(s).port + %d", k)
			continue
		}
		s.p("\t\ttotal += cfg.Dereference(s).port + %d", k)
		s.p("\t\trcuapi.ReadUnlock(s)")
	}
	s.p("\t}")
}

// deepNesting writes package deep: n nested ifs, blocks, loops and
// closures around dereferences, with one bug planted at the bottom of the
// nest of ifs and one after it.
func deepNesting(n int) *src {
	s := &src{file: "deep/deep.go"}
	s.p("// Package deep nests statements %d deep.", n)
	s.p("package deep")
	s.p("")
	s.p("%s", strings.TrimSuffix(bigPrelude, "\n"))
	s.p("")

	// n nested ifs, each level dereferencing; the innermost ends the
	// section and begins a new one, correctly.
	s.p("func Ifs(n int) (t int) {")
	s.p("\ts := rcuapi.ReadLock()")
	for k := range n {
		ind := strings.Repeat("\t", k+1)
		s.p("%sif n > %d {", ind, k)
		s.p("%s\tt += cfg.Dereference(s).port", ind)
	}
	ind := strings.Repeat("\t", n+1)
	s.p("%srcuapi.ReadUnlock(s)", ind)
	s.p("%ss = rcuapi.ReadLock()", ind)
	for k := n - 1; k >= 0; k-- {
		s.p("%s}", strings.Repeat("\t", k+1))
	}
	s.p("\tt += cfg.Dereference(s).port")
	s.p("\trcuapi.ReadUnlock(s)")
	s.p("\treturn t")
	s.p("}")
	s.p("")

	// The same with the section ended at the bottom: the dereference
	// after the nest may run after it.
	s.p("func IfsBug(n int) (t int) {")
	s.p("\ts := rcuapi.ReadLock()")
	for k := range n {
		ind := strings.Repeat("\t", k+1)
		s.p("%sif n > %d {", ind, k)
	}
	s.p("%srcuapi.ReadUnlock(s)", strings.Repeat("\t", n+1))
	s.p("%sreturn", strings.Repeat("\t", n+1))
	for k := n - 1; k >= 0; k-- {
		s.p("%s}", strings.Repeat("\t", k+1))
	}
	s.p("\tt += cfg.Dereference(s).port")
	s.p("\tif t < 0 {")
	s.p("\t\trcuapi.ReadUnlock(s)")
	s.p("\t\ts = rcuapi.ReadLock()")
	s.p("\t\trcuapi.ReadUnlock(s)")
	s.bug("RCU1001", "\t\tt += cfg.Dereference(s).port")
	s.p("\t\treturn")
	s.p("\t}")
	s.p("\trcuapi.ReadUnlock(s)")
	s.p("\treturn t")
	s.p("}")
	s.p("")

	// n nested blocks and n/4 nested loops.
	s.p("func Blocks(n int) (t int) {")
	s.p("\ts := rcuapi.ReadLock()")
	for k := range n {
		s.p("%s{", strings.Repeat("\t", k+1))
	}
	s.p("%st += cfg.Dereference(s).port", strings.Repeat("\t", n+1))
	for k := n - 1; k >= 0; k-- {
		s.p("%s}", strings.Repeat("\t", k+1))
	}
	loops := n / 4
	for k := range loops {
		s.p("%sfor i%d := 0; i%d < n; i%d++ {", strings.Repeat("\t", k+1), k, k, k)
	}
	s.p("%st += cfg.Dereference(s).port", strings.Repeat("\t", loops+1))
	for k := loops - 1; k >= 0; k-- {
		s.p("%s}", strings.Repeat("\t", k+1))
	}
	s.p("\trcuapi.ReadUnlock(s)")
	s.p("\treturn t")
	s.p("}")
	s.p("")

	// n/4 nested closures called in place, the innermost dereferencing
	// under the outermost section.
	closures := n / 4
	s.p("func Closures(n int) (t int) {")
	s.p("\ts := rcuapi.ReadLock()")
	for k := range closures {
		s.p("%sfunc() {", strings.Repeat("\t", k+1))
	}
	s.p("%st += cfg.Dereference(s).port", strings.Repeat("\t", closures+1))
	for k := closures - 1; k >= 0; k-- {
		s.p("%s}()", strings.Repeat("\t", k+1))
	}
	s.p("\trcuapi.ReadUnlock(s)")
	s.p("\treturn t")
	s.p("}")
	s.p("")

	// n/10 nested range-over-func loops.
	ranges := n / 10
	s.p("func Ranges(n int) (t int) {")
	s.p("\ts := rcuapi.ReadLock()")
	s.p("\tdefer rcuapi.ReadUnlock(s)")
	for k := range ranges {
		s.p("%sfor e%d := range routes.All(s) {", strings.Repeat("\t", k+1), k)
		s.p("%s\tt += e%d.Value.hops", strings.Repeat("\t", k+1), k)
		s.p("%s\tif t > n {", strings.Repeat("\t", k+1))
		s.p("%s\t\treturn", strings.Repeat("\t", k+1))
		s.p("%s\t}", strings.Repeat("\t", k+1))
	}
	for k := ranges - 1; k >= 0; k-- {
		s.p("%s}", strings.Repeat("\t", k+1))
	}
	s.p("\treturn t")
	s.p("}")
	return s
}

// callChains writes package chain: chains of n helpers that pass a
// Section down, the last one dereferencing under it or ending it, a cycle
// of n mutually recursive helpers, and the bugs that only the chains'
// summaries reveal.
func callChains(n int) *src {
	s := &src{file: "chain/chain.go"}
	s.p("// Package chain calls through helpers %d deep.", n)
	s.p("package chain")
	s.p("")
	s.p("%s", strings.TrimSuffix(bigPrelude, "\n"))
	s.p("")
	for k := range n {
		if k == n-1 {
			s.p("func deref%d(s rcuapi.Section) int { return cfg.Dereference(s).port }", k)
			s.p("func end%d(s rcuapi.Section) { rcuapi.ReadUnlock(s) }", k)
			s.p("func begin%d() rcuapi.Section { return rcuapi.ReadLock() }", k)
			s.p("func get%d(s rcuapi.Section) *config { return cfg.Dereference(s) }", k)
			continue
		}
		s.p("func deref%d(s rcuapi.Section) int { return deref%d(s) + %d }", k, k+1, k)
		s.p("func end%d(s rcuapi.Section) { end%d(s) }", k, k+1)
		s.p("func begin%d() rcuapi.Section { return begin%d() }", k, k+1)
		s.p("func get%d(s rcuapi.Section) *config { return get%d(s) }", k, k+1)
	}
	for k := range n {
		s.p("func rec%d(s rcuapi.Section, n int) int {", k)
		s.p("\tif n <= 0 {")
		s.p("\t\treturn cfg.Dereference(s).port")
		s.p("\t}")
		s.p("\treturn rec%d(s, n-1)", (k+1)%n)
		s.p("}")
	}
	s.p("")
	s.p("func Good() int {")
	s.p("\ts := begin0()")
	s.p("\tc := get0(s)")
	s.p("\tt := deref0(s) + rec0(s, 10) + c.port")
	s.p("\tend0(s)")
	s.p("\treturn t")
	s.p("}")
	s.p("")
	s.p("func DerefAfterEnd() int {")
	s.p("\ts := begin0()")
	s.p("\tend0(s)")
	s.bug("RCU1001", "\treturn deref0(s)")
	s.p("}")
	s.p("")
	s.p("func UseAfterEnd() int {")
	s.p("\ts := rcuapi.ReadLock()")
	s.p("\tc := get0(s)")
	s.p("\tend0(s)")
	s.bug("RCU1002", "\treturn c.port")
	s.p("}")
	s.p("")
	s.p("func NeverEnded() int {")
	s.p("\ts := begin0()")
	s.bug("RCU1003", "\treturn deref0(s)")
	s.p("}")
	return s
}

// crossChain writes packages xchain/x0 ... x{n-1} of module path mod: each
// helper calls the next package's, the last one dereferences under the
// Section it is given or ends it, and x0 has the bugs that only facts
// carried through all n packages reveal.
func crossChain(mod string, n int) (files map[string]string, wants []want) {
	files = make(map[string]string)
	for k := n - 1; k >= 0; k-- {
		s := &src{file: fmt.Sprintf("xchain/x%d/x%d.go", k, k)}
		s.p("// Package x%d is link %d of a chain of packages.", k, k)
		s.p("package x%d", k)
		s.p("")
		s.p("import (")
		s.p("\t\"github.com/rcuvet/rcuvet/rcuapi\"")
		if k < n-1 {
			s.p("\tnext \"%s/xchain/x%d\"", mod, k+1)
		}
		s.p(")")
		s.p("")
		s.p("type Config struct{ Port int }")
		s.p("")
		s.p("var Cfg rcuapi.Pointer[Config]")
		s.p("")
		if k == n-1 {
			s.p("func Deref(s rcuapi.Section) int { return Cfg.Dereference(s).Port }")
			s.p("func End(s rcuapi.Section) { rcuapi.ReadUnlock(s) }")
			s.p("func Begin() rcuapi.Section { return rcuapi.ReadLock() }")
		} else {
			s.p("func Deref(s rcuapi.Section) int { return next.Deref(s) + %d }", k)
			s.p("func End(s rcuapi.Section) { next.End(s) }")
			s.p("func Begin() rcuapi.Section { return next.Begin() }")
		}
		if k == 0 {
			s.p("")
			s.p("func Good() int {")
			s.p("\ts := Begin()")
			s.p("\tdefer End(s)")
			s.p("\treturn Deref(s)")
			s.p("}")
			s.p("")
			s.p("func DerefAfterEnd() int {")
			s.p("\ts := Begin()")
			s.p("\tEnd(s)")
			s.bug("RCU1001", "\treturn Deref(s)")
			s.p("}")
			s.p("")
			s.p("func NeverEnded() int {")
			s.p("\ts := Begin()")
			s.bug("RCU1003", "\treturn Deref(s)")
			s.p("}")
		}
		files[s.file] = s.String()
		wants = append(wants, s.wants...)
	}
	return files, wants
}

// partsSrc is package parts: local variables whose parts are copied into
// each other, which once sent the engine into endless recursion (a stack
// overflow, which no recover catches) on go/ast, reflect and runtime, and
// local slices of protected pointers, written to inside the section: they
// are the function's own memory, not the protected objects.
const partsSrc = `// Package parts copies parts of local variables into each other.
package parts

import (
	"slices"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct{ port int }

var cfg rcuapi.Pointer[config]

type pair struct {
	names []string
	first string
}

// First stores an element of one field into another field.
func First() string {
	var p pair
	p.names = make([]string, 1)
	p.first = p.names[0]
	return p.first
}

type state struct {
	items []*config
	cur   *config
	byKey map[string]*config
}

// Cursor does the same with protected pointers, inside a section.
func Cursor() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var st state
	st.items = append(st.items, cfg.Dereference(s))
	st.cur = st.items[0]
	st.byKey = map[string]*config{"a": st.cur}
	st.items[0] = st.byKey["a"]
	return st.cur.port
}

type route struct{ hops int }

var routes rcuapi.List[route]

// Shortest collects the routes into a slice of its own and orders it,
// inside the section.
func Shortest() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var rs []*route
	for e := range routes.All(s) {
		rs = append(rs, &e.Value)
	}
	for i := 1; i < len(rs); i++ {
		if rs[i].hops < rs[0].hops {
			rs[0], rs[i] = rs[i], rs[0]
		}
	}
	slices.SortFunc(rs, func(a, b *route) int { return a.hops - b.hops })
	if len(rs) == 0 {
		return 0
	}
	return rs[0].hops
}

// Clear drops the pointers it collected before the section ends.
func Clear() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	items := make([]*config, 0, 1)
	items = append(items, cfg.Dereference(s))
	n := items[0].port
	items[0] = nil
	return n
}

// Tree keeps a slice of slices and walks down it.
func Tree(n int) int {
	var t struct{ kids [][]int; cur []int }
	t.kids = make([][]int, n)
	for i := range n {
		t.cur = t.kids[i]
		t.kids[i] = append(t.cur, i)
	}
	return len(t.cur)
}
`

// TestGenerated runs the analyzers on generated code far larger than
// anybody writes: a function of 5,000 lines with hundreds of sections and
// a switch of hundreds of cases, statements nested 200 deep, chains of 300
// calls, a chain of calls through 30 packages, and the local variables of
// package parts (partsSrc). Each package must be
// analysed within its time limit, with no error, and exactly the planted
// bugs reported.
//
// RCUVET_ROBUST_KEEP=dir writes the generated module to dir as well.
func TestGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and analyses large packages")
	}
	if isolate(t, slow(2*time.Minute)) {
		return
	}
	big, late := bigFunc(5000, 300)
	deep := deepNesting(200)
	chain := callChains(300)
	files, xwants := crossChain("example.com/gen", 30)
	files[big.file], files[deep.file], files[chain.file] = big.String(), deep.String(), chain.String()
	files["parts/parts.go"] = partsSrc
	dir := tempDir(t)
	writeModule(t, dir, "example.com/gen", files)
	if keep := os.Getenv("RCUVET_ROBUST_KEEP"); keep != "" {
		writeModule(t, keep, "example.com/gen", files)
	}
	start := time.Now()
	pkgs := load(t, dir, "./...")
	t.Logf("loaded in %v: %d lines in big, %d in deep, %d in chain", time.Since(start).Round(time.Millisecond), big.lines, deep.lines, chain.lines)
	byName := map[string]*src{"big": big, "deep": deep, "chain": chain, "x0": {wants: xwants}, "parts": {}}
	for _, pkg := range pkgs {
		s := byName[pkg.Name]
		if s == nil {
			continue // a link of the chain of packages, analysed with x0
		}
		t.Run(pkg.Name, func(t *testing.T) {
			r := analyze(t, dir, pkg1(pkg), slow(30*time.Second), nil)
			t.Logf("analysed in %s", r.times())
			r.noErrors(t)
			diags := r.diags
			if pkg.Name == "big" {
				diags = lateBugs(t, diags, late)
			}
			checkWants(t, diags, s.wants)
		})
	}
}

// TestManyReturns analyses functions that return many times through a
// named result that a deferred call or a closure can see: go/ssa stores
// the result variable's value back into it at every return (*r = *r), and
// the engine's reach follows every store into a variable, four loads deep,
// for every store it steps: time grows with the fifth power of the number
// of returns (40 took 16s). Correct code; nothing may be reported, within
// a limit a hundred times what a healthy engine needs.
func TestManyReturns(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses a generated package")
	}
	if isolate(t, slow(90*time.Second)) {
		return
	}
	const returns = 100
	s := &src{file: "returns/returns.go"}
	s.p("// Package returns has functions with %d returns.", returns)
	s.p("package returns")
	s.p("")
	s.p("%s", strings.TrimSuffix(bigPrelude, "\n"))
	for _, shape := range []struct{ name, setup string }{
		{"Deferred", "\tdefer rcuapi.ReadUnlock(s)"},                                   // a defer: results live in memory
		{"Captured", "\tdefer rcuapi.ReadUnlock(s)\n\tf := func() { total++ }\n\tf()"}, // a closure sees total
		{"NoSection", "\tdefer func() { sink++ }()"},                                   // no RCU at all, but the package can see rcuapi
	} {
		s.p("")
		s.p("func %s(n int) (total int) {", shape.name)
		s.p("\ts := rcuapi.ReadLock()")
		if shape.name == "NoSection" {
			s.p("\trcuapi.ReadUnlock(s)")
		}
		s.p("%s", shape.setup)
		for k := range returns {
			s.p("\tif n == %d {", k)
			s.p("\t\treturn total")
			s.p("\t}")
			if shape.name == "NoSection" {
				s.p("\ttotal += n")
			} else {
				s.p("\ttotal += cfg.Dereference(s).port")
			}
		}
		s.p("\treturn total")
		s.p("}")
	}
	dir := tempDir(t)
	writeModule(t, dir, "example.com/returns", map[string]string{s.file: s.String()})
	pkgs := load(t, dir, "./...")
	r := analyze(t, dir, pkgs, slow(10*time.Second), nil) // a fraction of a second is enough
	t.Logf("analysed in %s", r.times())
	r.noErrors(t)
	checkWants(t, r.diags, s.wants)
}

// lateBugs takes the diagnostics of the bugs planted past the engine's
// token budget out of diags: the engine need not report them, but when it
// does, it must be on their lines.
func lateBugs(t *testing.T, diags []string, late []want) []string {
	var rest []string
	found := make(map[want]bool)
	for _, d := range diags {
		m := diagRx.FindStringSubmatch(d)
		if m != nil {
			var w want
			fmt.Sscanf(m[2], "%d", &w.line)
			w.file, w.id = m[1], m[4]
			if containsWant(late, w) && !found[w] {
				found[w] = true
				continue
			}
		}
		rest = append(rest, d)
	}
	for _, w := range late {
		t.Logf("bug past the token budget %s: reported %v", w, found[w])
	}
	return rest
}

func containsWant(ws []want, w want) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// TestTokenBudget analyses correct code in functions with more sections
// and merges than the engine's 64 slots. README says that past the budget
// "the rest share one slot and are not reported"; nothing may be reported
// either about the sections within the budget.
func TestTokenBudget(t *testing.T) {
	s := &src{file: "budget/budget.go"}
	s.p("// Package budget has functions with more than 64 sections.")
	s.p("package budget")
	s.p("")
	s.p("%s", strings.TrimSuffix(bigPrelude, "\n"))
	loop := func() {
		s.p("\ts := rcuapi.ReadLock()")
		s.p("\tfor j := 0; j < n; j++ {")
		s.p("\t\ttotal += cfg.Dereference(s).port")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t\ts = rcuapi.ReadLock()")
		s.p("\t}")
		s.p("\trcuapi.ReadUnlock(s)")
	}
	// A section ended and begun again in each iteration, then 62 more:
	// the loop's merge of its two sections is the 65th slot.
	s.p("")
	s.p("func LoopFirst(n int) (total int) {")
	loop()
	for k := range 62 {
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\ttotal += cfg.Dereference(s).port + %d", k)
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	}
	s.p("\treturn total")
	s.p("}")
	// 31 sections with a merge of protected pointers each, then the loop.
	s.p("")
	s.p("func MergesFirst(n int, flag bool) (total int) {")
	for range 31 {
		s.p("\t{")
		s.p("\t\ts := rcuapi.ReadLock()")
		s.p("\t\tc := &config{}")
		s.p("\t\tif flag {")
		s.p("\t\t\tc = cfg.Dereference(s)")
		s.p("\t\t}")
		s.p("\t\ttotal += c.port")
		s.p("\t\trcuapi.ReadUnlock(s)")
		s.p("\t}")
	}
	s.p("\t{")
	loop()
	s.p("\t}")
	s.p("\treturn total")
	s.p("}")
	// Sections merged and ended, 62 more, then a lock, which blocks: but
	// no classic section is open any more.
	for _, shape := range []struct{ name, merge string }{
		{"BranchesThenLock", "\tvar s rcuapi.Section\n\tif flag {\n\t\ts = rcuapi.ReadLock()\n\t} else {\n\t\ts = rcuapi.ReadLock()\n\t}\n\ttotal += cfg.Dereference(s).port\n\trcuapi.ReadUnlock(s)"},
		{"LoopThenLock", "\ts := rcuapi.ReadLock()\n\tfor j := 0; j < n; j++ {\n\t\ttotal += cfg.Dereference(s).port\n\t\trcuapi.ReadUnlock(s)\n\t\ts = rcuapi.ReadLock()\n\t}\n\trcuapi.ReadUnlock(s)"},
	} {
		s.p("")
		s.p("func %s(n int, flag bool) (total int) {", shape.name)
		s.p("%s", shape.merge)
		for k := range 62 {
			s.p("\t{")
			s.p("\t\ts := rcuapi.ReadLock()")
			s.p("\t\ttotal += cfg.Dereference(s).port + %d", k)
			s.p("\t\trcuapi.ReadUnlock(s)")
			s.p("\t}")
		}
		s.p("\tmu.Lock()")
		s.p("\ttotal += cfg.Protected(&mu).port")
		s.p("\tmu.Unlock()")
		s.p("\treturn total")
		s.p("}")
	}
	dir := tempDir(t)
	writeModule(t, dir, "example.com/budget", map[string]string{s.file: s.String()})
	r := analyze(t, dir, load(t, dir, "./..."), slow(30*time.Second), nil)
	t.Logf("analysed in %s", r.times())
	r.noErrors(t)
	checkWants(t, r.diags, s.wants)
}
