// Case: DNS server's zone loader publishes a newly parsed zone with Replace and then adds the synthesized SOA record to the new zone's record map, which resolvers read under sections
// Source: Documentation/RCU/checklist.rst item 4 (every field initialised before rcu_assign_pointer()); whatisRCU.rst on publication ordering; coredns-style zone reloads
// Kind: bad
// Pair: updateside/publishthenfillfix

package publishthenfill

import (
	"fmt"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Zone struct {
	Origin  string
	Serial  uint32
	Records map[string][]string // name -> rdata
}

type Server struct {
	mu   sync.Mutex
	zone rcuapi.Pointer[Zone]
}

func (s *Server) Load(origin string, serial uint32, records map[string][]string) *Zone {
	z := &Zone{Origin: origin, Serial: serial, Records: records}
	s.mu.Lock()
	old := s.zone.Replace(z, &s.mu)
	s.mu.Unlock()
	z.Records[origin] = append(z.Records[origin], fmt.Sprintf("SOA ns1.%s %d", origin, serial)) // expect RCU2001
	rcuapi.Synchronize()
	return old
}

func (s *Server) Resolve(name string) []string {
	sec := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(sec)
	z := s.zone.Dereference(sec)
	if z == nil {
		return nil
	}
	return append([]string(nil), z.Records[name]...)
}
