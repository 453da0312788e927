// Case: gateway with one SRCU domain for its auth directory and one for its routes retires an old auth directory after a grace period of the routes' domain
// Source: Documentation/RCU/checklist.rst item 7 (readers and updaters must use the same flavour and, for SRCU, the same srcu_struct); kernel fix making bpf_link_free() wait for tracepoint_srcu rather than classic RCU
// Kind: bad
// Pair: authdirectoryfix

package authdirectory

import (
	"errors"
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrDenied = errors.New("gateway: access denied")

// directory is a snapshot of the user directory with a pooled LDAP
// connection for the lookups that miss the snapshot.
type directory struct {
	groups map[string][]string
	ldap   io.Closer
	lookup func(user string) ([]string, error) // blocks on LDAP
}

type routes struct {
	byPrefix map[string]string
}

type Gateway struct {
	mu       sync.Mutex
	authDom  rcuapi.SRCU // readers of dir block on LDAP
	dir      rcuapi.Pointer[directory]
	routeDom rcuapi.SRCU // readers of rt block on upstream health checks
	rt       rcuapi.Pointer[routes]
}

// Groups returns the groups of user, asking LDAP on a snapshot miss.
func (g *Gateway) Groups(user string) ([]string, error) {
	s := g.authDom.ReadLock()
	defer g.authDom.ReadUnlock(s)
	d := g.dir.Dereference(s)
	if gs, ok := d.groups[user]; ok {
		return append([]string(nil), gs...), nil
	}
	return d.lookup(user)
}

// Upstream returns the upstream for a path prefix.
func (g *Gateway) Upstream(prefix string) (string, bool) {
	s := g.routeDom.ReadLock()
	defer g.routeDom.ReadUnlock(s)
	up, ok := g.rt.Dereference(s).byPrefix[prefix]
	return up, ok
}

// SetDirectory installs a new directory snapshot and closes the old one's
// LDAP connection once no reader can still be using it.
func (g *Gateway) SetDirectory(next *directory) error {
	g.mu.Lock()
	old := g.dir.Replace(next, &g.mu)
	g.mu.Unlock()
	if old == nil {
		return nil
	}
	g.routeDom.Synchronize() // expect RCU5001
	return old.ldap.Close()
}

// SetRoutes installs a new route table; tables are only memory.
func (g *Gateway) SetRoutes(next *routes) {
	g.mu.Lock()
	g.rt.Replace(next, &g.mu)
	g.mu.Unlock()
	g.routeDom.Synchronize()
}
