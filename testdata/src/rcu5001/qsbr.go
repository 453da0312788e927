package rcu5001

import "github.com/rcuvet/rcuvet/rcuapi"

// A QSBR domain kept in a field: the handle a worker is given is of that
// domain, the package's only one, so its readers need that domain's grace
// period, which a classic one does not give.
type tracker struct {
	q     *rcuapi.QSBR
	conns rcuapi.Map[string, *config]
	peers rcuapi.Map[string, *config]
}

func newTracker() *tracker { return &tracker{q: rcuapi.NewQSBR("conntrack")} }

// forward is called by QSBR workers.
func (t *tracker) forward(r *rcuapi.QSBRReader, key string) int {
	s := r.ReadLock()
	defer r.ReadUnlock(s)
	n := 0
	if c, ok := t.conns.Load(s, key); ok {
		n += len(c.buf)
	}
	if p, ok := t.peers.Load(s, key); ok {
		n += len(p.buf)
	}
	return n
}

func (t *tracker) expire(key string) *config {
	c, _ := t.conns.Delete(key)
	rcuapi.Synchronize() // want `RCU5001: Synchronize waits for a grace period of classic RCU only, but the old value of tracker\.conns, which Delete unpublished \(at qsbr\.go:\d+\), is read under the QSBR domain in field tracker\.q`
	return c
}

func (t *tracker) okExpirePeer(key string) *config {
	p, _ := t.peers.Delete(key)
	t.q.Synchronize()
	return p
}
