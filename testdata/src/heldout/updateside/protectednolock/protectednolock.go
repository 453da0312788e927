// Case: zone serial getter reads with Protected but never takes the zone lock
// Source: rcu_dereference_protected() whose lockdep condition is not actually held by the caller (Documentation/RCU/checklist.rst items 1 and 9; lockdep splat "suspicious rcu_dereference_protected() usage")
// Kind: bad
// Pair: protectednolockfix

package protectednolock

import (
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

type Zones struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[zone]
}

// Serial is used by the NOTIFY sender to decide whether secondaries are stale.
func (z *Zones) Serial() uint32 {
	return z.cur.Protected(&z.mu).serial // expect RCU2005
}

// Add inserts a record and bumps the serial.
func (z *Zones) Add(r record) {
	z.mu.Lock()
	defer z.mu.Unlock()
	old := z.cur.Protected(&z.mu)
	next := &zone{serial: old.serial + 1, records: maps.Clone(old.records)}
	next.records[r.name] = append(append([]record(nil), old.records[r.name]...), r)
	z.cur.Assign(next)
}

// Lookup answers queries.
func (z *Zones) Lookup(name string) []record {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return append([]record(nil), z.cur.Dereference(s).records[name]...)
}

func New() *Zones {
	z := &Zones{}
	z.cur.Init(&zone{serial: 1, records: map[string][]record{}})
	return z
}
