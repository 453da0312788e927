// Case: idle-connection reaper waits for an expedited grace period after unlinking each idle connection
// Source: Documentation/RCU/checklist.rst item 6 (synchronize_rcu_expedited() in a loop hurts real-time workloads; batch the updates or use call_rcu()); kernel batching of per-device grace periods in unregister_netdevice_many()
// Kind: bad
// Pair: idlereaperfix

package idlereaper

import (
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conn struct {
	peer       string
	nc         net.Conn
	lastActive atomic.Int64 // unix nanoseconds
}

type Server struct {
	mu    sync.Mutex // serialises changes of conns
	conns rcuapi.List[*conn]
	idle  time.Duration
}

// Broadcast counts the connections a message would reach.
func (sv *Server) Broadcast(from string) int {
	n := 0
	s := rcuapi.ReadLock()
	for e := range sv.conns.All(s) {
		if e.Value.peer != from {
			n++
		}
	}
	rcuapi.ReadUnlock(s)
	return n
}

// Reap closes connections idle for longer than sv.idle and returns how many
// it closed.
func (sv *Server) Reap(now time.Time) int {
	n := 0
	sv.mu.Lock()
	for e := range sv.conns.AllProtected(&sv.mu) {
		c := e.Value
		if now.Sub(time.Unix(0, c.lastActive.Load())) < sv.idle {
			continue
		}
		sv.conns.Remove(e)
		rcuapi.SynchronizeExpedited() // expect RCU4001
		c.nc.Close()
		n++
	}
	sv.mu.Unlock()
	return n
}
