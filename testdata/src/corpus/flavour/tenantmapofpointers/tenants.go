// Case: per-tenant quota objects sit in a Go map of RCU pointers read under the tenants' SRCU domain, but a replaced quota is retired after a classic grace period
// Source: issue 13 item 12 (flavour pairing through maps of Pointers); checklist item 7, Documentation/RCU/checklist
// Kind: bad
// Pair: tenantmapofpointersfix

package tenantmapofpointers

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Quota is a tenant's storage quota, backed by an accounting file.
type Quota struct {
	Bytes int64
	log   *os.File
}

// Close closes the quota's accounting file.
func (q *Quota) Close() error { return q.log.Close() }

// Tenants holds one RCU pointer per tenant; the map itself is built once by
// NewTenants and never changes. Readers append to the accounting file, so
// they use an SRCU domain.
type Tenants struct {
	dom    rcuapi.SRCU
	mu     sync.Mutex
	quotas map[string]*rcuapi.Pointer[Quota]
}

// NewTenants returns the tenants named, with no quota yet.
func NewTenants(names []string) *Tenants {
	t := &Tenants{quotas: make(map[string]*rcuapi.Pointer[Quota], len(names))}
	for _, n := range names {
		t.quotas[n] = new(rcuapi.Pointer[Quota])
	}
	return t
}

// Charge accounts n bytes to tenant and reports whether it is within quota.
func (t *Tenants) Charge(tenant string, n int64) bool {
	p := t.quotas[tenant]
	if p == nil {
		return false
	}
	s := t.dom.ReadLock()
	defer t.dom.ReadUnlock(s)
	q := p.Dereference(s)
	if q == nil || n > q.Bytes {
		return false
	}
	_, err := q.log.WriteString(tenant + "\n")
	return err == nil
}

// SetQuota installs q for tenant and retires the old quota.
func (t *Tenants) SetQuota(tenant string, q *Quota) {
	p := t.quotas[tenant]
	if p == nil {
		return
	}
	t.mu.Lock()
	old := p.Replace(q, &t.mu)
	t.mu.Unlock()
	if old != nil {
		rcuapi.Synchronize() // expect RCU5001
		old.Close()
	}
}
