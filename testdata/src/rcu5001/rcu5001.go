// Package rcu5001 holds the fixtures of RCU5001: a Pointer read under one
// domain and retired with another domain's grace period. This file holds
// the shapes that must be reported; ok.go holds the correct idioms that must
// not be.
package rcu5001

import (
	"sync"

	"fixtures/ptrhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	addr string
	buf  []byte
}

type route struct{ prefix string }

var (
	mu sync.Mutex

	dom  rcuapi.SRCU
	domB rcuapi.SRCU

	classicRead rcuapi.Pointer[config] // read under classic RCU
	srcuRead    rcuapi.Pointer[config] // read under dom
	both        rcuapi.Pointer[config] // read under classic RCU and under dom
	readUnderA  rcuapi.Pointer[config] // read under dom
	viaHelper   rcuapi.Pointer[config] // read under dom
	routes      rcuapi.List[route]     // read under classic RCU
)

func readClassic() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return classicRead.Dereference(s).addr
}

// retireWithSRCU waits for dom's readers; classicRead's readers are classic.
func retireWithSRCU(c *config) {
	mu.Lock()
	old := classicRead.Replace(c, &mu)
	mu.Unlock()
	dom.Synchronize() // want `RCU5001: \w+ waits for a grace period of SRCU domain dom only, but the old value of classicRead, which Replace unpublished \(at rcu5001\.go:\d+\), is read under classic RCU by the reader at rcu5001\.go:\d+ \(readClassic\)`
	old.buf = nil
}

func readSRCU() string {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return srcuRead.Dereference(s).addr
}

// retireWithClassic waits for classic readers; srcuRead's readers use dom.
func retireWithClassic(c *config) {
	mu.Lock()
	old := srcuRead.Replace(c, &mu)
	mu.Unlock()
	rcuapi.Synchronize() // want `RCU5001: \w+ waits for a grace period of classic RCU only, but the old value of srcuRead, which Replace unpublished \(at rcu5001\.go:\d+\), is read under SRCU domain dom by the reader at rcu5001\.go:\d+ \(readSRCU\)`
	old.buf = nil
}

// The shape of CVE-2023-52447: one object read by classic and by SRCU
// readers, retired after an SRCU grace period only.
func readBothClassic() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return both.Dereference(s).addr
}

func readBothSRCU() string {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return both.Dereference(s).addr
}

func retireBothWithSRCUCallback(c *config) {
	mu.Lock()
	old := both.Replace(c, &mu)
	mu.Unlock()
	dom.Call(func() { old.buf = nil }) // want `RCU5001: \w+ waits for a grace period of SRCU domain dom only, but the old value of both, which Replace unpublished \(at rcu5001\.go:\d+\), is read under classic RCU by the reader at rcu5001\.go:\d+ \(readBothClassic\)`
}

func readA() string {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return readUnderA.Dereference(s).addr
}

// retireWithOtherSRCU waits for domB; the readers use dom.
func retireWithOtherSRCU(c *config) {
	mu.Lock()
	old := readUnderA.Replace(c, &mu)
	mu.Unlock()
	domB.Synchronize() // want `RCU5001: \w+ waits for a grace period of SRCU domain domB only, but the old value of readUnderA, which Replace unpublished \(at rcu5001\.go:\d+\), is read under SRCU domain dom by the reader at rcu5001\.go:\d+ \(readA\)`
	old.buf = nil
}

func readRoutes() (n int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for range routes.All(s) {
		n++
	}
	return n
}

// removeWithSRCU removes a route and waits for dom: the readers are classic.
func removeWithSRCU(e *rcuapi.Element[route]) {
	mu.Lock()
	routes.Remove(e)
	mu.Unlock()
	dom.Synchronize() // want `RCU5001: \w+ waits for a grace period of SRCU domain dom only, but the old value of routes, which Remove unpublished \(at rcu5001\.go:\d+\), is read under classic RCU by the reader at rcu5001\.go:\d+ \(readRoutes\)`
}

func readViaHelper() string {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return viaHelper.Dereference(s).addr
}

