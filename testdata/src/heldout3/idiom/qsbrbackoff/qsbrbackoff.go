// Case: QSBR exporter worker goes offline for its retry backoff sleep and for the network send, and online again only to read the destination table in a short section
// Source: idiom: liburcu rcu_thread_offline()/rcu_thread_online() around every blocking call of a QSBR thread (urcu-qsbr.h); rcuapi QSBR docs
// Kind: idiom

package qsbrbackoff

import (
	"net"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type dests struct {
	addr string
}

type Exporter struct {
	q    *rcuapi.QSBR
	dest rcuapi.Pointer[dests]
}

func (e *Exporter) Worker(batches <-chan []byte) {
	r := e.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		b, ok := <-batches
		r.Online()
		if !ok {
			return
		}
		for attempt := 0; attempt < 3; attempt++ {
			s := r.ReadLock()
			addr := e.dest.Dereference(s).addr
			r.ReadUnlock(s)
			r.Offline()
			err := send(addr, b)
			if err != nil {
				time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
			}
			r.Online()
			if err == nil {
				break
			}
		}
		r.Quiescent()
	}
}

func send(addr string, b []byte) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Write(b)
	return err
}
