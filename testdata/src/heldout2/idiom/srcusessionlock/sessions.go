// Case: SRCU readers lock the per-session mutex of the session they found and write to its socket inside the section; the updater waits for the domain without holding any lock a reader takes
// Source: idiom: SRCU read-side sections may sleep and take sleeping locks (Documentation/RCU/whatisRCU.rst, checklist.rst item 14), as long as the updater does not hold them across synchronize_srcu()
// Kind: idiom

package srcusessionlock

import (
	"errors"
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrOffline = errors.New("push: client offline")

type session struct {
	mu   sync.Mutex // serialises writes on conn
	conn net.Conn
}

type Pusher struct {
	dom      rcuapi.SRCU
	sessions rcuapi.Map[string, *session]
}

// Push writes one message to a connected client.
func (p *Pusher) Push(client string, msg []byte) error {
	s := p.dom.ReadLock()
	defer p.dom.ReadUnlock(s)
	sess, ok := p.sessions.Load(s, client)
	if !ok {
		return ErrOffline
	}
	sess.mu.Lock()
	defer sess.mu.Unlock()
	_, err := sess.conn.Write(msg)
	return err
}

// Connect registers a client's connection, closing one it replaces.
func (p *Pusher) Connect(client string, conn net.Conn) {
	if old, ok := p.sessions.Swap(client, &session{conn: conn}); ok {
		p.retire(old)
	}
}

// Disconnect unregisters a client.
func (p *Pusher) Disconnect(client string) {
	if old, ok := p.sessions.Delete(client); ok {
		p.retire(old)
	}
}

// retire closes a session's connection once no pusher can still be
// writing to it.
func (p *Pusher) retire(old *session) {
	p.dom.Synchronize()
	old.conn.Close()
}
