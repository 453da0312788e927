// Case: connection-tracking map read by QSBR packet workers closes expired entries' sockets after a classic RCU grace period
// Source: Documentation/RCU/checklist.rst item 7 (the grace period must be of the flavour the readers use); liburcu: synchronize_rcu() of one flavour does not wait for readers of another
// Kind: bad
// Pair: qsbr/mapclassicgpfix

package mapclassicgp

import (
	"net"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conn struct {
	sock     net.Conn
	lastSeen time.Time
}

type Tracker struct {
	q     *rcuapi.QSBR
	conns rcuapi.Map[string, *conn]
}

func NewTracker() *Tracker { return &Tracker{q: rcuapi.NewQSBR("conntrack")} }

// Forward is called by QSBR workers while online.
func (t *Tracker) Forward(r *rcuapi.QSBRReader, key string, payload []byte) bool {
	s := r.ReadLock()
	defer r.ReadUnlock(s)
	c, ok := t.conns.Load(s, key)
	if !ok {
		return false
	}
	return len(payload) > 0 && c.sock != nil
}

// Expire runs on the janitor goroutine, which is not a QSBR reader.
func (t *Tracker) Expire(keys []string) {
	var dead []*conn
	for _, k := range keys {
		if c, ok := t.conns.Delete(k); ok {
			dead = append(dead, c)
		}
	}
	rcuapi.Synchronize() // expect RCU5001
	for _, c := range dead {
		c.sock.Close()
	}
}
