// Case: listener is fully initialised before it is added to the RCU list
// Source: list_add_rcu() of an entry whose fields are still being filled in (Documentation/RCU/checklist.rst item 4)
// Kind: fixed
// Pair: pushbeforeinit

package pushbeforeinitfix

import (
	"errors"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Handler func(payload []byte) error

type listener struct {
	port    uint16
	proto   string
	opened  time.Time
	handler Handler
}

var (
	lmu       sync.Mutex
	listeners rcuapi.List[*listener]
)

var errNoListener = errors.New("no listener")

// Listen registers h for port.
func Listen(port uint16, proto string, h Handler) {
	l := &listener{port: port, proto: proto, opened: time.Now()}
	l.handler = h
	lmu.Lock()
	listeners.PushBack(l)
	lmu.Unlock()
}

// Dispatch runs the handler registered for port; handlers do not block.
func Dispatch(port uint16, payload []byte) error {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range listeners.All(s) {
		if e.Value.port == port {
			return e.Value.handler(payload)
		}
	}
	return errNoListener
}

// Close removes the listener on port.
func Close(port uint16) {
	lmu.Lock()
	defer lmu.Unlock()
	for e := range listeners.AllProtected(&lmu) {
		if e.Value.port == port {
			listeners.Remove(e)
		}
	}
}
