// Case: updaters read with Protected under the update lock (including a RWMutex held for reading, named with RLocker), copy, change the copy and publish it; list removals retire after a grace period
// Source: idiom: rcu_dereference_protected() under the update-side lock; checklist items 1, 3 and 15 (Documentation/RCU/checklist)
// Kind: idiom

package protectedcopyupdate

import (
	"maps"
	"os"
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// ACL maps users to their roles.
type ACL struct {
	Roles map[string][]string
}

var (
	rw  sync.RWMutex // updates hold it; the exporter holds it for reading
	acl rcuapi.Pointer[ACL]
)

// HasRole is the hot path: a classic reader.
func HasRole(user, role string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return slices.Contains(acl.Dereference(s).Roles[user], role)
}

// Grant publishes a copy of the ACL with role added to user.
func Grant(user, role string) {
	rw.Lock()
	defer rw.Unlock()
	cur := acl.Protected(&rw)
	next := &ACL{Roles: maps.Clone(cur.Roles)}
	next.Roles[user] = append(slices.Clone(next.Roles[user]), role)
	acl.Assign(next)
}

// Export lists the users while no update can run; it reads the ACL under the
// update lock held for reading.
func Export() []string {
	rw.RLock()
	defer rw.RUnlock()
	return slices.Sorted(maps.Keys(acl.Protected(rw.RLocker()).Roles))
}

// Sink is an audit log destination.
type Sink struct {
	Name string
	f    *os.File
}

// Close closes the sink's file.
func (k *Sink) Close() error { return k.f.Close() }

var (
	sinksMu  sync.Mutex
	sinksDom rcuapi.SRCU // readers write to the sinks' files
	sinks    rcuapi.List[*Sink]
)

// Audit writes line to every sink.
func Audit(line string) {
	s := sinksDom.ReadLock()
	defer sinksDom.ReadUnlock(s)
	for e := range sinks.All(s) {
		e.Value.f.WriteString(line + "\n")
	}
}

// RemoveSinks removes the sinks named names and closes them.
func RemoveSinks(names ...string) {
	var gone []*Sink
	sinksMu.Lock()
	for e := range sinks.AllProtected(&sinksMu) {
		if slices.Contains(names, e.Value.Name) {
			sinks.Remove(e)
			gone = append(gone, e.Value)
		}
	}
	sinksMu.Unlock()
	if len(gone) == 0 {
		return
	}
	sinksDom.Synchronize()
	for _, k := range gone {
		k.Close()
	}
}