// waitClassic is a helper that waits for classic readers.
func waitClassic() { rcuapi.Synchronize() }

// retireThroughHelper waits through a helper, for the wrong domain.
func retireThroughHelper(c *config) {
	mu.Lock()
	old := viaHelper.Replace(c, &mu)
	mu.Unlock()
	waitClassic() // want `RCU5001: \w+ waits for a grace period of classic RCU only, but the old value of viaHelper, which Replace unpublished \(at rcu5001\.go:\d+\), is read under SRCU domain dom by the reader at rcu5001\.go:\d+ \(readViaHelper\)`
	old.buf = nil
}

// store keeps its own SRCU domain next to the pointer its readers use.
type store struct {
	dom rcuapi.SRCU
	cur rcuapi.Pointer[config]
}

func (st *store) addr() string {
	s := st.dom.ReadLock()
	defer st.dom.ReadUnlock(s)
	return st.cur.Dereference(s).addr
}

func (st *store) set(c *config) {
	mu.Lock()
	old := st.cur.Replace(c, &mu)
	mu.Unlock()
	rcuapi.Synchronize() // want `RCU5001: \w+ waits for a grace period of classic RCU only, but the old value of store\.cur, which Replace unpublished \(at rcu5001\.go:\d+\), is read under the SRCU domain in field store\.dom by the reader at rcu5001\.go:\d+ \(\(\*store\)\.addr\)`
	old.buf = nil
}

// retireShared retires ptrhelpers.Shared, which ptrhelpers.AddrOf reads
// under ptrhelpers.Dom, after a classic grace period.
func retireShared(c *ptrhelpers.Config) {
	mu.Lock()
	old := ptrhelpers.Shared.Replace(c, &mu)
	mu.Unlock()
	rcuapi.Synchronize() // want `RCU5001: \w+ waits for a grace period of classic RCU only, but the old value of Shared, which Replace unpublished \(at rcu5001\.go:\d+\), is read under SRCU domain Dom by the reader at fixtures/ptrhelpers:ptrhelpers\.go:\d+ \(AddrOf\)`
	old.Port = 0
}

// readTable reads ptrhelpers.Table under dom; ptrhelpers.SetTable waits for
// classic readers only.
func readTable() string {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return ptrhelpers.Table.Dereference(s).Addr // want `RCU5001: Dereference of Table under SRCU domain dom, but the update at fixtures/ptrhelpers:ptrhelpers\.go:\d+ \(SetTable\) waits only for classic RCU`
}

var viaParam rcuapi.Pointer[config] // read by addrOf under its caller's section

// addrOf reads viaParam under the Section it is given.
func addrOf(s rcuapi.Section) string { return viaParam.Dereference(s).addr }

// readViaParam calls addrOf under a classic section.
func readViaParam() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return addrOf(s)
}

// retireViaParam waits for dom; addrOf reads under readViaParam's classic section.
func retireViaParam(c *config) {
	mu.Lock()
	old := viaParam.Replace(c, &mu)
	mu.Unlock()
	dom.Synchronize() // want `RCU5001: \w+ waits for a grace period of SRCU domain dom only, but the old value of viaParam, which Replace unpublished \(at rcu5001\.go:\d+\), is read under classic RCU by the reader at rcu5001\.go:\d+ \(readViaParam\)`
	old.buf = nil
}

// portUnderSRCU reads ptrhelpers.Ports through ptrhelpers.PortOf, under dom.
func portUnderSRCU() int {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return ptrhelpers.PortOf(s)
}

// retirePorts waits for classic readers; portUnderSRCU reads under dom.
func retirePorts(c *ptrhelpers.Config) {
	mu.Lock()
	old := ptrhelpers.Ports.Replace(c, &mu)
	mu.Unlock()
	rcuapi.Synchronize() // want `RCU5001: \w+ waits for a grace period of classic RCU only, but the old value of Ports, which Replace unpublished \(at rcu5001\.go:\d+\), is read under SRCU domain dom by the reader at rcu5001\.go:\d+ \(portUnderSRCU\)`
	old.Port = 0
}
