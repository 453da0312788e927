// Case: tenantcleanup
// Source: Documentation/RCU/checklist.rst items 14 and 18 (srcu_barrier() before cleanup_srcu_struct()); kernel fixes adding srcu_barrier() ahead of cleanup_srcu_struct() in teardown paths
// Kind: bad
// Pair: srcu/tenantcleanupfix
package tenantcleanup

import (
	"log"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Schema struct {
	Version int
	Tables  []string
}

// Tenant owns one SRCU domain for its schema readers (queries may block).
type Tenant struct {
	Name    string
	mu      sync.Mutex
	domain  *rcuapi.SRCU
	schema  rcuapi.Pointer[Schema]
	retired int
}

func NewTenant(name string, s *Schema) *Tenant {
	t := &Tenant{Name: name, domain: rcuapi.NewSRCU("tenant-" + name)}
	t.schema.Init(s)
	return t
}

// Migrate publishes a new schema; the old one is accounted after its readers finish.
func (t *Tenant) Migrate(next *Schema) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.schema.Replace(next, &t.mu)
	t.domain.Call(func() {
		t.mu.Lock()
		t.retired++
		t.mu.Unlock()
	})
}

// Drop is called when the tenant is deleted; no query can start any more.
func (t *Tenant) Drop() {
	if err := t.domain.Cleanup(); err != nil { // expect RCU6004
		log.Printf("tenant %s: %v", t.Name, err)
	}
}
