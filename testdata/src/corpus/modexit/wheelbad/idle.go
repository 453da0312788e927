// Case: idle-timeout module stores its expiry method in the shared wheel's Timer.OnExpire; Exit fires the wheel and closes its event channel without Barrier
// Source: Linux, "RCU and Unloadable Modules" (rcu_barrier needed whenever callbacks into the module can still be queued at exit, whoever queued them); https://lwn.net/Articles/217484/ and Documentation/RCU/rcubarrier.rst
// Kind: bad
// Pair: wheelfixed

package wheelbad

import (
	"time"

	"fixtures/corpus/modexit/wheelbad/timers"
	"github.com/rcuvet/rcuvet/rcuapi"
)

type conn struct {
	id    uint64
	timer *timers.Timer
}

var (
	conns  rcuapi.Map[uint64, *conn] // read under classic RCU
	events chan uint64               // idle connections, drained by the owner
)

// expire reports c as idle. It never waits.
func (c *conn) expire() {
	select {
	case events <- c.id:
	default:
	}
}

// Module is the idle-timeout module.
var Module = &rcuapi.Module{Name: "idle", Init: load, Exit: unload}

func load() error {
	events = make(chan uint64, 128)
	return nil
}

// Watch arms an idle timer for connection id.
func Watch(id uint64, idle time.Duration) {
	c := &conn{id: id}
	c.timer = &timers.Timer{Deadline: time.Now().Add(idle), OnExpire: c.expire}
	conns.Store(id, c)
	timers.Default.Add(c.timer)
}

// Watched reports whether id has an idle timer.
func Watched(id uint64) bool {
	s := rcuapi.ReadLock()
	_, ok := conns.Load(s, id)
	rcuapi.ReadUnlock(s)
	return ok
}

// unload fires the module's timers so that their owners see the idle
// events, then closes the channel: the expiries the wheel just queued with
// rcuapi.Call run later and send on a closed channel.
// RCU6001 is marked on the Exit function's func line.
func unload() { // expect RCU6001
	timers.Default.ExpireAll()
	close(events)
}
