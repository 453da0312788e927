package bad

import (
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	connsMu sync.Mutex // serialises the updaters of conns
	conns   rcuapi.List[net.Conn]
)

// CloseMatching forces one expedited grace period per element it removes.
func CloseMatching(match func(net.Conn) bool) {
	connsMu.Lock()
	defer connsMu.Unlock()
	for e := range conns.AllProtected(&connsMu) {
		if match(e.Value) {
			conns.Remove(e)
			rcuapi.SynchronizeExpedited() // want RCU4001
			e.Value.Close()
		}
	}
}
