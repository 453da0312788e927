package zzscratch

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	port  int
	name  string
	items []int
	mod   *rcuapi.Module
}

var cfg rcuapi.Pointer[config]
var list rcuapi.List[*config]
var saved *config
var mu sync.Mutex
var dom rcuapi.SRCU

func rangeOK() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	n := 0
	for e := range list.All(s) {
		n += e.Value.port
	}
	return n
}

func rangeEscape() {
	s := rcuapi.ReadLock()
	for e := range list.All(s) {
		saved = e.Value
	}
	rcuapi.ReadUnlock(s)
}

func tryGetOK() {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	m := c.mod
	ok := m.TryGet()
	rcuapi.ReadUnlock(s)
	if ok {
		_ = m.Name
		m.Put()
	}
}

func useAfter() int {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	rcuapi.ReadUnlock(s)
	return c.port
}

func copyOK() (int, string) {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	p, n := c.port, c.name
	rcuapi.ReadUnlock(s)
	return p, n
}

func earlyReturnsOK(x int) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := cfg.Dereference(s)
	if c == nil {
		return 0
	}
	if x > 0 {
		return c.port
	}
	return len(c.items)
}

func missingUnlock(x int) int {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	if c == nil {
		return 0
	}
	p := c.port
	rcuapi.ReadUnlock(s)
	return p
}

func helper(s rcuapi.Section) int { return cfg.Dereference(s).port }

func helperLate() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return helper(s)
}

func protectedOK() {
	mu.Lock()
	c := cfg.Protected(&mu)
	n := *c
	n.port++
	cfg.Assign(&n)
	mu.Unlock()
}

func accessOK() bool { return cfg.Access() == nil }

func accessBad() int { return cfg.Access().port }

func wrongDomain() {
	s := rcuapi.ReadLock()
	dom.ReadUnlock(s)
}

func srcuOK() int {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return cfg.Dereference(s).port
}

func goroutineCapture() {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	go func() { _ = c.port }()
	rcuapi.ReadUnlock(s)
}

func nested() int {
	a := rcuapi.ReadLock()
	b := rcuapi.ReadLock()
	p := cfg.Dereference(b).port
	rcuapi.ReadUnlock(b)
	p += cfg.Dereference(a).port
	rcuapi.ReadUnlock(a)
	return p
}

func loopOK(n int) int {
	t := 0
	for i := 0; i < n; i++ {
		s := rcuapi.ReadLock()
		t += cfg.Dereference(s).port
		rcuapi.ReadUnlock(s)
	}
	return t
}

func panicPath(x int) int {
	s := rcuapi.ReadLock()
	if x < 0 {
		panic("negative")
	}
	rcuapi.ReadUnlock(s)
	return x
}

func deferredClosureOK() int {
	s := rcuapi.ReadLock()
	defer func() { rcuapi.ReadUnlock(s) }()
	return cfg.Dereference(s).port
}

func returnDeferred() *config {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cfg.Dereference(s)
}
