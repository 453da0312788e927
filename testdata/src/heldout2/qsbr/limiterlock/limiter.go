// Case: rate limiter reconfiguration waits for a QSBR grace period while holding the overrides mutex that online QSBR workers take between their sections
// Source: liburcu README on mutexes and synchronize_rcu() (with QSBR an online thread counts as a reader: a mutex held across synchronize_rcu() may be taken only by threads that are offline) and Documentation/RCU/checklist.rst item 11
// Kind: bad
// Pair: limiterlockfix

package limiterlock

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	defaultLimit int64
	window       *[]int64 // sliding-window counters, from windowPool
}

var windowPool = sync.Pool{New: func() any { w := make([]int64, 64); return &w }}

type Request struct {
	Client string
	Used   int64
	Reply  chan bool // capacity 1
}

type Limiter struct {
	q         *rcuapi.QSBR
	mu        sync.Mutex // guards overrides; serialises Reconfigure
	overrides map[string]int64
	cfg       rcuapi.Pointer[config]
	served    atomic.Int64
}

func New(defaultLimit int64) *Limiter {
	l := &Limiter{q: rcuapi.NewQSBR("limiter"), overrides: map[string]int64{}}
	l.cfg.Init(&config{defaultLimit: defaultLimit, window: windowPool.Get().(*[]int64)})
	return l
}

// Worker answers admission requests. It owns a QSBR handle.
func (l *Limiter) Worker(reqs <-chan Request) {
	r := l.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		req, ok := <-reqs
		r.Online()
		if !ok {
			return
		}
		l.mu.Lock()
		limit, has := l.overrides[req.Client]
		l.mu.Unlock()
		if !has {
			s := r.ReadLock()
			limit = l.cfg.Dereference(s).defaultLimit
			r.ReadUnlock(s)
		}
		r.Quiescent()
		l.served.Add(1)
		req.Reply <- req.Used < limit
	}
}

// Reconfigure installs a new default and new per-client overrides. It runs
// on the admin goroutine, which has no QSBR handle.
func (l *Limiter) Reconfigure(defaultLimit int64, overrides map[string]int64) {
	next := &config{defaultLimit: defaultLimit, window: windowPool.Get().(*[]int64)}
	l.mu.Lock()
	old := l.cfg.Replace(next, &l.mu)
	l.overrides = overrides
	l.q.Synchronize() // expect RCU3003
	l.mu.Unlock()
	clear(*old.window)
	windowPool.Put(old.window)
}
