// Case: websocket gateway connection caches the *Policy it found in the published tenant table in a field of the long-lived connection object, and later frames read the cached policy with no section
// Source: Documentation/RCU/checklist.rst item 2 and whatisRCU.rst (a pointer from rcu_dereference() kept in a longer-lived structure without a reference); per-connection caching in Go websocket gateways
// Kind: bad
// Pair: -

package sessionfield

import (
	"github.com/rcuvet/rcuvet/rcuapi"
)

type Policy struct {
	MaxFrame  int
	AllowBins bool
}

type Tenants struct {
	table rcuapi.Pointer[map[string]*Policy]
}

type Conn struct {
	tenant string
	policy *Policy // cached on first frame
}

func (t *Tenants) attach(c *Conn) {
	s := rcuapi.ReadLock()
	m := t.table.Dereference(s)
	if p, ok := (*m)[c.tenant]; ok {
		c.policy = p // expect RCU1002
	}
	rcuapi.ReadUnlock(s)
}

// Accept reports whether a frame may be forwarded.
func (t *Tenants) Accept(c *Conn, size int, binary bool) bool {
	if c.policy == nil {
		t.attach(c)
		if c.policy == nil {
			return false
		}
	}
	return size <= c.policy.MaxFrame && (!binary || c.policy.AllowBins)
}
