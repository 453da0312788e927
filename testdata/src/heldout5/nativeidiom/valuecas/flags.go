// Case: valuecas
// Source: idiom: atomic.Value holding one concrete type, updated with a CompareAndSwap retry loop (sync/atomic Value.CompareAndSwap, Go 1.17)
// Kind: idiom
package valuecas

import (
	"maps"
	"sync/atomic"
)

type flagSet struct {
	on map[string]bool
}

type Flags struct {
	v atomic.Value // *flagSet
}

func New() *Flags {
	f := &Flags{}
	f.v.Store(&flagSet{on: map[string]bool{}})
	return f
}

func (f *Flags) On(name string) bool { return f.v.Load().(*flagSet).on[name] }

// Set may be called from any goroutine.
func (f *Flags) Set(name string, on bool) {
	for {
		old := f.v.Load().(*flagSet)
		next := &flagSet{on: maps.Clone(old.on)}
		next.on[name] = on
		if f.v.CompareAndSwap(old, next) {
			return
		}
	}
}
