// Case: QSBR syslog forwarder ends its section after formatting a line but writes to the TCP collector before it goes offline
// Source: liburcu urcu-qsbr rules (a registered thread must be offline, rcu_thread_offline(), before it blocks); Documentation/RCU/checklist.rst item 2
// Kind: bad
// Pair: qsbr/onlinewritefix

package onlinewrite

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
		if _, err := f.out.Write([]byte(line)); err != nil { // expect RCU1005
			return
		}
		r.Quiescent()
	}
}
