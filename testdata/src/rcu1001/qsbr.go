package rcu1001

import "github.com/rcuvet/rcuvet/rcuapi"

// QSBR readers: a quiescent state (Quiescent, Offline, Unregister) ends
// every section of the handle, so a read under a section from before it
// reads nothing protected.

var (
	qdom    rcuapi.QSBR
	qsbrCfg rcuapi.Pointer[config]
)

// derefAfterQuiescent reads with a section that the quiescent state ended.
func derefAfterQuiescent(r *rcuapi.QSBRReader) int {
	s := r.ReadLock()
	a := qsbrCfg.Dereference(s).port
	r.Quiescent()
	return a + qsbrCfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at qsbr.go:\d+, which ended at qsbr.go:\d+`
}

// derefWhileOffline reads while the handle is offline.
func derefWhileOffline(r *rcuapi.QSBRReader, wait chan int) int {
	s := r.ReadLock()
	r.Offline()
	<-wait
	n := qsbrCfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at qsbr.go:\d+, which ended at qsbr.go:\d+`
	r.Online()
	return n
}

// derefAfterUnregister reads after the handle left its domain.
func derefAfterUnregister(r *rcuapi.QSBRReader) int {
	s := r.ReadLock()
	r.Unregister()
	return qsbrCfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at qsbr.go:\d+`
}

// derefAfterReadUnlock reads after the section ended.
func derefAfterReadUnlock() int {
	r := qdom.Register()
	defer r.Unregister()
	s := r.ReadLock()
	r.ReadUnlock(s)
	return qsbrCfg.Dereference(s).port // want `RCU1001: Dereference under the section begun by ReadLock at qsbr.go:\d+, which ended at qsbr.go:\d+`
}

// okQSBRWorker reads under a section per request and announces a
// quiescent state between requests, going offline while it waits.
func okQSBRWorker(reqs chan int, out chan int) {
	r := qdom.Register()
	defer r.Unregister()
	for {
		r.Offline()
		n, ok := <-reqs
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		port := qsbrCfg.Dereference(s).port
		r.ReadUnlock(s)
		r.Quiescent()
		out <- port + n
	}
}

// okQuiescentOtherHandle announces a quiescent state of another handle:
// the section of r is still open.
func okQuiescentOtherHandle(r, other *rcuapi.QSBRReader) int {
	s := r.ReadLock()
	other.Quiescent()
	n := qsbrCfg.Dereference(s).port
	r.ReadUnlock(s)
	return n
}

// okNewSectionAfterOnline begins a new section once the handle is back
// online.
func okNewSectionAfterOnline(r *rcuapi.QSBRReader) int {
	r.Offline()
	r.Online()
	s := r.ReadLock()
	defer r.ReadUnlock(s)
	return qsbrCfg.Dereference(s).port
}

// okMapLoad reads a map under a QSBR section.
func okMapLoad(r *rcuapi.QSBRReader, m *rcuapi.Map[string, *config]) int {
	s := r.ReadLock()
	defer r.ReadUnlock(s)
	if c, ok := m.Load(s, "a"); ok {
		return c.port
	}
	return 0
}
