package good

import (
	"bytes"
	"net"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// The correct counterparts of the blocking and grace-period checks
// (RCU1005, RCU1006, RCU3001, RCU3002, RCU4001), after the checklist's
// good examples.

type logger struct{ f *os.File }

type session struct{ conn net.Conn }

type frame struct{ buf *bytes.Buffer }

var (
	listeners rcuapi.List[chan string]

	loggerMu      sync.Mutex // serialises the updaters of currentLogger
	currentLogger rcuapi.Pointer[logger]

	frameMu   sync.Mutex // serialises the updaters of curFrame
	curFrame  rcuapi.Pointer[frame]
	framePool sync.Pool

	connsMu sync.Mutex // serialises the updaters of conns
	conns   rcuapi.List[net.Conn]

	goodbye = []byte("bye\n")
)

// Notify drops the event for a busy listener rather than block inside the
// classic section.
func Notify(event string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range listeners.All(s) {
		select {
		case e.Value <- event:
		default:
		}
	}
}

// Rotate is update-side code: it needs no section, and waits with none open.
func Rotate(next *logger) {
	loggerMu.Lock()
	old := currentLogger.Replace(next, &loggerMu)
	loggerMu.Unlock()
	if old == nil || old == next {
		return
	}
	rcuapi.Synchronize()
	old.f.Close()
}

// RetireSession hands the blocking goodbye to a goroutine of its own.
func RetireSession(old *session) {
	rcuapi.Call(func() {
		go func() {
			old.conn.Write(goodbye)
			old.conn.Close()
		}()
	})
}

// SwapFrame retires the old frame in a callback that does not wait: it
// already runs after a grace period.
func SwapFrame(next *frame) {
	frameMu.Lock()
	old := curFrame.Replace(next, &frameMu)
	frameMu.Unlock()
	if old != nil {
		rcuapi.Call(func() { framePool.Put(old.buf) })
	}
}

// CloseMatching unpublishes every match, waits once, then closes them.
func CloseMatching(match func(net.Conn) bool) {
	var closing []net.Conn
	connsMu.Lock()
	for e := range conns.AllProtected(&connsMu) {
		if match(e.Value) {
			conns.Remove(e)
			closing = append(closing, e.Value)
		}
	}
	connsMu.Unlock()
	rcuapi.Synchronize()
	for _, c := range closing {
		c.Close()
	}
}
