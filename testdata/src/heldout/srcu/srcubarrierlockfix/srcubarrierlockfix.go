// Case: mailbox reconfiguration drains SRCU callbacks before it takes the delivery lock
// Source: srcu_barrier() under a mutex that SRCU readers acquire: queued callbacks wait for a grace period, which waits for those readers (Documentation/RCU/checklist.rst item 11; rcubarrier.rst)
// Kind: fixed
// Pair: srcubarrierlock

package srcubarrierlockfix

import (
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type route struct {
	mailbox string
	quota   int64
	spool   []byte
}

type Mailer struct {
	deliverMu sync.Mutex // serialises writes to the spool writer
	spoolOut  io.Writer
	updMu     sync.Mutex
	d         rcuapi.SRCU
	routes    rcuapi.Pointer[map[string]*route]
	spoolPool sync.Pool
}

// Deliver routes msg to the mailbox of rcpt and appends it to the spool.
func (m *Mailer) Deliver(rcpt string, msg []byte) error {
	s := m.d.ReadLock()
	defer m.d.ReadUnlock(s)
	rt := (*m.routes.Dereference(s))[rcpt]
	if rt == nil || int64(len(msg)) > rt.quota {
		return io.ErrShortWrite
	}
	m.deliverMu.Lock()
	defer m.deliverMu.Unlock()
	_, err := m.spoolOut.Write(append([]byte(rt.mailbox+": "), msg...))
	return err
}

// Reconfigure installs new routes and makes sure every retired route has
// given its spool buffer back before switching the spool writer.
func (m *Mailer) Reconfigure(next map[string]*route, out io.Writer) {
	m.updMu.Lock()
	old := m.routes.Replace(&next, &m.updMu)
	m.updMu.Unlock()
	if old != nil {
		for _, rt := range *old {
			m.d.Call(func() { m.spoolPool.Put(rt.spool) })
		}
	}
	m.d.Barrier()
	m.deliverMu.Lock()
	m.spoolOut = out
	m.deliverMu.Unlock()
}
