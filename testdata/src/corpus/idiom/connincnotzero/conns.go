// Case: a connection found on an RCU list is pinned with an increment-unless-zero on its own refcount (CAS loop, or atomic Add with a dying bias) and used after the section
// Source: idiom: Documentation/RCU/rcuref (atomic_inc_not_zero() under rcu_read_lock(), https://gerrit-public.fairphone.software/plugins/gitiles/kernel/msm-4.9/+/4cdf6bc2476157f397f3b71a9bd4e23c7a7aaf80/Documentation/RCU/rcuref.txt); Linux commit 542b11c07283 "NFS: take a delegation reference in nfs4_get_valid_delegation"
// Kind: idiom

package connincnotzero

import (
	"net"
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Conn is a pooled upstream connection. refs is 1 while it is on the list,
// plus one per user; the last reference closes it.
type Conn struct {
	Remote netip.AddrPort
	refs   atomic.Int64
	nc     net.Conn
}

// get takes a reference unless the connection is already dying.
func (c *Conn) get() bool {
	for {
		n := c.refs.Load()
		if n <= 0 {
			return false
		}
		if c.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (c *Conn) put() {
	if c.refs.Add(-1) == 0 {
		c.nc.Close()
	}
}

var (
	mu    sync.Mutex
	conns rcuapi.List[*Conn]
)

// acquire returns a pinned connection to remote.
func acquire(remote netip.AddrPort) *Conn {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range conns.All(s) {
		if c := e.Value; c.Remote == remote && c.get() {
			return c
		}
	}
	return nil
}

// Send writes msg on a pooled connection to remote.
func Send(remote netip.AddrPort, msg []byte) (bool, error) {
	c := acquire(remote)
	if c == nil {
		return false, nil
	}
	defer c.put()
	_, err := c.nc.Write(msg)
	return true, err
}

// SendFirst writes msg on the first pooled connection that can be pinned.
func SendFirst(msg []byte) error {
	var c *Conn
	s := rcuapi.ReadLock()
	for e := range conns.All(s) {
		if e.Value.get() {
			c = e.Value
			break
		}
	}
	rcuapi.ReadUnlock(s)
	if c == nil {
		return net.ErrClosed
	}
	defer c.put()
	_, err := c.nc.Write(msg)
	return err
}

// Add pools nc.
func Add(remote netip.AddrPort, nc net.Conn) {
	c := &Conn{Remote: remote, nc: nc}
	c.refs.Store(1)
	mu.Lock()
	conns.PushBack(c)
	mu.Unlock()
}

// Drop unlinks every connection to remote and drops the list's reference.
func Drop(remote netip.AddrPort) {
	var gone []*Conn
	mu.Lock()
	for e := range conns.AllProtected(&mu) {
		if e.Value.Remote == remote {
			conns.Remove(e)
			gone = append(gone, e.Value)
		}
	}
	mu.Unlock()
	for _, c := range gone {
		c.put()
	}
}
