// Case: QSBR quota checker ends its section and announces a quiescent state, then re-reads the limits map with the ended section on the slow path
// Source: urcu-qsbr rules (after rcu_quiescent_state() the thread holds no reference from earlier read-side sections); Documentation/RCU/checklist.rst item 2
// Kind: bad
// Pair: stalesectionfixed

package stalesectionbad

import (
	"hash/fnv"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type quota struct {
	perMinute int64
	burst     int64
}

var (
	q      = rcuapi.NewQSBR("quota")
	mu     sync.Mutex
	quotas rcuapi.Map[string, *quota]
	pool   = sync.Pool{New: func() any { return new(quota) }}
	usage  [256]atomic.Int64 // calls this minute, by tenant hash
)

func counter(tenant string) *atomic.Int64 {
	h := fnv.New32a()
	h.Write([]byte(tenant))
	return &usage[h.Sum32()%uint32(len(usage))]
}

// Admit reports whether tenant may make another call this minute. r is
// the calling worker's handle, online.
func Admit(r *rcuapi.QSBRReader, tenant string) bool {
	var qt quota
	s := r.ReadLock()
	p, ok := quotas.Load(s, tenant)
	if ok {
		qt = *p
	}
	r.ReadUnlock(s)
	r.Quiescent()
	if !ok {
		return false
	}
	n := counter(tenant).Add(1)
	if n <= qt.perMinute {
		return true
	}
	// Over the rate: a tenant with a burst allowance may still go ahead.
	if b, ok := quotas.Load(s, tenant); ok && n <= qt.perMinute+b.burst { // expect RCU1001
		return true
	}
	return false
}

// SetQuota installs tenant's quota; the replaced one is recycled once no
// worker can still be reading it.
func SetQuota(tenant string, perMinute, burst int64) {
	nq := pool.Get().(*quota)
	*nq = quota{perMinute: perMinute, burst: burst}
	mu.Lock()
	old, ok := quotas.Swap(tenant, nq)
	mu.Unlock()
	if ok {
		q.Synchronize()
		pool.Put(old)
	}
}
