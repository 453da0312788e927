// Case: idle-connection reaper unlinks every idle connection, waits for one grace period, then closes them all
// Source: Documentation/RCU/checklist.rst item 6 (synchronize_rcu_expedited() in a loop hurts real-time workloads; batch the updates or use call_rcu()); kernel batching of per-device grace periods in unregister_netdevice_many()
// Kind: fixed
// Pair: idlereaper

package idlereaperfix

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
	var reaped []*conn
	sv.mu.Lock()
	for e := range sv.conns.AllProtected(&sv.mu) {
		c := e.Value
		if now.Sub(time.Unix(0, c.lastActive.Load())) < sv.idle {
			continue
		}
		sv.conns.Remove(e)
		reaped = append(reaped, c)
	}
	sv.mu.Unlock()
	if len(reaped) == 0 {
		return 0
	}
	rcuapi.SynchronizeExpedited()
	for _, c := range reaped {
		c.nc.Close()
	}
	return len(reaped)
}
