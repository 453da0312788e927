package rcu1006

import "github.com/rcuvet/rcuvet/rcuapi"

// A QSBR grace period waits for every online handle of its domain; a
// goroutine whose own handle is online must not wait for one.

var (
	qdom   rcuapi.QSBR
	otherQ rcuapi.QSBR
)

// selfSynchronize waits for a grace period with its handle online.
func selfSynchronize() {
	r := qdom.Register()
	defer r.Unregister()
	qdom.Synchronize() // want `^RCU1006: Synchronize of QSBR domain qdom while this goroutine's handle of it, registered at qsbr.go:\d+, may be online: the grace period waits for that handle, which waits here; call Offline on the handle first \(and Online after\)$`
}

// selfBarrier waits for callbacks, which wait for a grace period.
func selfBarrier() {
	r := qdom.Register()
	qdom.Call(func() {})
	qdom.Barrier() // want `RCU1006: Barrier of QSBR domain qdom while this goroutine's handle of it`
	r.Unregister()
}

// selfAfterOnline waits after coming back online.
func selfAfterOnline(q *rcuapi.QSBR) {
	r := q.Register()
	defer r.Unregister()
	r.Offline()
	q.Synchronize()
	r.Online()
	q.Synchronize() // want `RCU1006: Synchronize of QSBR domain q while this goroutine's handle of it`
}

// okOffline goes offline around the wait.
func okOffline() {
	r := qdom.Register()
	defer r.Unregister()
	r.Offline()
	qdom.Synchronize()
	r.Online()
}

// okUnregistered waits after its handle left the domain.
func okUnregistered() {
	r := qdom.Register()
	r.Unregister()
	qdom.Synchronize()
}

// okOtherDomain waits for another domain.
func okOtherDomain() {
	r := qdom.Register()
	defer r.Unregister()
	otherQ.Synchronize()
}

// okNoHandle waits on a goroutine that holds no handle.
func okNoHandle() {
	qdom.Synchronize()
	qdom.Barrier()
}

// reloadAll waits for qdom's grace period one call down.
func reloadAll() { qdom.Synchronize() }

// waitsOneCallDown calls, while its handle is online, a helper that waits
// for the handle's own domain.
func waitsOneCallDown() {
	r := qdom.Register()
	defer r.Unregister()
	reloadAll() // want `RCU1006: call to reloadAll, which calls Synchronize, which waits for a grace period, while this goroutine's handle of QSBR domain qdom`
}

// waitsOffline goes offline first: correct.
func waitsOffline() {
	r := qdom.Register()
	defer r.Unregister()
	r.Offline()
	reloadAll()
	r.Online()
}
