// Package finalizers is the core's object table. Modules register, per kind
// of object, the function that frees one; the core unlinks objects and runs
// the registered function after a grace period, when lookups that found the
// object have finished.
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

// Register records how objects of kind are freed.
func Register(kind string, free func(*Object)) {
	mu.Lock()
	release[kind] = free
	mu.Unlock()
}

// Unregister forgets kind's free function.
func Unregister(kind string) {
	mu.Lock()
	delete(release, kind)
	mu.Unlock()
}

// Track publishes o.
func Track(o *Object) {
	mu.Lock()
	byKind[o.Kind] = append(byKind[o.Kind], o.ID)
	objects.Store(o.ID, o)
	mu.Unlock()
}

// Size returns the length of o's data, or -1 if id is unknown.
func Size(id uint64) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if o, ok := objects.Load(s, id); ok {
		return len(o.Data)
	}
	return -1
}

// ReleaseKind unlinks every object of kind and frees each with the
// registered function once a grace period has elapsed.
func ReleaseKind(kind string) {
	mu.Lock()
	free := release[kind]
	ids := byKind[kind]
	delete(byKind, kind)
	var gone []*Object
	for _, id := range ids {
		if o, ok := objects.Delete(id); ok {
			gone = append(gone, o)
		}
	}
	mu.Unlock()
	if free == nil {
		return
	}
	for _, o := range gone {
		rcuapi.Call(func() { free(o) })
	}
}
