package rcu1003

import "github.com/rcuvet/rcuvet/rcuapi"

// A continue that skips the end of the iteration's section leaves it open.

func continueLeaks(keys []string) (n int) {
	for _, k := range keys {
		s := rcuapi.ReadLock()
		if k == "" {
			continue // want `RCU1003: this continue leaves the section begun by ReadLock at loopleak\.go:\d+ open: the next iteration begins another`
		}
		n += len(tbl.Dereference(s).addrs[k])
		rcuapi.ReadUnlock(s)
	}
	return n
}

func okContinueAfterEnd(keys []string) (n int) {
	for _, k := range keys {
		s := rcuapi.ReadLock()
		if k == "" {
			rcuapi.ReadUnlock(s)
			continue
		}
		n += len(tbl.Dereference(s).addrs[k])
		rcuapi.ReadUnlock(s)
	}
	return n
}

var loopQ = rcuapi.NewQSBR("rcu1003-loop")

func qsbrContinueLeaks(in <-chan string) (n int) {
	r := loopQ.Register()
	defer r.Unregister()
	for {
		r.Offline()
		k, ok := <-in
		r.Online()
		if !ok {
			return n
		}
		s := r.ReadLock()
		if k == "" {
			continue // want `RCU1003: this continue leaves the section begun by ReadLock at loopleak\.go:\d+ open: only the next iteration's Offline ends it`
		}
		n += len(tbl.Dereference(s).addrs[k])
		r.ReadUnlock(s)
		r.Quiescent()
	}
}
