// Package helpers holds correct read-side helpers that the fixtures of
// several checks call across a package boundary. Each helper that takes a
// Section dereferences under it (or ends it, or begins one), so that its
// callers are checked through the helper's summary fact.
package helpers

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Config is the object the helpers read.
type Config struct {
	Port  int
	Name  string
	Peers []string
}

// Current is the configuration, protected by classic RCU.
var Current rcuapi.Pointer[Config]

// Port dereferences under the Section it is given.
func Port(s rcuapi.Section) int { return Current.Dereference(s).Port }

// PortVia passes its Section one step further down the call chain.
func PortVia(s rcuapi.Section) int { return Port(s) + 0 }

// Get returns the configuration loaded under s: it may be used only while s
// is live.
func Get(s rcuapi.Section) *Config { return Current.Dereference(s) }

// Begin begins a classic section and hands it to its caller, who must end
// it.
func Begin() rcuapi.Section { return rcuapi.ReadLock() }

// End ends the classic section it is given.
func End(s rcuapi.Section) { rcuapi.ReadUnlock(s) }

// Show reads the fields of c: it must be given a pointer its caller may
// still use.
func Show(c *Config) string { return c.Name }

// PortInSection reads under a section of its own.
func PortInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return Port(s)
}

// The helpers below are for the blocking checks (RCU1005, RCU1006, RCU3001,
// RCU3002): some block, some wait for a grace period, some only look as if
// they might. None of them begins a section or queues a callback.

// Sleep blocks for d.
func Sleep(d time.Duration) { time.Sleep(d) }

// SleepVia blocks through Sleep, one call further down.
func SleepVia() { Sleep(time.Millisecond) }

var (
	hitsMu sync.Mutex
	hits   int
	stamps atomic.Int64
)

// CountHit takes a mutex.
func CountHit() {
	hitsMu.Lock()
	hits++
	hitsMu.Unlock()
}

// Touch only bumps an atomic counter: it never blocks.
func Touch() { stamps.Add(1) }

// WaitReaders waits for a classic grace period.
func WaitReaders() { rcuapi.Synchronize() }

// DrainCallbacks waits for the classic callbacks queued so far.
func DrainCallbacks() { rcuapi.Barrier() }

// WaitDomain waits for a grace period of d.
func WaitDomain(d *rcuapi.SRCU) { d.Synchronize() }

// Notify sends msg if ch has room and drops it otherwise: it never blocks.
func Notify(ch chan<- string, msg string) bool {
	select {
	case ch <- msg:
		return true
	default:
		return false
	}
}

// NotifyAsync hands a send that may wait to a goroutine of its own, and
// returns at once.
func NotifyAsync(ch chan<- string, msg string) {
	go func() { ch <- msg }()
}

// SleepAsync sleeps on a goroutine of its own, and returns at once.
func SleepAsync(d time.Duration) { go Sleep(d) }

// SendOrBackOff sends msg if ch has room, and otherwise sleeps before
// giving up: its select has a default case, but the default case blocks.
func SendOrBackOff(ch chan<- string, msg string) {
	select {
	case ch <- msg:
	default:
		time.Sleep(time.Millisecond)
	}
}

// A Counter counts under a mutex.
type Counter struct {
	mu sync.Mutex
	n  int
}

// Incr takes c's mutex.
func (c *Counter) Incr() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

// Reset clears c only if nobody holds its mutex: it never blocks.
func (c *Counter) Reset() {
	if c.mu.TryLock() {
		c.n = 0
		c.mu.Unlock()
	}
}

// FlushHits writes the hit count out, waiting for the disk: it blocks.
func FlushHits() {
	CountHit()
	time.Sleep(time.Millisecond)
}

// Spooler hands work to a consumer goroutine.
type Spooler struct{ ch chan int }

// Flush waits until the consumer takes the spooled work: it blocks.
func (s *Spooler) Flush() { s.ch <- 1 }
