// Package finalizers is the core's object table, read by the core's lookups
// under classic RCU. Modules register, per kind, the function that frees an
// object; the core runs it after a grace period.
package finalizers

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Object is one tracked object.
type Object struct {
	Kind string
	ID   uint64
	Data []byte
}

var (
	mu      sync.Mutex
	release = map[string]func(*Object){} // guarded by mu
	byKind  = map[string][]uint64{}      // guarded by mu
	objects rcuapi.Map[uint64, *Object]  // read under classic RCU
)

// Register records how objects of kind are freed; nil forgets it.
func Register(kind string, free func(*Object)) {
	mu.Lock()
	defer mu.Unlock()
	release[kind] = free
}

// Track publishes o.
func Track(o *Object) {
	mu.Lock()
	defer mu.Unlock()
	byKind[o.Kind] = append(byKind[o.Kind], o.ID)
	objects.Store(o.ID, o)
}

// ReleaseKind unlinks every object of kind and frees each with the
// registered function once a grace period has elapsed.
func ReleaseKind(kind string) {
	mu.Lock()
	free := release[kind]
	if free == nil {
		mu.Unlock()
		return
	}
	ids := byKind[kind]
	delete(byKind, kind)
	var gone []*Object
	for _, id := range ids {
		if o, ok := objects.Delete(id); ok {
			gone = append(gone, o)
		}
	}
	mu.Unlock()
	for _, o := range gone {
		rcuapi.Call(func() { free(o) })
	}
}
