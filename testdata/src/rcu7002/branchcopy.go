package rcu7002

import (
	"sync"
	"sync/atomic"
)

// A struct copy of a snapshot whose pointer field is replaced, on every
// path, by a fresh value before the write goes through it.
type tlsSettings struct {
	MinVersion uint16
	ServerName string
}

type upstream struct {
	Addr string
	TLS  *tlsSettings
}

var (
	upMu sync.Mutex
	up   atomic.Pointer[upstream]
)

func okHarden(min uint16) {
	upMu.Lock()
	defer upMu.Unlock()
	next := *up.Load()
	if next.TLS == nil {
		next.TLS = &tlsSettings{ServerName: next.Addr}
	} else {
		c := *next.TLS
		next.TLS = &c
	}
	next.TLS.MinVersion = min
	up.Store(&next)
}

// hardenSome copies the settings on one path only: the other writes
// into the published ones.
func hardenSome(min uint16, fresh bool) {
	upMu.Lock()
	defer upMu.Unlock()
	next := *up.Load()
	if fresh {
		c := *next.TLS
		next.TLS = &c
	}
	next.TLS.MinVersion = min // want `RCU7002: this assigns to field MinVersion of a loaded snapshot`
	up.Store(&next)
}
