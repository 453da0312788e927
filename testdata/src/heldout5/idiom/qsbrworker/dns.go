// Case: qsbrworker
// Source: idiom: urcu-qsbr worker loop (liburcu: go offline before blocking, announce a quiescent state between requests, copy out what outlives the section)
// Kind: idiom
package qsbrworker

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Query struct {
	Name  string
	Reply chan<- []netip.Addr
}

type Zone struct {
	records map[string][]netip.Addr
}

type Server struct {
	mu     sync.Mutex
	domain rcuapi.QSBR
	zone   rcuapi.Pointer[Zone]
}

// Serve answers queries until the channel closes.
func (srv *Server) Serve(queries <-chan Query) {
	r := srv.domain.Register()
	defer r.Unregister()
	for {
		r.Offline()
		q, ok := <-queries
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		addrs := append([]netip.Addr(nil), srv.zone.Dereference(s).records[q.Name]...)
		r.ReadUnlock(s)
		r.Quiescent()
		r.Offline()
		q.Reply <- addrs
		r.Online()
	}
}

// Load publishes a new zone and waits until no worker can still read the old one.
func (srv *Server) Load(z *Zone) *Zone {
	srv.mu.Lock()
	old := srv.zone.Replace(z, &srv.mu)
	srv.mu.Unlock()
	srv.domain.Synchronize()
	return old // nobody reads it any more: the caller may reuse its maps
}
