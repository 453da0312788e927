// Case: QSBR log-shipping worker stays offline for its backoff sleep
// Source: liburcu urcu-qsbr rules (rcu_thread_offline() before blocking); rcuapi QSBR docs ("Offline before it blocks for long"); Documentation/RCU/checklist.rst item 2
// Kind: fixed
// Pair: qsbr/onlinesleep

package onlinesleepfix

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
			if err == nil {
				r.Online()
				break
			}
			time.Sleep(backoff)
			r.Online()
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
