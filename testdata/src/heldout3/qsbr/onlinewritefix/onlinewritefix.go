// Case: QSBR syslog forwarder goes offline around the write to the TCP collector
// Source: liburcu urcu-qsbr rules (a registered thread must be offline, rcu_thread_offline(), before it blocks); Documentation/RCU/checklist.rst item 2
// Kind: fixed
// Pair: qsbr/onlinewrite

package onlinewritefix

import (
	"fmt"
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type facilityMap struct {
	names map[int]string
}

type Forwarder struct {
	q    *rcuapi.QSBR
	fmap rcuapi.Pointer[facilityMap]
	out  net.Conn
}

type Event struct {
	Facility int
	Msg      string
}

func (f *Forwarder) Worker(events <-chan Event) {
	r := f.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		ev, ok := <-events
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		name := f.fmap.Dereference(s).names[ev.Facility]
		r.ReadUnlock(s)
		line := fmt.Sprintf("<%s> %s\n", name, ev.Msg)
		r.Offline()
		_, err := f.out.Write([]byte(line))
		r.Online()
		if err != nil {
			return
		}
	}
}
