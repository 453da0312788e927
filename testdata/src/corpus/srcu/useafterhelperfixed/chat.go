// Case: chat server's Stop defers the SRCU Cleanup first and the quiesce helper of another package after it, so the helper runs before Cleanup
// Source: Linux cleanup_srcu_struct() kernel-doc (all synchronize_srcu() calls must have returned and no further ones may start before cleanup); rcuapi doc: any use of an SRCU after Cleanup panics
// Kind: fixed
// Pair: useafterhelperbad

package useafterhelperfixed

import (
	"net"
	"sync"

	"fixtures/corpus/srcu/useafterhelperfixed/drain"
	"github.com/rcuvet/rcuvet/rcuapi"
)

type member struct {
	nick string
	conn net.Conn
}

// Server relays messages between members. Senders write to connections
// inside the section, hence SRCU.
type Server struct {
	dom     rcuapi.SRCU
	mu      sync.Mutex
	members rcuapi.Map[string, *member]
}

// Send writes msg to nick's connection.
func (s *Server) Send(nick string, msg []byte) error {
	sec := s.dom.ReadLock()
	defer s.dom.ReadUnlock(sec)
	m, ok := s.members.Load(sec, nick)
	if !ok {
		return net.ErrClosed
	}
	_, err := m.conn.Write(msg)
	return err
}

// Join adds a member.
func (s *Server) Join(nick string, c net.Conn) {
	s.mu.Lock()
	s.members.Store(nick, &member{nick: nick, conn: c})
	s.mu.Unlock()
}

// Stop disconnects everybody and ends the domain. Deferred calls run
// last-in first-out: Quiesce waits for the last senders, then Cleanup.
func (s *Server) Stop(nicks []string) {
	defer s.dom.Cleanup()
	defer drain.Quiesce(&s.dom)

	var gone []*member
	s.mu.Lock()
	for _, n := range nicks {
		if m, ok := s.members.Delete(n); ok {
			gone = append(gone, m)
		}
	}
	s.mu.Unlock()
	s.dom.Synchronize()
	for _, m := range gone {
		m.conn.Close()
	}
}
