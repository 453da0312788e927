// Case: batch apply holds the zone lock from the read to the publish
// Source: rcu_replace_pointer() called after the update-side lock was dropped early (Documentation/RCU/checklist.rst item 1: hold the update lock across read-copy-publish)
// Kind: fixed
// Pair: replaceafterunlock

package replaceafterunlockfix

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
	defer z.mu.Unlock()
	next := z.cur.Protected(&z.mu).clone()
	for _, r := range batch {
		if err := next.add(r); err != nil {
			return err
		}
	}
	next.serial++
	z.cur.Replace(next, &z.mu)
	return nil
}

// Lookup answers queries.
func (z *Zones) Lookup(name string) []record {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return append([]record(nil), z.cur.Dereference(s).records[name]...)
}
