package rcu2004

import (
	"net"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// What an old object owns goes with it: closing the connections of an
// unpublished pool, in a loop or in a helper, destroys the pool.

type connPool struct{ conns []net.Conn }

func (cp *connPool) closeAll() {
	for _, c := range cp.conns {
		c.Close()
	}
}

type dialer struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[connPool]
	dom rcuapi.SRCU
}

func (d *dialer) closePartsInLoop(next *connPool) {
	d.mu.Lock()
	old := d.cur.Replace(next, &d.mu)
	d.mu.Unlock()
	for _, c := range old.conns {
		c.Close() // want `RCU2004: Close destroys an object that Replace unpublished \(at parts\.go:\d+\) before a grace period elapsed`
	}
}

func (d *dialer) closeWithDeferredHelper(next *connPool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	old := d.cur.Replace(next, &d.mu)
	defer old.closeAll() // want `RCU2004: closeAll destroys an object that Replace unpublished \(at parts\.go:\d+\) before a grace period elapsed`
}

func (d *dialer) okCloseAfterWait(next *connPool) {
	d.mu.Lock()
	old := d.cur.Replace(next, &d.mu)
	d.mu.Unlock()
	rcuapi.Synchronize()
	old.closeAll()
}

// okCloseAfterCleanup: a Cleanup that returns leaves no reader of its
// domain behind.
func (d *dialer) okCloseAfterCleanup() error {
	d.mu.Lock()
	old := d.cur.Replace(nil, &d.mu)
	d.mu.Unlock()
	if err := d.dom.Cleanup(); err != nil {
		return err
	}
	old.closeAll()
	return nil
}

// closePartsAfterDelay closes each connection from a goroutine that only
// sleeps first.
func (d *dialer) closePartsAfterDelay(next *connPool) {
	d.mu.Lock()
	old := d.cur.Replace(next, &d.mu)
	d.mu.Unlock()
	go func() {
		time.Sleep(30 * time.Second)
		for _, c := range old.conns {
			c.Close() // want `RCU2004: Close \(in a goroutine or timer function that only waits a fixed time, which is no grace period\) destroys an object that Replace unpublished`
		}
	}()
}
