// Case: QSBR-based DNS responder writes the answer to the client connection from inside its read-side section
// Source: liburcu README (QSBR read-side sections must not block; go offline with rcu_thread_offline() around blocking calls) and Documentation/RCU/checklist.rst item 2
// Kind: bad
// Pair: dnsanswerfix

package dnsanswer

import (
	"bufio"
	"io"
	"net"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type zone struct {
	serial  uint32
	records map[string]string // name -> rendered answer
}

type Server struct {
	q    *rcuapi.QSBR
	mu   sync.Mutex
	zone rcuapi.Pointer[zone]
}

func New() *Server {
	sv := &Server{q: rcuapi.NewQSBR("dns")}
	sv.zone.Init(&zone{records: map[string]string{}})
	return sv
}

// serveConn answers one query per line until the client goes away.
func (sv *Server) serveConn(conn net.Conn) {
	defer conn.Close()
	r := sv.q.Register()
	defer r.Unregister()
	br := bufio.NewReader(conn)
	for {
		r.Offline()
		line, err := br.ReadString('\n')
		r.Online()
		if err != nil {
			return
		}
		name := strings.ToLower(strings.TrimSpace(line))
		s := r.ReadLock()
		ans, ok := sv.zone.Dereference(s).records[name]
		if !ok {
			ans = "NXDOMAIN"
		}
		_, err = io.WriteString(conn, ans+"\n") // expect RCU1005
		r.ReadUnlock(s)
		r.Quiescent()
		if err != nil {
			return
		}
	}
}

// Serve accepts connections until the listener is closed.
func (sv *Server) Serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go sv.serveConn(conn)
	}
}

// Load publishes a new zone. Zones are only memory, so the old one needs no
// grace period.
func (sv *Server) Load(serial uint32, records map[string]string) {
	sv.mu.Lock()
	sv.zone.Replace(&zone{serial: serial, records: records}, &sv.mu)
	sv.mu.Unlock()
}
