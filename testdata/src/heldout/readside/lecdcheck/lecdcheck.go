// Case: daemon connection checked inside the section, used after it ends
// Source: ATM LANE use-after-free in send_to_lecd(): lecd checked, then used while lec_atm_close() frees it via RCU (https://deepanshukartikey.dev/blog/2026/03/29/how-i-fixed-a-real-linux-kernel-bug/)
// Kind: bad
// Pair: lecdcheckfix

package lecdcheck

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// daemonConn is the control channel to the user-space daemon. shutdown
// closes out; sending on it afterwards panics.
type daemonConn struct {
	id   int
	out  chan []byte
	sent atomic.Int64
}

// deliver hands msg to the daemon without waiting.
func (d *daemonConn) deliver(msg []byte) bool {
	select {
	case d.out <- msg:
		d.sent.Add(1)
		return true
	default:
		return false
	}
}

func (d *daemonConn) shutdown() { close(d.out) }

type lane struct {
	mu     sync.Mutex
	daemon rcuapi.Pointer[daemonConn]
}

// sendToDaemon forwards a control frame to the daemon, if one is attached.
func (l *lane) sendToDaemon(msg []byte) bool {
	s := rcuapi.ReadLock()
	d := l.daemon.Dereference(s)
	rcuapi.ReadUnlock(s)
	if d == nil {
		return false
	}
	return d.deliver(msg) // expect RCU1002
}

// attach installs a new daemon connection.
func (l *lane) attach(id int) {
	d := &daemonConn{id: id, out: make(chan []byte, 64)}
	l.mu.Lock()
	l.daemon.Assign(d)
	l.mu.Unlock()
}

// detach is called when the daemon closes its socket.
func (l *lane) detach() {
	l.mu.Lock()
	old := l.daemon.Replace(nil, &l.mu)
	l.mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Synchronize()
	old.shutdown()
}
