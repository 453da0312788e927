// Case: upstream pool's Evict retires connections through another package's helper that queues on the pool's SRCU field; Shutdown cleans the domain up without Barrier
// Source: Linux commit 15c68f7f6341 "srcu: Check for tardy grace-period activity in cleanup_srcu_struct()" (call_srcu() issued by helper code must still be drained with srcu_barrier() before cleanup_srcu_struct()); https://git.stricted.de?a=commit&h=15c68f7f6341da1693a60440338dd4aa8836da48&p=GitHub%2Fmoto-9609%2Fandroid_kernel_motorola_exynos9610.git
// Kind: bad
// Pair: cleanuphelperfixed

package cleanuphelperbad

import (
	"sync"
	"sync/atomic"

	"fixtures/corpus/srcu/cleanuphelperbad/retire"
	"github.com/rcuvet/rcuvet/rcuapi"
)

// upstream is a pooled connection. Close is cheap: it only marks it.
type upstream struct {
	addr   string
	closed atomic.Bool
}

func (u *upstream) Close() error {
	u.closed.Store(true)
	return nil
}

// Pool keeps one connection per upstream address.
type Pool struct {
	dom      rcuapi.SRCU
	mu       sync.Mutex
	conns    rcuapi.Map[string, *upstream]
	stopping atomic.Bool
	errs     atomic.Int64
}

// Has reports whether an upstream for addr is pooled and open.
func (p *Pool) Has(addr string) bool {
	s := p.dom.ReadLock()
	defer p.dom.ReadUnlock(s)
	u, ok := p.conns.Load(s, addr)
	return ok && !u.closed.Load()
}

// Add pools a connection to addr.
func (p *Pool) Add(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopping.Load() {
		return
	}
	if old, ok := p.conns.Swap(addr, &upstream{addr: addr}); ok {
		retire.Later(&p.dom, old, p.countErr)
	}
}

// Evict drops addr's connection and closes it after a grace period.
func (p *Pool) Evict(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if old, ok := p.conns.Delete(addr); ok {
		retire.Later(&p.dom, old, p.countErr)
	}
}

func (p *Pool) countErr(error) { p.errs.Add(1) }

// Shutdown ends the pool after its users have stopped. Connections that
// Evict handed to retire.Later are still queued on p.dom.
func (p *Pool) Shutdown() error {
	p.mu.Lock()
	p.stopping.Store(true)
	p.mu.Unlock()
	return p.dom.Cleanup() // expect RCU6004
}
