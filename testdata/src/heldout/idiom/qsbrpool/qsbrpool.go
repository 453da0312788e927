// Case: QSBR worker pool that goes offline while waiting for work and quiesces after each request; the updater waits from an unregistered goroutine
// Source: idiom: urcu-qsbr worker threads with rcu_thread_offline()/rcu_thread_online() around blocking and rcu_quiescent_state() between requests (https://github.com/urcu/userspace-rcu doc/rcu-api.md)
// Kind: idiom

package qsbrpool

import (
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type routes struct {
	exact  map[string]string
	prefix []string
	target []string
}

func (r *routes) match(path string) string {
	if t, ok := r.exact[path]; ok {
		return t
	}
	for i, p := range r.prefix {
		if strings.HasPrefix(path, p) {
			return r.target[i]
		}
	}
	return ""
}

type Req struct {
	Path string
	Out  string
	Done chan struct{}
}

type Pool struct {
	q   rcuapi.QSBR
	mu  sync.Mutex
	cur rcuapi.Pointer[routes]
	wg  sync.WaitGroup
}

// Start runs n workers on reqs.
func (p *Pool) Start(n int, reqs <-chan *Req) {
	for range n {
		p.wg.Add(1)
		go p.worker(reqs)
	}
}

func (p *Pool) worker(reqs <-chan *Req) {
	defer p.wg.Done()
	r := p.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		req, ok := <-reqs
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		req.Out = p.cur.Dereference(s).match(req.Path) // strings are values
		r.ReadUnlock(s)
		r.Quiescent()
		close(req.Done)
	}
}

// SetRoutes is called by the admin goroutine, which holds no handle.
func (p *Pool) SetRoutes(next *routes) {
	p.mu.Lock()
	old := p.cur.Replace(next, &p.mu)
	p.mu.Unlock()
	p.q.Synchronize()
	if old != nil {
		clear(old.exact)
	}
}

// Wait returns once every worker has exited.
func (p *Pool) Wait() { p.wg.Wait() }
