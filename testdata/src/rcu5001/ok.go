package rcu5001

import (
	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	okClassic rcuapi.Pointer[config]
	okSRCU    rcuapi.Pointer[config]
	okBoth    rcuapi.Pointer[config]
	okNoWait  rcuapi.Pointer[config]
	okParam   rcuapi.Pointer[config]
	okFresh   rcuapi.Pointer[config]
	okList    rcuapi.List[route]
)

func okReadClassic() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return okClassic.Dereference(s).addr + okNoWait.Dereference(s).addr + okFresh.Dereference(s).addr
}

// okClassicClassic: classic readers, classic grace period.
func okClassicClassic(c *config) {
	mu.Lock()
	old := okClassic.Replace(c, &mu)
	mu.Unlock()
	rcuapi.Synchronize()
	old.buf = nil
}

func okReadSRCU() string {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return okSRCU.Dereference(s).addr
}

// okSRCUSRCU: SRCU readers, the same domain's callback.
func okSRCUSRCU(c *config) {
	mu.Lock()
	old := okSRCU.Replace(c, &mu)
	mu.Unlock()
	dom.Call(func() { old.buf = nil })
}

func okReadBoth() (string, string) {
	s := rcuapi.ReadLock()
	a := okBoth.Dereference(s).addr
	rcuapi.ReadUnlock(s)
	t := dom.ReadLock()
	b := okBoth.Dereference(t).addr
	dom.ReadUnlock(t)
	return a, b
}

// okWaitBoth waits for both kinds of readers.
func okWaitBoth(c *config) {
	mu.Lock()
	old := okBoth.Replace(c, &mu)
	mu.Unlock()
	rcuapi.Synchronize()
	dom.Synchronize()
	old.buf = nil
}

// okLeaveWaitToCaller waits for nothing: its caller retires the old value.
func okLeaveWaitToCaller(c *config) *config {
	mu.Lock()
	defer mu.Unlock()
	return okNoWait.Replace(c, &mu)
}

// okReadUnderParameter reads under a Section it was given: its domain is
// its caller's.
func okReadUnderParameter(s rcuapi.Section) string { return okParam.Dereference(s).addr }

func okRetireParam(c *config) {
	mu.Lock()
	old := okParam.Replace(c, &mu)
	mu.Unlock()
	dom.Synchronize()
	old.buf = nil
}

// okPublishFresh publishes without retiring anything, then queues unrelated
// work on dom.
func okPublishFresh(c *config) {
	mu.Lock()
	okFresh.Assign(c)
	mu.Unlock()
	dom.Call(func() {})
}

func okReadList() (n int) {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	for range okList.All(s) {
		n++
	}
	return n
}

// okRemoveSRCU removes under dom's grace period: the readers use dom.
func okRemoveSRCU(e *rcuapi.Element[route]) {
	mu.Lock()
	okList.Remove(e)
	mu.Unlock()
	dom.Synchronize()
}

var okViaParam rcuapi.Pointer[config]

func okAddrOf(s rcuapi.Section) string { return okViaParam.Dereference(s).addr }

// okReadViaParamSRCU reads through okAddrOf under dom, which okRetireViaParam waits for.
func okReadViaParamSRCU() string {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	return okAddrOf(s)
}

func okRetireViaParam(c *config) {
	mu.Lock()
	old := okViaParam.Replace(c, &mu)
	mu.Unlock()
	dom.Synchronize()
	old.buf = nil
}
