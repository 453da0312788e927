// Case: multi-tenant cache: a directory SRCU domain protects the tenant map, each tenant has its own SRCU domain for its state; removing a tenant deletes it, waits for the directory domain, then drains and cleans up the tenant's domain
// Source: idiom: nested SRCU domains with per-object init_srcu_struct()/cleanup_srcu_struct() (Documentation/RCU/checklist.rst item 14: srcu_barrier() before cleanup; readers enter the inner domain only inside the outer one)
// Kind: idiom

package tenantdomains

import (
	"errors"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type state struct {
	entries map[string][]byte
}

type tenant struct {
	mu    sync.Mutex
	dom   *rcuapi.SRCU
	state rcuapi.Pointer[state]
}

type Cache struct {
	dir     rcuapi.SRCU
	tenants rcuapi.Map[string, *tenant]
}

func (c *Cache) Get(tenantID, key string) ([]byte, bool) {
	ds := c.dir.ReadLock()
	defer c.dir.ReadUnlock(ds)
	t, ok := c.tenants.Load(ds, tenantID)
	if !ok {
		return nil, false
	}
	ts := t.dom.ReadLock()
	defer t.dom.ReadUnlock(ts)
	v, ok := t.state.Dereference(ts).entries[key]
	if !ok {
		return nil, false
	}
	return append([]byte(nil), v...), true
}

func (c *Cache) Put(tenantID, key string, val []byte) {
	ds := c.dir.ReadLock()
	defer c.dir.ReadUnlock(ds)
	t, ok := c.tenants.Load(ds, tenantID)
	if !ok {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	old := t.state.Protected(&t.mu)
	next := &state{entries: make(map[string][]byte, len(old.entries)+1)}
	for k, v := range old.entries {
		next.entries[k] = v
	}
	next.entries[key] = append([]byte(nil), val...)
	t.state.Replace(next, &t.mu)
	t.dom.Call(func() { clear(old.entries) })
}

func (c *Cache) AddTenant(id string) {
	t := &tenant{dom: rcuapi.NewSRCU("tenant-" + id)}
	t.state.Init(&state{entries: map[string][]byte{}})
	c.tenants.Store(id, t)
}

func (c *Cache) RemoveTenant(id string) error {
	t, ok := c.tenants.Delete(id)
	if !ok {
		return nil
	}
	c.dir.Synchronize()
	t.dom.Barrier()
	if err := t.dom.Cleanup(); err != nil && !errors.Is(err, rcuapi.ErrPendingCallbacks) {
		return err
	}
	return nil
}
