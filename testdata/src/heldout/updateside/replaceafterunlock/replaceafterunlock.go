// Case: batch apply releases the zone lock after validation and publishes without it
// Source: rcu_replace_pointer() called after the update-side lock was dropped early (Documentation/RCU/checklist.rst item 1: hold the update lock across read-copy-publish)
// Kind: bad
// Pair: replaceafterunlockfix

package replaceafterunlock

import (
	"fmt"
	"maps"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type record struct {
	name, typ, data string
}

type zone struct {
	serial  uint32
	records map[string][]record
}

func (z *zone) clone() *zone {
	return &zone{serial: z.serial, records: maps.Clone(z.records)}
}

func (z *zone) add(r record) error {
	if r.typ == "CNAME" && len(z.records[r.name]) > 0 {
		return fmt.Errorf("CNAME %s conflicts with existing data", r.name)
	}
	z.records[r.name] = append(append([]record(nil), z.records[r.name]...), r)
	return nil
}

type Zones struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[zone]
}

// Apply adds every record of batch, or none.
func (z *Zones) Apply(batch []record) error {
	z.mu.Lock()
	next := z.cur.Protected(&z.mu).clone()
	for _, r := range batch {
		if err := next.add(r); err != nil {
			z.mu.Unlock()
			return err
		}
	}
	z.mu.Unlock()
	next.serial++
	z.cur.Replace(next, &z.mu) // expect RCU2005
	return nil
}

// Lookup answers queries.
func (z *Zones) Lookup(name string) []record {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return append([]record(nil), z.cur.Dereference(s).records[name]...)
}
