package rcu1005

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Inside a QSBR read-side section every block counts, as in a classic
// one; outside it, an online handle's brief blocks (a send, a mutex held
// for a moment) are let through.

type fib struct{ next map[int]int }

type forwarder struct {
	domain *rcuapi.QSBR
	table  rcuapi.Pointer[fib]
	mu     sync.Mutex
	egress []chan int
}

// A send inside the section of a handle the function registers.
func (f *forwarder) badSendInSection(in <-chan int) {
	r := f.domain.Register()
	defer r.Unregister()
	for {
		r.Offline()
		p, ok := <-in
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		if port, found := f.table.Dereference(s).next[p]; found {
			f.egress[port] <- p // want `RCU1005: sends on a channel inside the read-side section of the QSBR reader registered at qsbrsection.go:\d+ begun at qsbrsection.go:\d+`
		}
		r.ReadUnlock(s)
		r.Quiescent()
	}
}

// The same with the handle given by the caller, and the section ended by
// a deferred ReadUnlock.
func (f *forwarder) badSendInSectionOfParam(r *rcuapi.QSBRReader, p int) {
	s := r.ReadLock()
	defer r.ReadUnlock(s)
	if port, found := f.table.Dereference(s).next[p]; found {
		f.egress[port] <- p // want `RCU1005: sends on a channel inside the read-side section of QSBR reader r begun at qsbrsection.go:\d+`
	}
}

// A mutex taken inside the section.
func (f *forwarder) badLockInSection(r *rcuapi.QSBRReader, p int) int {
	s := r.ReadLock()
	defer r.ReadUnlock(s)
	f.mu.Lock() // want `RCU1005: calls sync.Mutex.Lock inside the read-side section of QSBR reader r begun at qsbrsection.go:\d+`
	defer f.mu.Unlock()
	return f.table.Dereference(s).next[p]
}

// The fix: copy out what the send needs, end the section, then send.
func (f *forwarder) okSendAfterSection(r *rcuapi.QSBRReader, p int) {
	s := r.ReadLock()
	port, found := f.table.Dereference(s).next[p]
	r.ReadUnlock(s)
	if found {
		f.egress[port] <- p
	}
}

// Online but outside any section, a send is brief enough.
func (f *forwarder) okSendOnlineOutsideSection(in <-chan int) {
	r := f.domain.Register()
	defer r.Unregister()
	for {
		r.Offline()
		p, ok := <-in
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		port, found := f.table.Dereference(s).next[p]
		r.ReadUnlock(s)
		if found {
			f.egress[port] <- p
		}
		r.Quiescent()
	}
}

// A send that cannot wait, in a select with a default case.
func (f *forwarder) okNonBlockingSendInSection(r *rcuapi.QSBRReader, p int) bool {
	s := r.ReadLock()
	defer r.ReadUnlock(s)
	port, found := f.table.Dereference(s).next[p]
	if !found {
		return false
	}
	select {
	case f.egress[port] <- p:
		return true
	default:
		return false
	}
}
