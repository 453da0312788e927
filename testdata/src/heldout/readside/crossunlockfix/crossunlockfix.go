// Case: DNS zone lookup under an SRCU domain ends its section on that domain
// Source: srcu_read_lock() paired with rcu_read_unlock(), the slip a partial conversion from RCU to SRCU leaves behind (Documentation/RCU/checklist.rst items 7 and 14)
// Kind: fixed
// Pair: crossunlock

package crossunlockfix

import (
	"net/netip"
	"os"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// zones are read under zoneSRCU because a miss loads the zone file from disk
// while the reader is inside its section.
var (
	zoneSRCU rcuapi.SRCU
	zones    rcuapi.Pointer[zoneSet]
	zmu      sync.Mutex
)

type zone struct {
	origin string
	file   string
	hosts  map[string]netip.Addr
}

type zoneSet struct {
	byOrigin map[string]*zone
}

// Resolve answers an A query for name.
func Resolve(name string) (netip.Addr, bool) {
	s := zoneSRCU.ReadLock()
	defer zoneSRCU.ReadUnlock(s)
	set := zones.Dereference(s)
	for origin, z := range set.byOrigin {
		if !strings.HasSuffix(name, origin) {
			continue
		}
		if a, ok := z.hosts[name]; ok {
			return a, true
		}
		// Not cached: the zone file is authoritative.
		data, err := os.ReadFile(z.file)
		if err != nil {
			return netip.Addr{}, false
		}
		return scan(string(data), name)
	}
	return netip.Addr{}, false
}

func scan(data, name string) (netip.Addr, bool) {
	for _, line := range strings.Split(data, "\n") {
		f := strings.Fields(line)
		if len(f) == 3 && f[0] == name && f[1] == "A" {
			a, err := netip.ParseAddr(f[2])
			return a, err == nil
		}
	}
	return netip.Addr{}, false
}

// Reload publishes a new zone set and waits for the domain's readers.
func Reload(next *zoneSet) {
	zmu.Lock()
	zones.Replace(next, &zmu)
	zmu.Unlock()
	zoneSRCU.Synchronize()
}
