// Package srcuvar queues callbacks on classic RCU and on an SRCU domain in
// a package variable. Its Exit, a method value, waits for the classic
// callbacks but only for a grace period of the SRCU domain.
package srcuvar

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type page struct{ f *os.File }

var (
	pages rcuapi.SRCU
	stats int
)

type pager struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[page]
}

func (p *pager) swap(next *page) {
	p.mu.Lock()
	old := p.cur.Replace(next, &p.mu)
	p.mu.Unlock()
	rcuapi.Call(func() { stats++ })
	if old != nil {
		pages.Call(func() { old.f.Close() })
	}
}

func (p *pager) exit() {
	rcuapi.Barrier()
	pages.Synchronize() // want `^RCU6002: exit, a module's Exit, waits for a grace period of SRCU domain pages, but this package queues callbacks there \(at srcuvar\.go:\d+\) and a grace period does not wait for callbacks: call pages\.Barrier\(\) instead$`
}

var p pager

var Module = &rcuapi.Module{Name: "pages", Exit: p.exit}
