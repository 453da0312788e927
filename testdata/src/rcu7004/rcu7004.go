// Package rcu7004 holds the fixtures of RCU7004: an old value destroyed
// right after it was swapped out of its slot. ok.go holds the correct
// idioms.
package rcu7004

import (
	"bytes"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

type db struct{ closed bool }

func (d *db) Close() error     { d.closed = true; return nil }
func (d *db) Query(string) int { return 0 }

var handle atomic.Pointer[db]

func Query(q string) int { return handle.Load().Query(q) }

func reload(next *db) error {
	old := handle.Swap(next)
	return old.Close() // want `RCU7004: Close destroys the old value of handle right after the Swap that replaced it`
}

// reloadLoaded loads, stores the new one, then closes what it loaded.
func reloadLoaded(next *db) {
	old := handle.Load()
	handle.Store(next)
	old.Close() // want `RCU7004: Close destroys the old value of handle right after the Store that replaced it`
}

var (
	bufs sync.Pool
	buf  atomic.Pointer[bytes.Buffer]
)

func Peek() int { return buf.Load().Len() }

func rotateBuf() {
	old := buf.Swap(new(bytes.Buffer))
	bufs.Put(old) // want `RCU7004: sync\.Pool\.Put recycles the old value of buf right after the Swap`
}

type snapshot struct {
	path  string
	items []int
}

var snap atomic.Pointer[snapshot]

func Items() []int { return snap.Load().items }

func replaceSnapshot(next *snapshot) error {
	prev := snap.Swap(next)
	return os.Remove(prev.path) // want `RCU7004: os\.Remove removes a file of the old value of snap`
}

// reuse refills the old buffer for the next round.
func reuse(xs []int) {
	old := snap.Swap(nil)
	items := old.items[:0]
	for _, x := range xs {
		items = append(items, x) // want `RCU7004: this appends to a slice of the old value`
	}
	snap.Store(&snapshot{items: items})
}

// A helper of the package that stops what it is given destroys it too.
type pacer struct {
	tick *time.Ticker
	rate int
}

func (p pacer) halt() { p.tick.Stop() }

var pace atomic.Pointer[pacer]

func Rate() int { return pace.Load().rate }

func setRate(n int) {
	old := pace.Load()
	pace.Store(&pacer{tick: time.NewTicker(time.Second), rate: n})
	old.halt() // want `RCU7004: halt destroys the old value of pace right after the Store`
}

// A fixed delay before the destroy is no grace period: a reader may be
// slower (boundary's database dbHandle closed on a timer).
var dbHandle atomic.Pointer[db]

func DBHandle() *db { return dbHandle.Load() }

func reopen(next *db) {
	old := dbHandle.Swap(next)
	time.AfterFunc(time.Minute, func() {
		old.Close() // want `RCU7004: Close destroys the old value of dbHandle in a goroutine or timer function that only waits a fixed time after the Swap`
	})
}

func reopenLater(next *db) {
	old := dbHandle.Swap(next)
	go func() {
		time.Sleep(time.Minute)
		old.Close() // want `RCU7004: Close destroys the old value of dbHandle in a goroutine or timer function that only waits a fixed time`
	}()
}
