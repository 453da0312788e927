// Case: tenant directory gives the goroutine a formatted line and the channel a value event
// Source: pointer from rcu_dereference() passed to another thread (work item or queue) that runs after rcu_read_unlock() (Documentation/RCU/checklist.rst item 2; whatisRCU.rst)
// Kind: fixed
// Pair: goescape

package goescapefix

import (
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type tenant struct {
	id     string
	plan   string
	owners []string
}

type billingEvent struct {
	id, plan string
}

type Directory struct {
	mu      sync.Mutex
	byID    rcuapi.Map[string, *tenant]
	changes chan billingEvent // consumed by the billing exporter
	log     io.Writer
}

// Touch records an access by tenant id in the audit log, asynchronously.
func (d *Directory) Touch(id, who string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t, ok := d.byID.Load(s, id)
	if !ok {
		return
	}
	line := fmt.Sprintf("tenant=%s plan=%s owners=%v by=%s\n", t.id, t.plan, t.owners, who)
	go func() {
		io.WriteString(d.log, line)
	}()
}

// Notify tells billing about tenant id without waiting.
func (d *Directory) Notify(id string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if t, ok := d.byID.Load(s, id); ok {
		select {
		case d.changes <- billingEvent{id: t.id, plan: t.plan}:
		default:
		}
	}
}

// Upgrade moves a tenant to a new plan; the old version's owner list is
// scrubbed once no reader can see it.
func (d *Directory) Upgrade(id, plan string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	var next tenant
	s := rcuapi.ReadLock()
	cur, ok := d.byID.Load(s, id)
	if ok {
		next = *cur
		next.owners = slices.Clone(cur.owners)
	}
	rcuapi.ReadUnlock(s)
	if !ok {
		return false
	}
	next.plan = plan
	if old, loaded := d.byID.Swap(id, &next); loaded {
		rcuapi.Synchronize()
		clear(old.owners)
	}
	return true
}
