// Case: daemon connection checked and used inside one section
// Source: ATM LANE use-after-free in send_to_lecd(): lecd checked, then used while lec_atm_close() frees it via RCU (https://deepanshukartikey.dev/blog/2026/03/29/how-i-fixed-a-real-linux-kernel-bug/)
// Kind: fixed
// Pair: lecdcheck

package lecdcheckfix

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
// The send never waits, so it stays inside the section, where detach's
// grace period keeps the channel open.
func (l *lane) sendToDaemon(msg []byte) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	d := l.daemon.Dereference(s)
	if d == nil {
		return false
	}
	return d.deliver(msg)
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
