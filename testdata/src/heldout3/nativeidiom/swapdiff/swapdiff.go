// Case: DNS zone reload swaps in the new zone and compares the old and new records to log what changed; the old zone is only read and then dropped to the garbage collector
// Source: idiom: in Go the garbage collector is the grace period for memory; reading a replaced snapshot after Swap is safe (Documentation/RCU/whatisRCU.rst)
// Kind: idiom

package swapdiff

import (
	"log"
	"slices"
	"sync/atomic"
)

type Zone struct {
	Serial  uint32
	Records map[string]string
}

type Server struct {
	zone atomic.Pointer[Zone]
}

// Load runs on the single zone-transfer goroutine.
func (s *Server) Load(z *Zone) {
	old := s.zone.Swap(z)
	if old == nil {
		return
	}
	var changed []string
	for name, rr := range z.Records {
		if old.Records[name] != rr {
			changed = append(changed, name)
		}
	}
	for name := range old.Records {
		if _, ok := z.Records[name]; !ok {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	log.Printf("zone serial %d -> %d, changed: %v", old.Serial, z.Serial, changed)
}

func (s *Server) Answer(name string) (string, bool) {
	z := s.zone.Load()
	if z == nil {
		return "", false
	}
	rr, ok := z.Records[name]
	return rr, ok
}
