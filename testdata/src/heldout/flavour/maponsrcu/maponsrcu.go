// Case: connection registry in an rcuapi.Map read under an SRCU domain, deleted connections closed after a classic grace period
// Source: hash table read with srcu_read_lock() while the removal path waits with synchronize_rcu() (Documentation/RCU/checklist.rst item 7; rcuapi.Map docs: readers of one Map must use the flavour its updaters wait for)
// Kind: bad
// Pair: maponsrcufix

package maponsrcu

import (
	"net"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conn struct {
	id   uint64
	c    net.Conn
	user string
}

// Registry holds live client connections. Broadcasts write to every
// connection inside the section, so readers use connSRCU.
type Registry struct {
	connSRCU rcuapi.SRCU
	byID     rcuapi.Map[uint64, *conn]
}

// Broadcast writes msg to every connection; slow clients only delay this
// domain's grace periods.
func (r *Registry) Broadcast(msg []byte) int {
	s := r.connSRCU.ReadLock()
	defer r.connSRCU.ReadUnlock(s)
	n := 0
	for _, cn := range r.byID.Range(s) {
		cn.c.SetWriteDeadline(time.Now().Add(time.Second))
		if _, err := cn.c.Write(msg); err == nil {
			n++
		}
	}
	return n
}

// Add registers a connection.
func (r *Registry) Add(cn *conn) { r.byID.Store(cn.id, cn) }

// Kick removes a connection and closes it once no broadcast can use it.
func (r *Registry) Kick(id uint64) {
	old, ok := r.byID.Delete(id)
	if !ok {
		return
	}
	rcuapi.Synchronize() // expect RCU5001
	old.c.Close()
}
