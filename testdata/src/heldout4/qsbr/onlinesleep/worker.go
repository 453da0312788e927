// Case: QSBR log-shipping worker backs off with time.Sleep after a failed send while its reader handle is still online, holding up every grace period of the domain
// Source: liburcu urcu-qsbr rules (rcu_thread_offline() before blocking); rcuapi QSBR docs ("Offline before it blocks for long"); Documentation/RCU/checklist.rst item 2
// Kind: bad
// Pair: qsbr/onlinesleepfix

package onlinesleep

import (
	"net"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type sink struct {
	addr string
}

type Shipper struct {
	dom  *rcuapi.QSBR
	sink rcuapi.Pointer[sink]
}

func (sh *Shipper) Run(lines <-chan []byte) {
	r := sh.dom.Register()
	defer r.Unregister()
	backoff := 100 * time.Millisecond
	for {
		r.Offline()
		line, ok := <-lines
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		addr := sh.sink.Dereference(s).addr
		r.ReadUnlock(s)
		r.Quiescent()
		for {
			r.Offline()
			err := send(addr, line)
			r.Online()
			if err == nil {
				break
			}
			time.Sleep(backoff) // expect RCU1005
			backoff = min(2*backoff, 10*time.Second)
		}
	}
}

func send(addr string, line []byte) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Write(line)
	return err
}
