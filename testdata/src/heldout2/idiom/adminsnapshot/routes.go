// Case: route table whose admin dump holds the update RWMutex for reading and reads the table with Protected(rw.RLocker()), while updates hold it for writing and Replace naming the RWMutex
// Source: idiom: rcu_dereference_protected() with a reader-writer lock held for reading on the update side (rcuapi.Pointer.Protected docs: pass rw.RLocker())
// Kind: idiom

package adminsnapshot

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type table struct {
	version uint64
	routes  map[string]string
}

type Routes struct {
	rw  sync.RWMutex // writers: updates; readers: admin dumps that must see a version that is not replaced meanwhile
	cur rcuapi.Pointer[table]
}

func New() *Routes {
	r := &Routes{}
	r.cur.Init(&table{routes: map[string]string{}})
	return r
}

// Lookup is the data-path reader.
func (r *Routes) Lookup(prefix string) (string, bool) {
	s := rcuapi.ReadLock()
	v, ok := r.cur.Dereference(s).routes[prefix]
	rcuapi.ReadUnlock(s)
	return v, ok
}

// Dump writes the table to w; no update can replace it while the dump runs,
// so the version printed matches the routes printed.
func (r *Routes) Dump(w io.Writer) error {
	r.rw.RLock()
	defer r.rw.RUnlock()
	t := r.cur.Protected(r.rw.RLocker())
	if _, err := fmt.Fprintf(w, "version %d\n", t.version); err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(t.routes)) {
		if _, err := fmt.Fprintf(w, "%s -> %s\n", k, t.routes[k]); err != nil {
			return err
		}
	}
	return nil
}

// Set changes one route; tables are only memory.
func (r *Routes) Set(prefix, target string) {
	r.rw.Lock()
	defer r.rw.Unlock()
	old := r.cur.Protected(&r.rw)
	next := &table{version: old.version + 1, routes: maps.Clone(old.routes)}
	next.routes[prefix] = target
	r.cur.Replace(next, &r.rw)
}
