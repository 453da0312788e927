package rcu7004

import (
	"sync"
	"sync/atomic"
	"time"
)

// okDrop lets the garbage collector free the old value.
func okDrop(next *db) {
	handle.Swap(next)
}

// okWaitFirst waits for the users of the old value before closing it.
var users sync.WaitGroup

func okWaitFirst(next *db) {
	old := handle.Swap(next)
	users.Wait()
	old.Close()
}

// okLater closes it in a goroutine after polling its users.
type pooled struct {
	inUse atomic.Int32
}

func (p *pooled) Close() error { return nil }

var pool atomic.Pointer[pooled]

func Use() { pool.Load().inUse.Add(1) }

func okLater(next *pooled) {
	old := pool.Swap(next)
	go func() {
		for old.inUse.Load() > 0 {
			time.Sleep(time.Second)
		}
		old.Close()
	}()
}

// refcounted drops a reference in Release; the last one frees.
type refcounted struct {
	refs atomic.Int32
}

func (r *refcounted) Release() {
	if r.refs.Add(-1) == 0 {
		r.free()
	}
}

func (r *refcounted) free() {}

var shared atomic.Pointer[refcounted]

func Acquire() *refcounted {
	r := shared.Load()
	r.refs.Add(1)
	return r
}

func okRelease(next *refcounted) {
	old := shared.Swap(next)
	old.Release()
}

// okWake closes a channel to wake whoever waits on the old generation.
type generation struct{ done chan struct{} }

var gen atomic.Pointer[generation]

func Wait() { <-gen.Load().done }

func okWake() {
	old := gen.Swap(&generation{done: make(chan struct{})})
	close(old.done)
}

// okNoReader: nothing loads flagSlot, so nothing can hold the old value.
var flagSlot atomic.Pointer[db]

func okNoReader(next *db) {
	old := flagSlot.Swap(next)
	old.Close()
}

// okOwnerClose empties the slot in the owner's own close: its readers are
// done by contract, as with os.File's directory state.
type dirState struct{ buf []byte }

var dirPool = sync.Pool{New: func() any { return new(dirState) }}

func (d *dirState) release() { dirPool.Put(d) }

type file struct {
	dir atomic.Pointer[dirState]
}

func (f *file) Entries() int { return len(f.dir.Load().buf) }

func (f *file) close() {
	if d := f.dir.Swap(nil); d != nil {
		d.release()
	}
}

// okDropCache empties the slot of a cache and frees the cache through a
// helper, as os.File's seek does with its directory state.
func (f *file) seek() {
	if d := f.dir.Swap(nil); d != nil {
		d.release()
	}
}
