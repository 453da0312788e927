// Case: the port is closed only after a grace period of the receive path's domain
// Source: Open vSwitch commit 2848cb494620 "gre: Wait for an RCU grace period before freeing port." (https://pintos-os.org/cgi-bin/gitweb.cgi?a=commit&h=2848cb494620a13a64a3f862380d709c5977cecb&p=openvswitch)
// Kind: fixed
// Pair: ovsgreportfree

package ovsgreportfreefix

import (
	"errors"
	"net"
	"net/netip"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Port is a GRE tunnel port.
type Port struct {
	Key    uint32
	Remote netip.AddrPort
	sock   *net.UDPConn
}

// Close releases the port's socket.
func (p *Port) Close() error { return p.sock.Close() }

var (
	portDom rcuapi.SRCU // the receive path writes to the port's socket
	ports   rcuapi.Map[uint32, *Port]

	errNoPort = errors.New("no such port")
)

// Forward sends pkt out of the port with key.
func Forward(key uint32, pkt []byte) error {
	s := portDom.ReadLock()
	defer portDom.ReadUnlock(s)
	p, ok := ports.Load(s, key)
	if !ok {
		return errNoPort
	}
	_, err := p.sock.WriteToUDPAddrPort(pkt, p.Remote)
	return err
}

// AddPort makes p reachable.
func AddPort(p *Port) {
	ports.Store(p.Key, p)
}

// DelPort removes the port with key and releases it.
func DelPort(key uint32) {
	old, ok := ports.Delete(key)
	if !ok {
		return
	}
	portDom.Synchronize()
	old.Close()
}
