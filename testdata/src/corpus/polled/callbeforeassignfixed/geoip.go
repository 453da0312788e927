// Case: GeoIP reloader publishes the new database first and then queues the Close of the old one with Call
// Source: Documentation/RCU/checklist.rst item 15 (remove the element first, then call_rcu()/synchronize_rcu(), then free); Documentation/RCU/whatisRCU.rst (publish the new version with rcu_assign_pointer(), then call_rcu() on the old one)
// Kind: fixed
// Pair: callbeforeassignbad

package callbeforeassignfixed

import (
	"io"
	"net/netip"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type geoDB struct {
	ranges map[netip.Prefix]string // prefix -> country
}

// Close hands the range map back for the next load to reuse.
func (g *geoDB) Close() error {
	clear(g.ranges)
	select {
	case spare <- g.ranges:
	default:
	}
	return nil
}

var (
	mu    sync.Mutex
	db    rcuapi.Pointer[geoDB]
	spare = make(chan map[netip.Prefix]string, 1)
)

// Country returns the country of the first range containing addr.
func Country(addr netip.Addr) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	g := db.Dereference(s)
	if g == nil {
		return ""
	}
	for p, c := range g.ranges {
		if p.Contains(addr) {
			return c
		}
	}
	return ""
}

// Reload parses path into a reused range map and makes it the database
// in use.
func Reload(path string, parse func(io.Reader, map[netip.Prefix]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	var ranges map[netip.Prefix]string
	select {
	case ranges = <-spare:
	default:
		ranges = map[netip.Prefix]string{}
	}
	err = parse(f, ranges)
	f.Close()
	if err != nil {
		return err
	}
	mu.Lock()
	old := db.Replace(&geoDB{ranges: ranges}, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(func() { old.Close() })
	}
	return nil
}
